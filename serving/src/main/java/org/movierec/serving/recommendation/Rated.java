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

    /**
     * A 64-bit digest of the movies and ratings in their order, different for each {@code seed}: two seeds make a
     * 128-bit fingerprint of what the model reads, for {@link KeptAnswers}.
     */
    long digest(long seed) {
        long h = seed;
        for (int i = 0; i < movieIds.length; i++) {
            h = mix(h ^ movieIds[i]);
            h = mix(h ^ Float.floatToIntBits(ratings[i]));
        }
        return mix(h ^ movieIds.length);
    }

    /** SplitMix64's finaliser: every bit of the result depends on every bit of {@code z}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
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
