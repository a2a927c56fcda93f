package org.movierec.training.eval;

import org.movierec.model.Recommender;
import org.movierec.model.TopK;
import org.movierec.model.UserRatings;

/**
 * Scores one test user at a time, for the in-JVM {@link Evaluator} and the Spark evaluation alike: one
 * {@code score} call on the user's train ratings, timed, then the predictions of their test items and, when
 * asked, their top-K list without the items they rated in train. One instance per thread: it keeps a
 * scratch array of the catalogue's size.
 */
public final class UserScorer {

    /**
     * @param nanos     how long {@code score} took
     * @param predicted the score of each of the user's test items, in their order; null when the model does
     *                  not predict ratings
     * @param top       the top-K item indices, best first; null when the user is not in the top-N evaluation
     */
    public record Result(long nanos, float[] predicted, int[] top) {
    }

    private final Recommender model;
    private final int maxK;
    private final boolean[] excluded;

    /** @param model a model of the catalogue's items (see {@link RemappedRecommender#onItems}) */
    public UserScorer(Recommender model, int maxK) {
        this.model = model;
        this.maxK = maxK;
        this.excluded = new boolean[model.items().size()];
    }

    /**
     * @param profile   the user's train ratings, by catalogue item index
     * @param testItems the catalogue item indices of the user's test ratings
     * @param topN      whether to rank the user's top-K list
     */
    public Result score(UserRatings profile, int[] testItems, boolean topN) {
        long started = System.nanoTime();
        float[] scores = model.score(profile);
        long nanos = System.nanoTime() - started;
        if (scores.length != excluded.length) {
            throw new IllegalStateException("score returned " + scores.length + " scores for "
                    + excluded.length + " items");
        }
        return new Result(nanos, model.predictsRatings() ? predictions(testItems, scores) : null,
                topN ? top(profile, scores) : null);
    }

    private static float[] predictions(int[] testItems, float[] scores) {
        float[] predicted = new float[testItems.length];
        for (int j = 0; j < testItems.length; j++) {
            predicted[j] = scores[testItems[j]];
        }
        return predicted;
    }

    private int[] top(UserRatings profile, float[] scores) {
        for (int item : profile.items()) {
            excluded[item] = true;
        }
        try {
            for (int item = 0; item < scores.length; item++) {
                if (Float.isNaN(scores[item]) && !excluded[item]) {
                    throw new IllegalArgumentException("the score of item index " + item + " is NaN");
                }
            }
            return TopK.of(scores, maxK, item -> !excluded[item]).indices();
        } finally {
            for (int item : profile.items()) {
                excluded[item] = false;
            }
        }
    }
}
