package org.movierec.training.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.movierec.training.data.Ratings;

/**
 * A small made-up data set with an obvious structure: users 0-19 rate items 0-14 with 5 and items 15-29 with 1,
 * users 20-39 the other way round. A user rates about 4 items in 5, and one rating in 5 of those is held out
 * (every fifth, in a fixed order), so a model that learns the structure predicts held-out ratings well.
 */
final class TinyRatings {

    static final int USERS = 40;
    static final int ITEMS = 30;

    private TinyRatings() {
    }

    static boolean likes(int user, int item) {
        return (user < USERS / 2) == (item < ITEMS / 2);
    }

    /** {@code [train, heldOut]} of the same users and items. */
    static Ratings[] split() {
        List<long[]> rows = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                if ((u * 7 + i * 3) % 5 != 0) {
                    rows.add(new long[] {u + 1, 100 + i, likes(u, i) ? 5 : 1});
                }
            }
        }
        int n = rows.size();
        long[] users = new long[n];
        long[] items = new long[n];
        float[] ratings = new float[n];
        long[] times = new long[n];
        for (int k = 0; k < n; k++) {
            users[k] = rows.get(k)[0];
            items[k] = rows.get(k)[1];
            ratings[k] = rows.get(k)[2];
            times[k] = k;
        }
        Ratings all = Ratings.ofIds(users, items, ratings, times);
        int[] train = IntStream.range(0, n).filter(k -> k % 5 != 2).toArray();
        int[] heldOut = IntStream.range(0, n).filter(k -> k % 5 == 2).toArray();
        return new Ratings[] {all.subset(train), all.subset(heldOut)};
    }
}
