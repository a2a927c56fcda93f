package org.movierec.mlflow;

/**
 * A call to the MLflow tracking server failed: the server answered with an error, or could not be reached.
 * The message names the HTTP method and path and carries MLflow's own {@code error_code} and {@code message}.
 */
public class MlflowException extends RuntimeException {

    private final int status;
    private final String errorCode;

    MlflowException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status the server answered with; 0 when it could not be reached. */
    public int status() {
        return status;
    }

    /** MLflow's error code such as {@code RESOURCE_DOES_NOT_EXIST}; null when the answer carried none. */
    public String errorCode() {
        return errorCode;
    }
}
