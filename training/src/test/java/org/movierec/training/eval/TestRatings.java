package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.movierec.training.data.Ratings;

/** Rating sets for the tests and the checks every split must pass. */
final class TestRatings {

    private TestRatings() {
    }

    /** Ratings from rows {@code {userId, movieId, rating, time}}. */
    static Ratings of(double[]... rows) {
        long[] users = new long[rows.length];
        long[] movies = new long[rows.length];
        float[] ratings = new float[rows.length];
        long[] times = new long[rows.length];
        for (int r = 0; r < rows.length; r++) {
            users[r] = (long) rows[r][0];
            movies[r] = (long) rows[r][1];
            ratings[r] = (float) rows[r][2];
            times[r] = (long) rows[r][3];
        }
        return Ratings.ofIds(users, movies, ratings, times);
    }

    /**
     * Random ratings: each of {@code users} users rates between 1 and {@code maxPerUser} distinct items of
     * {@code items}, half-star ratings, times drawn from a small range so that some are equal.
     */
    static Ratings random(int users, int items, int maxPerUser, long seed) {
        Random random = new Random(seed);
        int capacity = users * maxPerUser;
        long[] userIds = new long[capacity];
        long[] movieIds = new long[capacity];
        float[] ratings = new float[capacity];
        long[] times = new long[capacity];
        int n = 0;
        for (int u = 0; u < users; u++) {
            int count = 1 + random.nextInt(maxPerUser);
            Set<Integer> rated = new HashSet<>();
            while (rated.size() < count) {
                rated.add(random.nextInt(items));
            }
            for (int item : rated) {
                userIds[n] = 1000 + 7L * u;
                movieIds[n] = 1 + 3L * item;
                ratings[n] = (1 + random.nextInt(10)) / 2f;
                times[n] = 1_600_000_000L + random.nextInt(50);
                n++;
            }
        }
        return Ratings.ofIds(Arrays.copyOf(userIds, n), Arrays.copyOf(movieIds, n),
                Arrays.copyOf(ratings, n), Arrays.copyOf(times, n));
    }

    /** The same ratings with the rows in another order. */
    static Ratings shuffled(Ratings ratings, long seed) {
        int[] rows = new int[ratings.size()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r;
        }
        Random random = new Random(seed);
        for (int r = rows.length - 1; r > 0; r--) {
            int pick = random.nextInt(r + 1);
            int swap = rows[pick];
            rows[pick] = rows[r];
            rows[r] = swap;
        }
        return ratings.subset(rows);
    }

    /** A rating as text with external ids, to compare rows across rating sets. */
    static String row(Ratings ratings, int row) {
        return ratings.users().idAt(ratings.user(row)) + "," + ratings.items().idAt(ratings.item(row)) + ","
                + ratings.rating(row) + "," + ratings.time(row);
    }

    static Set<String> rows(Ratings ratings) {
        Set<String> rows = new HashSet<>();
        for (int r = 0; r < ratings.size(); r++) {
            rows.add(row(ratings, r));
        }
        return rows;
    }

    /** (user, item) pairs as {@code userId/movieId}. */
    static Set<String> pairs(Ratings ratings) {
        Set<String> pairs = new HashSet<>();
        for (int r = 0; r < ratings.size(); r++) {
            pairs.add(ratings.users().idAt(ratings.user(r)) + "/" + ratings.items().idAt(ratings.item(r)));
        }
        return pairs;
    }

    /** Train and test share no (user, item) pair and together are the whole, each rating once. */
    static void assertPartitions(Ratings whole, Split split) {
        assertThat(split.train().size() + split.test().size()).as("train + test sizes").isEqualTo(whole.size());
        Set<String> trainPairs = pairs(split.train());
        Set<String> testPairs = pairs(split.test());
        assertThat(trainPairs).as("no (user, item) pair on both sides").doesNotContainAnyElementsOf(testPairs);
        Set<String> union = new HashSet<>(rows(split.train()));
        union.addAll(rows(split.test()));
        assertThat(union).as("train and test together").isEqualTo(rows(whole));
        assertThat(split.train().users()).isEqualTo(whole.users());
        assertThat(split.train().items()).isEqualTo(whole.items());
    }

    /** How many ratings each user index has. */
    static Map<Integer, Integer> countsByUser(Ratings ratings) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int r = 0; r < ratings.size(); r++) {
            counts.merge(ratings.user(r), 1, Integer::sum);
        }
        return counts;
    }
}
