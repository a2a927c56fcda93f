package org.movierec.training.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of comparing a new version with the champion on the same evaluation data: which alias the
 * new version gets, why, and the figures compared. Written as tags on the version and on the run.
 *
 * @param alias           {@code champion} or {@code challenger}
 * @param reason          one sentence a person reads in the MLflow UI
 * @param championVersion the version compared against; 0 when there was no champion
 * @param championValue   its value of the metric; NaN when there was no champion or it could not be scored
 */
public record Promotion(String alias, String reason, String metric, double candidateValue, int championVersion,
                       double championValue) {

    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";

    /** Metrics for which lower is better; every other metric is better higher. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae", "score_latency_ms_mean",
            "score_latency_ms_p95", "evaluation_time_s", "fit_time_s");

    public boolean promoted() {
        return CHAMPION.equals(alias);
    }

    static boolean lowerIsBetter(String metric) {
        return LOWER_IS_BETTER.contains(metric);
    }

    /** Whether {@code candidate} beats {@code champion} by at least {@code minImprovement} on {@code metric}. */
    public static boolean beats(String metric, double candidate, double champion, double minImprovement) {
        return lowerIsBetter(metric) ? candidate <= champion - minImprovement : candidate >= champion + minImprovement;
    }

    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("promotion.decision", alias);
        tags.put("promotion.reason", reason);
        tags.put("promotion.metric", metric);
        tags.put("promotion.candidate_value", Double.toString(candidateValue));
        tags.put("promotion.champion_version", championVersion == 0 ? "" : Integer.toString(championVersion));
        tags.put("promotion.champion_value", Double.isNaN(championValue) ? "" : Double.toString(championValue));
        return tags;
    }
}
