package org.movierec.training.run;

/** There is nothing to train on or to evaluate yet (no ratings, no champion): exit code 3. */
public final class NoDataException extends IllegalStateException {

    public NoDataException(String message) {
        super(message);
    }
}
