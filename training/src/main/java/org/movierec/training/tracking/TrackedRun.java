package org.movierec.training.tracking;

/**
 * An MLflow run that a training started.
 *
 * @param experimentId the experiment it belongs to
 * @param runId        MLflow's id of the run
 * @param artifactUri  where its artifacts go, e.g. {@code mlflow-artifacts:/1/<runId>/artifacts}
 */
public record TrackedRun(String experimentId, String runId, String artifactUri) {
}
