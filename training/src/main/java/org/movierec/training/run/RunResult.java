package org.movierec.training.run;

import org.movierec.mlflow.ModelVersion;
import org.movierec.training.eval.Evaluation;

/**
 * What a finished run produced.
 *
 * @param runUrl the run's page in the MLflow UI
 */
public record RunResult(String runId, String runUrl, Evaluation evaluation, ModelVersion version,
                        Promotion promotion) {
}
