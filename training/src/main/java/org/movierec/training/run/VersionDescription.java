package org.movierec.training.run;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.movierec.mlflow.ModelVersion;

/**
 * The description of a registry version, the text a person reads on its page in the MLflow UI (Markdown): the
 * model type, the ratings snapshot it was trained on, and in each role the metric it was compared on with its
 * value and the champion's, the decision and why. Written when the version's aliases are decided; the
 * {@code promotion.*} tags keep the same figures for programs.
 */
public final class VersionDescription {

    private VersionDescription() {
    }

    public static String of(ModelVersion version, List<Promotion> promotions, Instant decidedAt) {
        Map<String, String> tags = version.tags();
        StringBuilder text = new StringBuilder();
        text.append("**").append(tags.getOrDefault("model_type", "unknown model type")).append("** model");
        String latest = tags.get("data.latest_rated_at");
        if (tags.containsKey("data.checksum")) {
            text.append(", trained on the ratings snapshot ").append(tags.get("data.checksum"));
            if (latest != null && !latest.isEmpty()) {
                text.append(" (latest rating ").append(latest).append(", ").append(tags.getOrDefault("data.ratings", "?"))
                        .append(" ratings of ").append(tags.getOrDefault("data.users", "?")).append(" users on ")
                        .append(tags.getOrDefault("data.movies", "?")).append(" movies)");
            }
        }
        text.append(".\n\n");
        if (promotions.isEmpty()) {
            text.append("Competes in no role: its evaluation has none of the promotion metrics.\n");
        }
        for (Promotion promotion : promotions) {
            text.append("- **As ").append(promotion.role()).append("**: compared on `").append(promotion.metric())
                    .append("` = ").append(String.format("%.5f", promotion.candidateValue()));
            if (promotion.championVersion() != 0) {
                text.append(" against the champion's (version ").append(promotion.championVersion()).append(") ")
                        .append(Double.isNaN(promotion.championValue()) ? "(not scored)"
                                : String.format("%.5f", promotion.championValue()));
            }
            text.append(" on the same split. Decision: **").append(promotion.decision()).append("**: ")
                    .append(promotion.reason()).append(".\n");
        }
        text.append("\nDecided ").append(decidedAt.truncatedTo(ChronoUnit.SECONDS)).append(".");
        return text.toString();
    }
}
