package org.movierec.etl.load;

/** Too many malformed records: most likely the wrong file was given. Fails the run. */
public class RejectLimitExceededException extends RuntimeException {

    public RejectLimitExceededException(String message) {
        super(message);
    }
}
