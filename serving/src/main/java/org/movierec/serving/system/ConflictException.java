package org.movierec.serving.system;

/** The request clashes with the current state (a taken e-mail, a rating that exists): a 409 problem detail. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
