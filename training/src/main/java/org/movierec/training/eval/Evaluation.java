package org.movierec.training.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The immutable result of evaluating one model on one split: named metric values, in a fixed order, which
 * {@link #asMap()} gives exactly as they are logged to MLflow. Every value is finite. The names:
 * <ul>
 *   <li>{@code test_users}, {@code test_ratings}: users with at least one test rating, test ratings;</li>
 *   <li>{@code rmse}, {@code mae}, {@code precision_liked}, {@code recall_liked}, {@code f1_liked}: over every
 *       test rating, only when the model predicts ratings and there are test ratings (see {@link RatingMetrics});</li>
 *   <li>{@code topn_users}: the users the top-N metrics average over (those with a relevant test item, or a
 *       sample of them); when it is 0 there are no top-N metrics;</li>
 *   <li>for each {@code K}: {@code precision_at_K}, {@code recall_at_K}, {@code ndcg_at_K}, {@code map_at_K},
 *       {@code hit_rate_at_K} (means over those users) and {@code coverage_at_K} (see {@link RankingMetrics});</li>
 *   <li>{@code score_latency_ms_mean}, {@code score_latency_ms_p95}: time of one {@code score} call, when any
 *       user was scored; {@code evaluation_time_s}: the whole evaluation.</li>
 * </ul>
 */
public final class Evaluation {

    public static final String TEST_USERS = "test_users";
    public static final String TEST_RATINGS = "test_ratings";
    public static final String RMSE = "rmse";
    public static final String MAE = "mae";
    public static final String PRECISION_LIKED = "precision_liked";
    public static final String RECALL_LIKED = "recall_liked";
    public static final String F1_LIKED = "f1_liked";
    public static final String TOPN_USERS = "topn_users";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String NDCG = "ndcg";
    public static final String MAP = "map";
    public static final String HIT_RATE = "hit_rate";
    public static final String COVERAGE = "coverage";
    public static final String SCORE_LATENCY_MS_MEAN = "score_latency_ms_mean";
    public static final String SCORE_LATENCY_MS_P95 = "score_latency_ms_p95";
    public static final String EVALUATION_TIME_S = "evaluation_time_s";

    /** What MLflow accepts in a metric key. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-./ ]{1,250}");

    private final Map<String, Double> metrics;

    Evaluation(Map<String, Double> metrics) {
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            if (name == null || !KEY.matcher(name).matches()) {
                throw new IllegalArgumentException("metric name '" + name + "' is not a valid MLflow key");
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metric " + name + " must be a finite number, got " + value);
            }
            copy.put(name, value);
        });
        this.metrics = Collections.unmodifiableMap(copy);
    }

    /** The name of a top-N metric, for example {@code atK(NDCG, 10)} is {@code ndcg_at_10}. */
    public static String atK(String metric, int k) {
        return metric + "_at_" + k;
    }

    /** Every metric, in a fixed order; unmodifiable. */
    public Map<String, Double> asMap() {
        return metrics;
    }

    public boolean has(String name) {
        return metrics.containsKey(name);
    }

    /** The value of a metric that is present. */
    public double get(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric " + name + "; present: " + metrics.keySet());
        }
        return value;
    }

    /**
     * The mean of each metric over several evaluations, such as the folds of a cross-validation (counts and
     * timings are averaged too). All must have the same metric names.
     */
    public static Evaluation mean(List<Evaluation> evaluations) {
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("evaluations must not be empty");
        }
        Map<String, Double> first = evaluations.get(0).metrics;
        for (int e = 1; e < evaluations.size(); e++) {
            if (!evaluations.get(e).metrics.keySet().equals(first.keySet())) {
                throw new IllegalArgumentException("evaluation " + e + " has metrics " + evaluations.get(e).metrics.keySet()
                        + " but evaluation 0 has " + first.keySet() + "; only evaluations with the same metrics average");
            }
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        for (String name : first.keySet()) {
            double sum = 0;
            for (Evaluation evaluation : evaluations) {
                sum += evaluation.metrics.get(name);
            }
            mean.put(name, sum / evaluations.size());
        }
        return new Evaluation(mean);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Evaluation that && metrics.equals(that.metrics);
    }

    @Override
    public int hashCode() {
        return metrics.hashCode();
    }

    @Override
    public String toString() {
        return metrics.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + String.format(Locale.ROOT, "%.4f", entry.getValue()))
                .collect(Collectors.joining(", ", "Evaluation{", "}"));
    }
}
