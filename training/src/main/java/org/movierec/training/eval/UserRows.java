package org.movierec.training.eval;

import java.util.Arrays;
import org.movierec.training.data.Ratings;

/**
 * The row numbers of a rating set grouped by user in a canonical order: users by index, each user's rows
 * by item index. Splitters start from this order so that their result does not depend on the order in
 * which the rows were loaded. Building it rejects a (user, item) pair rated twice, which no split could
 * keep on one side only.
 */
final class UserRows {

    private final int[] start;
    private final int[] rows;

    private UserRows(int[] start, int[] rows) {
        this.start = start;
        this.rows = rows;
    }

    static UserRows of(Ratings ratings) {
        Ratings.ByUser byUser = ratings.byUser();
        int users = ratings.users().size();
        int[] start = new int[users + 1];
        int[] rows = new int[ratings.size()];
        long[] keys = new long[0];
        for (int u = 0; u < users; u++) {
            int[] userRows = byUser.rows(u);
            int n = userRows.length;
            if (keys.length < n) {
                keys = new long[Math.max(n, 2 * keys.length)];
            }
            for (int k = 0; k < n; k++) {
                keys[k] = ((long) ratings.item(userRows[k]) << 32) | userRows[k];
            }
            Arrays.sort(keys, 0, n);
            for (int k = 0; k < n; k++) {
                int row = (int) keys[k];
                if (k > 0 && (keys[k] >>> 32) == (keys[k - 1] >>> 32)) {
                    throw new IllegalArgumentException("ratings hold user id " + ratings.users().idAt(u)
                            + " and movie id " + ratings.items().idAt(ratings.item(row))
                            + " more than once (rows " + (int) keys[k - 1] + " and " + row + "); expected one rating per pair");
                }
                rows[start[u] + k] = row;
            }
            start[u + 1] = start[u] + n;
        }
        return new UserRows(start, rows);
    }

    int users() {
        return start.length - 1;
    }

    int count(int user) {
        return start[user + 1] - start[user];
    }

    /** The {@code k}-th row of {@code user} in canonical order. */
    int row(int user, int k) {
        return rows[start[user] + k];
    }

    /** Every row, user after user, each user's by item index. */
    int[] all() {
        return rows.clone();
    }

    /**
     * How many of a user's {@code n} ratings go to test: {@code floor(fraction * n)} (with a tolerance of
     * {@code 1e-9} so that {@code 0.29 * 100} gives 29), but at most {@code n - 1}, so every user keeps at
     * least one rating in train.
     */
    static int testCount(int n, double fraction) {
        if (n <= 1) {
            return 0;
        }
        return Math.min(n - 1, (int) Math.floor(fraction * n + 1e-9));
    }

    static double checkFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        return testFraction;
    }

    /** The split whose test part holds the rows marked in {@code inTest}; both parts keep the row order. */
    static Split split(String name, Ratings ratings, boolean[] inTest) {
        int tests = 0;
        for (boolean test : inTest) {
            if (test) {
                tests++;
            }
        }
        int[] trainRows = new int[inTest.length - tests];
        int[] testRows = new int[tests];
        int nextTrain = 0;
        int nextTest = 0;
        for (int row = 0; row < inTest.length; row++) {
            if (inTest[row]) {
                testRows[nextTest++] = row;
            } else {
                trainRows[nextTrain++] = row;
            }
        }
        return new Split(name, ratings.subset(trainRows), ratings.subset(testRows));
    }
}
