package org.movierec.training.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How an {@link Evaluator} judges a model.
 *
 * @param likedThreshold a rating at least this is "liked": a positive of the liked decision and, for a
 *                       test rating, a relevant item of the top-N lists
 * @param ks             the list lengths {@code K} of the top-N metrics, distinct, each at least 1; kept
 *                       in ascending order
 * @param maxUsers       0 to evaluate every test user; else at most this many test users, drawn with
 *                       {@code sampleSeed}, for the rating and the top-N metrics alike (scoring every item
 *                       for each of 200,000 users would take longer than training)
 * @param sampleSeed     drives that draw
 * @param threads        how many threads score users (at least 1); results do not depend on it
 */
public record EvaluationSettings(double likedThreshold, List<Integer> ks, int maxUsers, long sampleSeed,
                                 int threads) {

    public EvaluationSettings {
        if (!Double.isFinite(likedThreshold)) {
            throw new IllegalArgumentException("likedThreshold must be a finite rating, got " + likedThreshold);
        }
        if (ks == null || ks.isEmpty()) {
            throw new IllegalArgumentException("ks must hold at least one list length K");
        }
        for (Integer k : ks) {
            if (k == null || k < 1) {
                throw new IllegalArgumentException("ks must hold lengths of at least 1, got " + ks);
            }
        }
        if (ks.stream().distinct().count() != ks.size()) {
            throw new IllegalArgumentException("ks must be distinct, got " + ks);
        }
        if (maxUsers < 0) {
            throw new IllegalArgumentException("maxUsers must be 0 (all users) or positive, got " + maxUsers);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ks = ks.stream().sorted().toList();
    }

    /** Liked at 3.5, K of 5, 10 and 20, every user, seed 42, one thread per available processor. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(RatingMetrics.DEFAULT_LIKED_THRESHOLD, List.of(5, 10, 20), 0, 42,
                Runtime.getRuntime().availableProcessors());
    }

    public EvaluationSettings withKs(List<Integer> lengths) {
        return new EvaluationSettings(likedThreshold, lengths, maxUsers, sampleSeed, threads);
    }

    public EvaluationSettings withUserSample(int maxUsers, long seed) {
        return new EvaluationSettings(likedThreshold, ks, maxUsers, seed, threads);
    }

    public EvaluationSettings withThreads(int count) {
        return new EvaluationSettings(likedThreshold, ks, maxUsers, sampleSeed, count);
    }

    /** The longest list length. */
    public int maxK() {
        return ks.get(ks.size() - 1);
    }

    /** The settings that change the numbers, as MLflow run parameters (keys start with {@code eval_}). */
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("eval_liked_threshold", Double.toString(likedThreshold));
        params.put("eval_ks", ks.stream().map(String::valueOf).collect(Collectors.joining(",")));
        params.put("eval_max_users", Integer.toString(maxUsers));
        params.put("eval_sample_seed", Long.toString(sampleSeed));
        return Collections.unmodifiableMap(params);
    }
}
