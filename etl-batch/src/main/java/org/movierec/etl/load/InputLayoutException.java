package org.movierec.etl.load;

/** The input is not what the source expects: a missing file, an unreadable archive, an unknown layout. */
public class InputLayoutException extends RuntimeException {

    public InputLayoutException(String message) {
        super(message);
    }

    public InputLayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
