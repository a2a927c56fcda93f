package org.movierec.model;

import java.util.Arrays;

/**
 * One user's ratings as a model sees them: item indices (of the model's {@link IdIndex} of items) and the
 * ratings given, in the same order. This is what a model scores at request time, so ratings written after
 * the model was trained count at once.
 */
public record UserRatings(int[] items, float[] ratings) {

    public UserRatings {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException(items.length + " items but " + ratings.length + " ratings");
        }
    }

    public static UserRatings empty() {
        return new UserRatings(new int[0], new float[0]);
    }

    public int size() {
        return items.length;
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserRatings that
                && Arrays.equals(items, that.items) && Arrays.equals(ratings, that.ratings);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Arrays.hashCode(ratings);
    }

    @Override
    public String toString() {
        return "UserRatings" + Arrays.toString(items) + "=" + Arrays.toString(ratings);
    }
}
