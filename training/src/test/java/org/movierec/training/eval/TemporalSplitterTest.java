package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.training.data.Ratings;

class TemporalSplitterTest {

    private final Ratings ratings = TestRatings.random(300, 200, 40, 13);

    @Test
    void holdsOutTheLatestRatingsWithTiesBrokenByItem() {
        // user 1 rated items 10..50 at times 100, 300, 200, 300, 50; by (time, item): 50, 10, 30, 20, 40
        Ratings small = TestRatings.of(new double[] {1, 10, 4, 100}, new double[] {1, 20, 3, 300},
                new double[] {1, 30, 5, 200}, new double[] {1, 40, 2, 300}, new double[] {1, 50, 1, 50});
        // 0.2 of 5 = 1: the last, item 40 (at 300 like item 20, but of higher index)
        assertThat(TestRatings.rows(new TemporalSplitter(0.2).split(small).get(0).test()))
                .containsExactly("1,40,2.0,300");
        // 0.6 of 5 = 3: items 30, 20, 40
        assertThat(TestRatings.rows(new TemporalSplitter(0.6).split(small).get(0).test()))
                .containsExactlyInAnyOrder("1,30,5.0,200", "1,20,3.0,300", "1,40,2.0,300");
    }

    @Test
    void noTestRatingOfAUserIsEarlierThanTheirTrainRatings() {
        Split split = new TemporalSplitter(0.3).split(ratings).get(0);
        TestRatings.assertPartitions(ratings, split);
        long[] latestTrain = new long[ratings.users().size()];
        Arrays.fill(latestTrain, Long.MIN_VALUE);
        for (int r = 0; r < split.train().size(); r++) {
            latestTrain[split.train().user(r)] = Math.max(latestTrain[split.train().user(r)], split.train().time(r));
        }
        assertThat(split.test().size()).isPositive();
        for (int r = 0; r < split.test().size(); r++) {
            assertThat(split.test().time(r)).as(TestRatings.row(split.test(), r))
                    .isGreaterThanOrEqualTo(latestTrain[split.test().user(r)]);
        }
    }

    @Test
    void holdsOutTheFractionOfEachUserRoundedDown() {
        Split split = new TemporalSplitter(0.3).split(ratings).get(0);
        Map<Integer, Integer> all = TestRatings.countsByUser(ratings);
        Map<Integer, Integer> tests = TestRatings.countsByUser(split.test());
        all.forEach((user, n) -> assertThat(tests.getOrDefault(user, 0)).as("user %d with %d ratings", user, n)
                .isEqualTo((int) Math.floor(0.3 * n + 1e-9)));
    }

    @Test
    void theSplitDoesNotDependOnTheRowOrder() {
        Split first = new TemporalSplitter(0.3).split(ratings).get(0);
        Split reordered = new TemporalSplitter(0.3).split(TestRatings.shuffled(ratings, 9)).get(0);
        assertThat(TestRatings.rows(reordered.test())).isEqualTo(TestRatings.rows(first.test()));
    }

    @Test
    void paramsNameTheMethodAndFraction() {
        assertThat(new TemporalSplitter(0.1).params()).containsExactly(
                Map.entry("split_method", "temporal"), Map.entry("split_test_fraction", "0.1"));
    }
}
