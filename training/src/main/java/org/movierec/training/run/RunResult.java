package org.movierec.training.run;

import java.io.PrintStream;
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
    public static RunResult skipped(ModelVersion existing) {
        return new RunResult(existing.runId(), null, null, existing, null);
    }

    public boolean skipped() {
        return evaluation == null;
    }

    /** The outcome as a person reads it on the console: the run link, the version and its alias, the metrics. */
    public void print(PrintStream out) {
        if (runUrl != null) {
            out.printf("run %s: %s%n", runId, runUrl);
        }
        if (evaluation == null) {
            out.printf("%s version %d (run %s): %s%n", version.name(), version.version(), runId,
                    promotion != null ? promotion.reason()
                            : "trained on the same data with the same configuration, nothing to train");
            return;
        }
        if (promotion != null) {
            out.printf("registered %s version %d as %s: %s%n", version.name(), version.version(), promotion.alias(),
                    promotion.reason());
        } else {
            out.printf("evaluated %s version %d%n", version.name(), version.version());
        }
        evaluation.asMap().forEach((name, value) -> out.printf("  %-24s %.5f%n", name, value));
    }
}
