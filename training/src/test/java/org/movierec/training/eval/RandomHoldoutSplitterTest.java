package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.training.data.Ratings;

class RandomHoldoutSplitterTest {

    private final Ratings ratings = TestRatings.random(300, 200, 40, 11);

    @Test
    void partitionsTheRatingsWithoutLeakage() {
        List<Split> splits = new RandomHoldoutSplitter(0.2, 7).split(ratings);
        assertThat(splits).hasSize(1);
        assertThat(splits.get(0).name()).isEqualTo("holdout");
        TestRatings.assertPartitions(ratings, splits.get(0));
        assertThat(splits.get(0).test().size()).isPositive();
    }

    @Test
    void holdsOutTheFractionOfEachUserRoundedDown() {
        // users 1..4 with 1, 4, 5 and 11 ratings; testFraction 0.2:
        // floor(0.2) = 0, floor(0.8) = 0, floor(1.0) = 1, floor(2.2) = 2 test ratings
        Ratings small = TestRatings.of(
                new double[] {1, 10, 4, 1},
                new double[] {2, 10, 4, 1}, new double[] {2, 20, 4, 1}, new double[] {2, 30, 4, 1},
                new double[] {2, 40, 4, 1},
                new double[] {3, 10, 4, 1}, new double[] {3, 20, 4, 1}, new double[] {3, 30, 4, 1},
                new double[] {3, 40, 4, 1}, new double[] {3, 50, 4, 1},
                new double[] {4, 10, 4, 1}, new double[] {4, 20, 4, 1}, new double[] {4, 30, 4, 1},
                new double[] {4, 40, 4, 1}, new double[] {4, 50, 4, 1}, new double[] {4, 60, 4, 1},
                new double[] {4, 70, 4, 1}, new double[] {4, 80, 4, 1}, new double[] {4, 90, 4, 1},
                new double[] {4, 100, 4, 1}, new double[] {4, 110, 4, 1});
        Split split = new RandomHoldoutSplitter(0.2, 1).split(small).get(0);
        Map<Integer, Integer> tests = TestRatings.countsByUser(split.test());
        assertThat(tests).isEqualTo(Map.of(2, 1, 3, 2));
        TestRatings.assertPartitions(small, split);
    }

    @Test
    void keepsAtLeastOneRatingOfEveryUserInTrain() {
        // testFraction 0.9: a user with 2 ratings gives floor(1.8) = 1 to test, one with 1 rating none
        Ratings small = TestRatings.of(new double[] {1, 10, 4, 1}, new double[] {1, 20, 3, 1},
                new double[] {2, 10, 5, 1});
        Split split = new RandomHoldoutSplitter(0.9, 3).split(small).get(0);
        assertThat(TestRatings.countsByUser(split.test())).isEqualTo(Map.of(0, 1));
        assertThat(TestRatings.countsByUser(split.train())).isEqualTo(Map.of(0, 1, 1, 1));
        Map<Integer, Integer> all = TestRatings.countsByUser(ratings);
        Map<Integer, Integer> train = TestRatings.countsByUser(new RandomHoldoutSplitter(0.9, 3).split(ratings).get(0).train());
        assertThat(train.keySet()).isEqualTo(all.keySet());
    }

    @Test
    void theSameSeedGivesTheSameSplitWhateverTheRowOrder() {
        Split first = new RandomHoldoutSplitter(0.25, 42).split(ratings).get(0);
        Split again = new RandomHoldoutSplitter(0.25, 42).split(ratings).get(0);
        assertThat(TestRatings.rows(again.test())).isEqualTo(TestRatings.rows(first.test()));
        assertThat(again.test().size()).isEqualTo(first.test().size());
        Split reordered = new RandomHoldoutSplitter(0.25, 42).split(TestRatings.shuffled(ratings, 5)).get(0);
        assertThat(TestRatings.rows(reordered.test())).isEqualTo(TestRatings.rows(first.test()));
        Split otherSeed = new RandomHoldoutSplitter(0.25, 43).split(ratings).get(0);
        assertThat(TestRatings.rows(otherSeed.test())).isNotEqualTo(TestRatings.rows(first.test()));
    }

    @Test
    void aRatingKeepsItsSideWhenOtherUsersAndMoviesArrive() {
        // next week's snapshot: 100 new users, with ids below the old ones (so they come first in index
        // order), some rating 50 new movies
        Ratings more = TestRatings.random(400, 250, 40, 12);
        long[] users = new long[ratings.size() + more.size()];
        long[] movies = new long[users.length];
        float[] values = new float[users.length];
        long[] times = new long[users.length];
        int n = 0;
        for (int r = 0; r < ratings.size(); r++, n++) {
            users[n] = ratings.users().idAt(ratings.user(r));
            movies[n] = ratings.items().idAt(ratings.item(r));
            values[n] = ratings.rating(r);
        }
        for (int r = 0; r < more.size(); r++) {
            long user = more.users().idAt(more.user(r));
            if (user >= 1000 + 7L * 300) {
                users[n] = user - (1000 + 7L * 300) + 1;
                movies[n] = more.items().idAt(more.item(r));
                values[n++] = more.rating(r);
            }
        }
        Ratings nextWeek = Ratings.ofIds(java.util.Arrays.copyOf(users, n), java.util.Arrays.copyOf(movies, n),
                java.util.Arrays.copyOf(values, n), java.util.Arrays.copyOf(times, n));

        Split before = new RandomHoldoutSplitter(0.2, 42).split(ratings).get(0);
        Split after = new RandomHoldoutSplitter(0.2, 42).split(nextWeek).get(0);

        assertThat(TestRatings.pairs(after.test())).containsAll(TestRatings.pairs(before.test()));
        assertThat(TestRatings.pairs(after.train())).containsAll(TestRatings.pairs(before.train()));
    }

    @Test
    void paramsNameTheMethodFractionAndSeed() {
        assertThat(new RandomHoldoutSplitter(0.2, 42).params()).containsExactly(
                Map.entry("split_method", "random_holdout"), Map.entry("split_test_fraction", "0.2"),
                Map.entry("split_seed", "42"));
    }

    @Test
    void rejectsBadFractionsAndRepeatedPairs() {
        assertThatThrownBy(() -> new RandomHoldoutSplitter(0, 1)).hasMessageContaining("testFraction must be in (0, 1)");
        assertThatThrownBy(() -> new RandomHoldoutSplitter(1, 1)).hasMessageContaining("testFraction");
        assertThatThrownBy(() -> new RandomHoldoutSplitter(Double.NaN, 1)).hasMessageContaining("testFraction");
        Ratings twice = TestRatings.of(new double[] {5, 10, 4, 1}, new double[] {5, 20, 3, 1}, new double[] {5, 10, 2, 9});
        assertThatThrownBy(() -> new RandomHoldoutSplitter(0.5, 1).split(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user id 5 and movie id 10 more than once");
    }
}
