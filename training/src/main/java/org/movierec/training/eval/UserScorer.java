package org.movierec.training.eval;

import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;

/**
 * Scores one test user at a time for an {@link Evaluator}: one {@code score} call on the user's train
 * ratings, timed, then the predictions of their test items and, when asked, their top-K list without the
 * items they rated in train. One instance per thread: it keeps a scratch array of the catalogue's size.
 */
final class UserScorer {

    /**
     * @param nanos     how long {@code score} took
     * @param predicted the score of each of the user's test ratings, in the order of their test rows; null
     *                  when the model does not predict ratings
     * @param top       the top-K item indices, best first; null when the user is not in the top-N evaluation
     */
    record Result(long nanos, float[] predicted, int[] top) {
    }

    private final Recommender model;
    private final Split split;
    private final Ratings.ByUser trainByUser;
    private final Ratings.ByUser testByUser;
    private final int maxK;
    private final boolean[] excluded;

    UserScorer(Recommender model, Split split, Ratings.ByUser trainByUser, Ratings.ByUser testByUser, int maxK) {
        this.model = model;
        this.split = split;
        this.trainByUser = trainByUser;
        this.testByUser = testByUser;
        this.maxK = maxK;
        this.excluded = new boolean[model.items().size()];
    }

    Result score(int user, boolean topN) {
        try {
            UserRatings profile = trainByUser.ratings(user);
            long started = System.nanoTime();
            float[] scores = model.score(profile);
            long nanos = System.nanoTime() - started;
            if (scores.length != excluded.length) {
                throw new IllegalStateException("score returned " + scores.length + " scores for "
                        + excluded.length + " items");
            }
            return new Result(nanos, model.predictsRatings() ? predictions(user, scores) : null,
                    topN ? top(profile, scores) : null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("evaluating model '" + model.type() + "' on split '" + split.name()
                    + "' for user id " + split.test().users().idAt(user) + ": " + e.getMessage(), e);
        }
    }

    private float[] predictions(int user, float[] scores) {
        Ratings test = split.test();
        int[] rows = testByUser.rows(user);
        float[] predicted = new float[rows.length];
        for (int j = 0; j < rows.length; j++) {
            predicted[j] = scores[test.item(rows[j])];
        }
        return predicted;
    }

    private int[] top(UserRatings profile, float[] scores) {
        for (int item : profile.items()) {
            excluded[item] = true;
        }
        try {
            return TopK.select(scores, maxK, excluded);
        } finally {
            for (int item : profile.items()) {
                excluded[item] = false;
            }
        }
    }
}
