package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;

class PopularityTrainerTest {

    private static final long DAY = 86_400;

    /*
     * Movies 10, 20, 30, 40 (indices 0..3), times in days.
     *   train (rows 0..6): 10 -> 5 (day 0), 4 (day 10), 3 (day 10); 20 -> 3.5 (day 10), 4 (day 10);
     *                      30 -> 2 (day 20), 1 (day 20)
     *   row 7, not trained on: 40 -> 4, so movie 40 is in the index but nobody rated it in train
     * liked (>= 3.5): 10 twice (days 0 and 10), 20 twice (day 10), 30 never
     */
    private static final Ratings ALL = Ratings.ofIds(new long[] {1, 2, 3, 1, 2, 1, 2, 3},
            new long[] {10, 10, 10, 20, 20, 30, 30, 40}, new float[] {5, 4, 3, 3.5f, 4, 2, 1, 4},
            new long[] {0, 10 * DAY, 10 * DAY, 10 * DAY, 10 * DAY, 20 * DAY, 20 * DAY, 20 * DAY});
    private static final Ratings TRAIN = ALL.subset(new int[] {0, 1, 2, 3, 4, 5, 6});

    @Test
    void scoresAreTheNumbersOfLikedRatingsTheSameForEveryUser() {
        PopularityTrainer trainer = new PopularityTrainer(Map.of());
        Recommender model = trainer.train(TRAIN, ALL.subset(new int[0]), EpochListener.NONE);

        assertThat(trainer.params()).containsExactly(Map.entry("liked_rating", "3.5"), Map.entry("half_life_days", "0.0"));
        float[] expected = {2, 2, 0, 0};
        assertThat(model.score(UserRatings.empty())).containsExactly(expected);
        assertThat(model.score(new UserRatings(new int[] {0, 3}, new float[] {1, 5}))).containsExactly(expected);
        assertThat(model.type()).isEqualTo("popularity");
        assertThat(model.predictsRatings()).isFalse();
        assertThat(model.items()).isEqualTo(ALL.items());
    }

    @Test
    void withAHalfLifeEachLikedRatingCountsLessWithItsAgeFromTheNewestRating() {
        Recommender model = new PopularityTrainer(Map.of("half_life_days", "10")).train(TRAIN, ALL.subset(new int[0]),
                EpochListener.NONE);

        // the newest rating is on day 20: 10 -> 0.5^2 + 0.5^1 = 0.75; 20 -> 2 * 0.5 = 1; 30 -> 0
        assertThat(model.score(UserRatings.empty())).containsExactly(new float[] {0.75f, 1f, 0f, 0f}, within(1e-6f));
    }

    @Test
    void theLikedRatingIsASetting() {
        Recommender model = new PopularityTrainer(Map.of("liked_rating", "4.5")).train(TRAIN, ALL.subset(new int[0]),
                EpochListener.NONE);

        assertThat(model.score(UserRatings.empty())).containsExactly(1f, 0f, 0f, 0f);
    }
}
