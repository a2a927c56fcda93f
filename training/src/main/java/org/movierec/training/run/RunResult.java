package org.movierec.training.run;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.movierec.mlflow.ModelRole;
import org.movierec.mlflow.ModelVersion;
import org.movierec.training.eval.Evaluation;

/**
 * What a finished run produced.
 *
 * @param runUrl     the run's page in the MLflow UI; null when the run was skipped
 * @param evaluation null when the run was skipped
 * @param promotions one per role the version competed in; empty for an evaluation, or when the run was skipped
 */
public record RunResult(String runId, String runUrl, Evaluation evaluation, ModelVersion version,
                        List<Promotion> promotions) {

    public RunResult {
        promotions = List.copyOf(promotions);
    }

    /** A training skipped because {@code existing} was trained with the same configuration on the same data. */
    public static RunResult skipped(ModelVersion existing) {
        return new RunResult(existing.runId(), null, null, existing, List.of());
    }

    public boolean skipped() {
        return evaluation == null;
    }

    /** The decision in {@code role}, if the version competed in it. */
    public Optional<Promotion> promotion(ModelRole role) {
        return promotions.stream().filter(promotion -> promotion.role() == role).findFirst();
    }

    /** What the version holds now, as a person reads it: "champion, predictor-challenger", or "no alias". */
    public String aliases() {
        List<String> held = promotions.stream().map(Promotion::alias).filter(Objects::nonNull).toList();
        return held.isEmpty() ? "no alias" : String.join(", ", held);
    }

    /** The outcome as a person reads it on the console: the run link, the version and its aliases, the metrics. */
    public void print(PrintStream out) {
        if (runUrl != null) {
            out.printf("run %s: %s%n", runId, runUrl);
        }
        if (evaluation == null) {
            out.printf("%s version %d (run %s): %s%n", version.name(), version.version(), runId,
                    promotions.isEmpty() ? "trained on the same data with the same configuration, nothing to train"
                            : aliases());
            return;
        }
        if (promotions.isEmpty()) {
            out.printf("evaluated %s version %d%n", version.name(), version.version());
        } else {
            out.printf("registered %s version %d: %s%n", version.name(), version.version(), aliases());
            promotions.forEach(promotion -> out.printf("  as %s: %s%n", promotion.role(), promotion.reason()));
        }
        evaluation.asMap().forEach((name, value) -> out.printf("  %-24s %.5f%n", name, value));
    }
}
