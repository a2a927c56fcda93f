package org.movierec.training.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.movierec.mlflow.ModelRole;

/**
 * The outcome of comparing a new version, in one {@link ModelRole}, with that role's champion and challenger on
 * the same evaluation data: which of the role's aliases the version now holds, why, and the figures compared.
 * Written as tags on the version and on the run, under the role's {@link ModelRole#tagPrefix()}.
 *
 * @param alias           the role's champion or challenger alias; null when the version holds neither
 * @param reason          one sentence a person reads in the MLflow UI
 * @param championVersion the champion compared against; 0 when there was none
 * @param championValue   its value of the metric; NaN when there was none or it could not be scored
 */
public record Promotion(ModelRole role, String alias, String reason, String metric, double candidateValue,
                        int championVersion, double championValue) {

    /** The ranker's aliases, which the in-JVM and Spark commands and the DAGs name. */
    public static final String CHAMPION = ModelRole.RANKER.championAlias();
    public static final String CHALLENGER = ModelRole.RANKER.challengerAlias();

    /** The {@code decision} tag of a version that holds neither alias of a role. */
    static final String NONE = "none";

    /** Metrics for which lower is better; every other metric is better higher. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae", "score_latency_ms_mean",
            "score_latency_ms_p95", "evaluation_time_s", "fit_time_s");

    public boolean promoted() {
        return role.championAlias().equals(alias);
    }

    /** {@code champion}, {@code challenger} or {@code none}, whatever the role. */
    public String decision() {
        return decision(role, alias);
    }

    static String decision(ModelRole role, String alias) {
        return role.championAlias().equals(alias) ? "champion" : role.challengerAlias().equals(alias) ? "challenger" : NONE;
    }

    static boolean lowerIsBetter(String metric) {
        return LOWER_IS_BETTER.contains(metric);
    }

    /** Whether {@code candidate} beats {@code champion} by at least {@code minImprovement} on {@code metric}. */
    public static boolean beats(String metric, double candidate, double champion, double minImprovement) {
        return lowerIsBetter(metric) ? candidate <= champion - minImprovement : candidate >= champion + minImprovement;
    }

    public Map<String, String> tags() {
        String prefix = role.tagPrefix();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(prefix + "decision", decision());
        tags.put(prefix + "reason", reason);
        tags.put(prefix + "metric", metric);
        tags.put(prefix + "candidate_value", Double.toString(candidateValue));
        tags.put(prefix + "champion_version", championVersion == 0 ? "" : Integer.toString(championVersion));
        tags.put(prefix + "champion_value", Double.isNaN(championValue) ? "" : Double.toString(championValue));
        return tags;
    }
}
