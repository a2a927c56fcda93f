package org.movierec.training.eval;

import java.io.Serializable;

/**
 * Metrics of rating prediction over pairs {@code (actual[j], predicted[j])}: the errors RMSE and MAE, and
 * precision, recall and F1 of the "liked" decision, where a rating is liked when it is at least the
 * threshold and a prediction at least the threshold counts as predicting "liked".
 */
public final class RatingMetrics {

    /** The usual liked threshold on the MovieLens 0.5-5 scale. */
    public static final double DEFAULT_LIKED_THRESHOLD = 3.5;

    private RatingMetrics() {
    }

    /** Root mean squared error {@code sqrt(sum (predicted - actual)^2 / n)}; {@code NaN} when there are no pairs. */
    public static double rmse(float[] actual, float[] predicted) {
        return Math.sqrt(squaredErrors(actual, predicted) / actual.length);
    }

    /** Mean absolute error {@code sum |predicted - actual| / n}; {@code NaN} when there are no pairs. */
    public static double mae(float[] actual, float[] predicted) {
        return absoluteErrors(actual, predicted) / actual.length;
    }

    /** {@code sum (predicted - actual)^2}, for an RMSE over pairs that come in parts. */
    public static double squaredErrors(float[] actual, float[] predicted) {
        checkPairs(actual, predicted);
        double sum = 0;
        for (int j = 0; j < actual.length; j++) {
            double error = (double) predicted[j] - actual[j];
            sum += error * error;
        }
        return sum;
    }

    /** {@code sum |predicted - actual|}, for an MAE over pairs that come in parts. */
    public static double absoluteErrors(float[] actual, float[] predicted) {
        checkPairs(actual, predicted);
        double sum = 0;
        for (int j = 0; j < actual.length; j++) {
            sum += Math.abs((double) predicted[j] - actual[j]);
        }
        return sum;
    }

    /** The counts of the liked decision over the pairs (all zero when there are none). */
    public static Liked liked(float[] actual, float[] predicted, double threshold) {
        checkPairs(actual, predicted);
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        for (int j = 0; j < actual.length; j++) {
            boolean liked = actual[j] >= threshold;
            boolean predictedLiked = predicted[j] >= threshold;
            if (liked && predictedLiked) {
                truePositives++;
            } else if (predictedLiked) {
                falsePositives++;
            } else if (liked) {
                falseNegatives++;
            }
        }
        return new Liked(truePositives, falsePositives, falseNegatives, actual.length - truePositives
                - falsePositives - falseNegatives);
    }

    /**
     * The confusion counts of the liked decision.
     *
     * @param truePositives  liked and predicted liked
     * @param falsePositives not liked but predicted liked
     * @param falseNegatives liked but not predicted liked
     * @param trueNegatives  neither
     */
    public record Liked(long truePositives, long falsePositives, long falseNegatives, long trueNegatives)
            implements Serializable {

        /** No pairs yet. */
        public static final Liked NONE = new Liked(0, 0, 0, 0);

        /** The counts of both sets of pairs. */
        public Liked plus(Liked other) {
            return new Liked(truePositives + other.truePositives, falsePositives + other.falsePositives,
                    falseNegatives + other.falseNegatives, trueNegatives + other.trueNegatives);
        }

        /** {@code TP / (TP + FP)}, the share of predicted likes that are liked; 0 when nothing was predicted liked. */
        public double precision() {
            long predictedLiked = truePositives + falsePositives;
            return predictedLiked == 0 ? 0 : (double) truePositives / predictedLiked;
        }

        /** {@code TP / (TP + FN)}, the share of likes that were predicted; 0 when nothing was liked. */
        public double recall() {
            long liked = truePositives + falseNegatives;
            return liked == 0 ? 0 : (double) truePositives / liked;
        }

        /** The harmonic mean {@code 2PR / (P + R)} of precision and recall; 0 when both are 0. */
        public double f1() {
            double precision = precision();
            double recall = recall();
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    private static void checkPairs(float[] actual, float[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual ratings but " + predicted.length
                    + " predicted; expected one prediction per rating");
        }
    }
}
