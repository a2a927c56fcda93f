package org.movierec.model;

/** A saved model that cannot be loaded: unknown format or version, a missing, truncated or foreign file. */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
