package org.movierec.training.run;

import java.io.IOException;
import java.sql.SQLException;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.movierec.mlflow.MlflowException;
import org.slf4j.Logger;

/**
 * The exit codes of the training commands, whichever engine runs them: 0 done, 1 the run failed, 2 a usage
 * error (bad option or value), 3 a service was unavailable or there was no data (the database, MLflow, the
 * Spark cluster), so a scheduler can tell a retry from a fix.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }

    /** Logs why a command failed and answers its exit code. */
    public static int forFailure(Exception e, Logger log) {
        if (e instanceof InvalidRequestException) {
            log.error("training: {}", e.getMessage());
            return USAGE;
        }
        if (e instanceof MlflowException mlflow) {
            log.error("MLflow: {}", e.getMessage());
            return mlflow.status() == 0 ? UNAVAILABLE : FAILED;
        }
        if (e instanceof MlflowClientException && !(e instanceof MlflowHttpException) && ioCause(e) != null) {
            // MLflow's Java client (the run's tags, parameters and metrics) could not reach the server
            log.error("MLflow: the tracking server is not reachable: {}", ioCause(e).toString());
            return UNAVAILABLE;
        }
        if (e instanceof SQLException) {
            log.error("Database: {}", e.getMessage());
            return UNAVAILABLE;
        }
        if (e instanceof NoDataException) {
            log.error("{}", e.getMessage());
            return UNAVAILABLE;
        }
        log.error("The run failed", e);
        return FAILED;
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
