package org.movierec.serving.recommendation;

import java.util.Arrays;

import org.movierec.model.IdIndex;
import org.movierec.model.UserRatings;

/** A user's rated movie ids and their ratings, in the same order, as read at request time. */
record Rated(long[] movieIds, float[] ratings) {

    /** The ratings of movies the model knows, as the model's item indices (the others are left out). */
    UserRatings forModel(IdIndex items) {
        int[] indices = new int[movieIds.length];
        float[] values = new float[indices.length];
        int known = 0;
        for (int i = 0; i < indices.length; i++) {
            int index = items.indexOf(movieIds[i]);
            if (index >= 0) {
                indices[known] = index;
                values[known++] = ratings[i];
            }
        }
        return new UserRatings(Arrays.copyOf(indices, known), Arrays.copyOf(values, known));
    }

    /** The user's rating of the movie; null when they have not rated it. */
    Float ratingOf(long movieId) {
        for (int i = 0; i < movieIds.length; i++) {
            if (movieIds[i] == movieId) {
                return ratings[i];
            }
        }
        return null;
    }
}
