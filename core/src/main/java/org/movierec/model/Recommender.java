package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A trained model as serving and evaluation use it: it scores every item of its catalogue for one user
 * given that user's ratings, so ratings written after training count at once and a user unknown to the
 * training data is scored the same way as a known one.
 */
public interface Recommender {

    /** The model type, as written in the manifest of a saved model (for example {@code mf}). */
    String type();

    /** The items the model knows, in the order of its scores. */
    IdIndex items();

    /**
     * One score per item of {@link #items()}; higher is better. Models that {@link #predictsRatings()} return
     * the predicted rating. Items the user rated are scored too; callers exclude them where they must.
     */
    float[] score(UserRatings user);

    /**
     * The same scores written into {@code scores} (of length {@code items().size()}) instead of a new array, for a
     * caller that scores user after user with one buffer per thread.
     */
    default void score(UserRatings user, float[] scores) {
        System.arraycopy(score(user), 0, scores, 0, scores.length);
    }

    /**
     * The scores of some items, {@code score(user)[items[i]]} for each: serving's prediction of one rating and its
     * ranking of the titles similar to a movie (about a hundred candidates) ask for these. A model that can score an
     * item alone overrides it (a factor model: one fold-in and a dot product an item instead of one a movie, 87,585 at
     * ml-32m size).
     */
    default float[] predict(UserRatings user, int... items) {
        float[] all = score(user);
        float[] scores = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            scores[i] = all[items[i]];
        }
        return scores;
    }

    /** Whether {@link #score} returns ratings on the MovieLens scale rather than a ranking score. */
    boolean predictsRatings();

    /** Learned item vectors (one row per item) for item-to-item similarity, when the model has them. */
    default Optional<FloatMatrix> itemVectors() {
        return Optional.empty();
    }

    /** Writes the model's arrays into {@code dir}; {@link SavedModels} adds the manifest and the item ids. */
    void saveArrays(Path dir) throws IOException;
}
