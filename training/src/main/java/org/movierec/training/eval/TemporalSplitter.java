package org.movierec.training.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.training.data.Ratings;

/**
 * A per-user temporal hold-out: of each user's {@code n} ratings, the latest {@code floor(testFraction * n)}
 * go to test (at most {@code n - 1}, so every user keeps at least one rating in train), which asks a model
 * to predict what a user does next from what they did before. Ratings are ordered by time, ties broken by
 * item index, so no test rating of a user is earlier than any of their train ratings and the split does not
 * depend on the order of the rows. There is nothing random, hence no seed.
 */
public final class TemporalSplitter implements Splitter {

    public static final String NAME = "temporal";

    private final double testFraction;

    /** @param testFraction the share of each user's ratings held out, in (0, 1) */
    public TemporalSplitter(double testFraction) {
        this.testFraction = UserRows.checkFraction(testFraction);
    }

    @Override
    public List<Split> split(Ratings ratings) {
        UserRows byUser = UserRows.of(ratings);
        boolean[] inTest = new boolean[ratings.size()];
        Comparator<Integer> byTime = Comparator.comparingLong(ratings::time);
        Integer[] rows = new Integer[0];
        for (int u = 0; u < byUser.users(); u++) {
            int n = byUser.count(u);
            int tests = UserRows.testCount(n, testFraction);
            if (tests == 0) {
                continue;
            }
            if (rows.length < n) {
                rows = new Integer[Math.max(n, 2 * rows.length)];
            }
            for (int k = 0; k < n; k++) {
                rows[k] = byUser.row(u, k);
            }
            Arrays.sort(rows, 0, n, byTime); // stable: equal times keep the item order
            for (int k = n - tests; k < n; k++) {
                inTest[rows[k]] = true;
            }
        }
        return List.of(UserRows.split(NAME, ratings, inTest));
    }

    @Override
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("split_method", "temporal");
        params.put("split_test_fraction", Double.toString(testFraction));
        return Collections.unmodifiableMap(params);
    }
}
