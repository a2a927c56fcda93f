package org.movierec.serving.system;

/** Something the request names does not exist: answered as a 404 problem detail with this message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
