package org.movierec.training.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.training.data.Hashing;
import org.movierec.training.data.Ratings;

/**
 * A per-user random hold-out: of each user's {@code n} ratings, {@code floor(testFraction * n)} chosen at
 * random go to test, but never all of them — every user keeps at least one rating in train, so a user
 * with a single rating is all train. The ratings chosen are those with the smallest hash of
 * {@code (seed, user id, movie id)}: the same ratings and seed give the same split whatever the order of
 * the rows, and a rating keeps its side from one weekly snapshot to the next unless its user's count
 * moves the cut. That stability is what makes a champion trained on last week's training part fair to
 * compare on this week's test part: it has not seen those ratings.
 */
public final class RandomHoldoutSplitter implements Splitter {

    public static final String NAME = "holdout";

    private final double testFraction;
    private final long seed;

    /**
     * @param testFraction the share of each user's ratings held out, in (0, 1)
     * @param seed         drives the random choice
     */
    public RandomHoldoutSplitter(double testFraction, long seed) {
        this.testFraction = UserRows.checkFraction(testFraction);
        this.seed = seed;
    }

    @Override
    public List<Split> split(Ratings ratings) {
        UserRows byUser = UserRows.of(ratings);
        boolean[] inTest = new boolean[ratings.size()];
        for (int u = 0; u < byUser.users(); u++) {
            int n = byUser.count(u);
            int tests = UserRows.testCount(n, testFraction);
            if (tests == 0) {
                continue;
            }
            long userId = ratings.users().idAt(u);
            int[] rows = new int[n];
            long[] hashes = new long[n];
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                rows[k] = byUser.row(u, k);
                hashes[k] = hash(seed, userId, ratings.items().idAt(ratings.item(rows[k])));
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
            for (int k = 0; k < tests; k++) {
                inTest[rows[order[k]]] = true;
            }
        }
        return List.of(UserRows.split(NAME, ratings, inTest));
    }

    /** How many of a user's {@code n} ratings go to test: {@code floor(testFraction * n)}, but never all of them. */
    public static int testCount(int n, double testFraction) {
        return UserRows.testCount(n, testFraction);
    }

    /** A well-mixed 64-bit hash (SplitMix64's finaliser over the three values). */
    public static long hash(long seed, long userId, long movieId) {
        long h = Hashing.mix(seed ^ 0x9E3779B97F4A7C15L);
        h = Hashing.mix(h ^ userId);
        return Hashing.mix(h ^ movieId);
    }


    @Override
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("split_method", "random_holdout");
        params.put("split_test_fraction", Double.toString(testFraction));
        params.put("split_seed", Long.toString(seed));
        return Collections.unmodifiableMap(params);
    }
}
