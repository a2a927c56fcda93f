package org.movierec.training.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.movierec.training.data.Ratings;

/**
 * A per-user random hold-out: of each user's {@code n} ratings, {@code floor(testFraction * n)} chosen at
 * random go to test, but never all of them — every user keeps at least one rating in train, so a user
 * with a single rating is all train. The choice is a partial Fisher-Yates shuffle of the user's ratings
 * (ordered by item) driven by one {@link Random} seeded with {@code seed} and used user after user in
 * index order, so the same ratings and seed give the same split whatever the order of the rows.
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
        Random random = new Random(seed);
        int[] rows = new int[0];
        for (int u = 0; u < byUser.users(); u++) {
            int n = byUser.count(u);
            int tests = UserRows.testCount(n, testFraction);
            if (tests == 0) {
                continue;
            }
            if (rows.length < n) {
                rows = new int[Math.max(n, 2 * rows.length)];
            }
            for (int k = 0; k < n; k++) {
                rows[k] = byUser.row(u, k);
            }
            for (int k = 0; k < tests; k++) {
                int pick = k + random.nextInt(n - k);
                int chosen = rows[pick];
                rows[pick] = rows[k];
                rows[k] = chosen;
                inTest[chosen] = true;
            }
        }
        return List.of(UserRows.split(NAME, ratings, inTest));
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
