package org.movierec.training.run;

/** A request that cannot run as given (unknown model type, bad hyper-parameter, split or version): exit code 2. */
public final class InvalidRequestException extends IllegalArgumentException {

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
