package org.movierec.training.eval;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running sums an evaluation is reduced from, added to one test user at a time and merged across
 * workers: the rating errors and the liked decision over every test rating of the scored users, the top-N
 * metric sums of the users with a relevant item, the items seen in their lists and the scoring times. Both
 * engines reduce through it, the in-JVM {@link Evaluator} in user order and the Spark evaluation per
 * partition, so a metric has one definition whichever engine computed it.
 */
public final class MetricTotals implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String[] TOP_N_NAMES = {Evaluation.PRECISION, Evaluation.RECALL, Evaluation.NDCG,
            Evaluation.MAP, Evaluation.HIT_RATE};

    private final int[] ks;
    private final double likedThreshold;
    private long testUsers;
    private long testRatings;
    private long pairs;
    private double squaredErrors;
    private double absoluteErrors;
    private RatingMetrics.Liked liked = RatingMetrics.Liked.NONE;
    private long topNUsers;
    private final double[][] topNSums;
    /** Per list length K, the items seen in the first K positions of any list. */
    private final BitSet[] listed;
    private long[] nanos = new long[16];
    private int scored;

    public MetricTotals(EvaluationSettings settings) {
        this.ks = settings.ks().stream().mapToInt(Integer::intValue).toArray();
        this.likedThreshold = settings.likedThreshold();
        this.topNSums = new double[ks.length][TOP_N_NAMES.length];
        this.listed = new BitSet[ks.length];
        Arrays.setAll(listed, k -> new BitSet());
    }

    /** Counts a test user and their test ratings, scored or not. */
    public void addTestUser(int ratings) {
        testUsers++;
        testRatings += ratings;
    }

    /**
     * Adds what scoring one user gave.
     *
     * @param actual    the user's test ratings
     * @param predicted the predictions of those ratings, in the same order; null when the model does not predict
     * @param top       the user's top-K item indices, best first; null when the user is not in the top-N evaluation
     * @param relevant  the item indices of the user's test ratings that are liked (used only with {@code top})
     * @param nanos     how long scoring the user took
     */
    public void addScored(float[] actual, float[] predicted, int[] top, int[] relevant, long nanos) {
        if (predicted != null) {
            addPredictions(actual, predicted);
        }
        if (top != null) {
            addTopN(top, relevant);
        }
        if (scored == this.nanos.length) {
            this.nanos = Arrays.copyOf(this.nanos, scored * 2);
        }
        this.nanos[scored++] = nanos;
    }

    private void addPredictions(float[] actual, float[] predicted) {
        squaredErrors += RatingMetrics.squaredErrors(actual, predicted);
        absoluteErrors += RatingMetrics.absoluteErrors(actual, predicted);
        liked = liked.plus(RatingMetrics.liked(actual, predicted, likedThreshold));
        pairs += actual.length;
    }

    private void addTopN(int[] top, int[] relevant) {
        topNUsers++;
        boolean[] hits = RankingMetrics.hits(top, relevant);
        for (int k = 0; k < ks.length; k++) {
            int length = ks[k];
            topNSums[k][0] += RankingMetrics.precisionAtK(hits, length);
            topNSums[k][1] += RankingMetrics.recallAtK(hits, length, relevant.length);
            topNSums[k][2] += RankingMetrics.ndcgAtK(hits, length, relevant.length);
            topNSums[k][3] += RankingMetrics.averagePrecisionAtK(hits, length, relevant.length);
            topNSums[k][4] += RankingMetrics.hitAtK(hits, length);
            for (int p = 0; p < Math.min(length, top.length); p++) {
                if (top[p] < 0) {
                    throw new IllegalArgumentException("item index " + top[p] + " in a top-N list");
                }
                listed[k].set(top[p]);
            }
        }
    }

    /** The test ratings of the users counted so far. */
    public long testRatings() {
        return testRatings;
    }

    /** Adds another worker's totals to these (the list lengths must be the same). */
    public MetricTotals merge(MetricTotals other) {
        if (!Arrays.equals(ks, other.ks)) {
            throw new IllegalArgumentException("cannot merge totals of K " + Arrays.toString(other.ks)
                    + " into totals of K " + Arrays.toString(ks));
        }
        testUsers += other.testUsers;
        testRatings += other.testRatings;
        pairs += other.pairs;
        squaredErrors += other.squaredErrors;
        absoluteErrors += other.absoluteErrors;
        liked = liked.plus(other.liked);
        topNUsers += other.topNUsers;
        for (int k = 0; k < ks.length; k++) {
            for (int m = 0; m < TOP_N_NAMES.length; m++) {
                topNSums[k][m] += other.topNSums[k][m];
            }
            listed[k].or(other.listed[k]);
        }
        if (scored + other.scored > nanos.length) {
            nanos = Arrays.copyOf(nanos, scored + other.scored);
        }
        System.arraycopy(other.nanos, 0, nanos, scored, other.scored);
        scored += other.scored;
        return this;
    }

    /**
     * The metrics, in the order an evaluation lists them.
     *
     * @param ratingMetrics whether the rating metrics are reported (the model predicts ratings and there are test ratings)
     * @param catalogueSize the number of items the lists were drawn from, for coverage
     * @param seconds       how long the evaluation took
     */
    public Evaluation toEvaluation(boolean ratingMetrics, int catalogueSize, double seconds) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Evaluation.TEST_USERS, (double) testUsers);
        metrics.put(Evaluation.TEST_RATINGS, (double) testRatings);
        if (ratingMetrics) {
            metrics.put(Evaluation.RMSE, Math.sqrt(squaredErrors / pairs));
            metrics.put(Evaluation.MAE, absoluteErrors / pairs);
            metrics.put(Evaluation.PRECISION_LIKED, liked.precision());
            metrics.put(Evaluation.RECALL_LIKED, liked.recall());
            metrics.put(Evaluation.F1_LIKED, liked.f1());
        }
        metrics.put(Evaluation.TOPN_USERS, (double) topNUsers);
        if (topNUsers > 0) {
            if (catalogueSize < 1) {
                throw new IllegalArgumentException("catalogueSize must be at least 1, got " + catalogueSize);
            }
            for (int k = 0; k < ks.length; k++) {
                for (int m = 0; m < TOP_N_NAMES.length; m++) {
                    metrics.put(Evaluation.atK(TOP_N_NAMES[m], ks[k]), topNSums[k][m] / topNUsers);
                }
                metrics.put(Evaluation.atK(Evaluation.COVERAGE, ks[k]), coverage(k, catalogueSize));
            }
        }
        if (scored > 0) {
            long[] measured = Arrays.copyOf(nanos, scored);
            metrics.put(Evaluation.SCORE_LATENCY_MS_MEAN, Latencies.meanMillis(measured));
            metrics.put(Evaluation.SCORE_LATENCY_MS_P95, Latencies.percentileMillis(measured, 95));
        }
        metrics.put(Evaluation.EVALUATION_TIME_S, seconds);
        return new Evaluation(metrics);
    }

    /** The share of the catalogue among the first K items of the lists (K the {@code k}-th list length). */
    private double coverage(int k, int catalogueSize) {
        if (listed[k].length() > catalogueSize) {
            throw new IllegalArgumentException("item index " + (listed[k].length() - 1) + " outside the catalogue of "
                    + catalogueSize + " items");
        }
        return (double) listed[k].cardinality() / catalogueSize;
    }
}
