package org.movierec.training.run;

import org.movierec.mlflow.ModelVersion;
import org.movierec.training.eval.Evaluation;

/**
 * What a finished run produced.
 *
 * @param runUrl     the run's page in the MLflow UI; null when the run was skipped
 * @param evaluation null when the run was skipped
 * @param promotion  null for an evaluation, or when the run was skipped
 */
public record RunResult(String runId, String runUrl, Evaluation evaluation, ModelVersion version,
                        Promotion promotion) {

    /** A training skipped because {@code existing} was trained with the same configuration on the same data. */
    static RunResult skipped(ModelVersion existing) {
        return new RunResult(existing.runId(), null, null, existing, null);
    }

    public boolean skipped() {
        return evaluation == null;
    }
}
