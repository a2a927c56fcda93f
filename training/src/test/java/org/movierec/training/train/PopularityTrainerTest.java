package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;

class PopularityTrainerTest {

    /*
     * Movies 10, 20, 30, 40 (indices 0..3).
     *   train (rows 0..5): 10 -> 5, 4, 4.5; 20 -> 2; 30 -> 3, 2.5
     *   row 6, not trained on: 40 -> 4, so movie 40 is in the index but nobody rated it in train
     * mu over train = (5 + 4 + 4.5 + 2 + 3 + 2.5) / 6 = 21 / 6 = 3.5
     */
    private static final Ratings ALL = Ratings.ofIds(new long[] {1, 2, 3, 1, 2, 3, 1},
            new long[] {10, 10, 10, 20, 30, 30, 40}, new float[] {5, 4, 4.5f, 2, 3, 2.5f, 4}, new long[7]);
    private static final Ratings TRAIN = ALL.subset(new int[] {0, 1, 2, 3, 4, 5});

    @Test
    void scoresAreTheDampedMeansAndAnItemNobodyRatedScoresZero() {
        Recommender model = new PopularityTrainer(Map.of("damping", "2")).train(TRAIN, ALL.subset(new int[0]),
                EpochListener.NONE);

        // (sum + damping * mu) / (count + damping) with damping 2, mu 3.5:
        //   10: (13.5 + 7) / (3 + 2) = 20.5 / 5 = 4.1
        //   20: (2 + 7) / (1 + 2) = 9 / 3 = 3.0
        //   30: (5.5 + 7) / (2 + 2) = 12.5 / 4 = 3.125
        //   40: no train ratings -> 0
        assertThat(model.score(UserRatings.empty())).containsExactly(new float[] {4.1f, 3.0f, 3.125f, 0f},
                within(1e-6f));
        assertThat(model.type()).isEqualTo("popularity");
        assertThat(model.predictsRatings()).isFalse();
        assertThat(model.items()).isEqualTo(ALL.items());
    }

    @Test
    void withoutDampingTheScoresAreThePlainMeans() {
        Recommender model = new PopularityTrainer(Map.of("damping", "0")).train(TRAIN, ALL.subset(new int[0]),
                EpochListener.NONE);

        // 10: 13.5 / 3 = 4.5; 20: 2; 30: 5.5 / 2 = 2.75; 40: 0
        assertThat(model.score(UserRatings.empty())).containsExactly(new float[] {4.5f, 2f, 2.75f, 0f}, within(1e-6f));
    }

    @Test
    void theDefaultDampingIs25AndEveryUserGetsTheSameScores() {
        PopularityTrainer trainer = new PopularityTrainer(Map.of());
        Recommender model = trainer.train(TRAIN, ALL.subset(new int[0]), EpochListener.NONE);

        assertThat(trainer.params()).containsExactly(Map.entry("damping", "25.0"));
        // 10: (13.5 + 87.5) / 28 = 101 / 28 = 3.6071429; 20: (2 + 87.5) / 26 = 3.4423077;
        // 30: (5.5 + 87.5) / 27 = 93 / 27 = 3.4444444; 40: 0
        float[] expected = {3.6071429f, 3.4423077f, 3.4444444f, 0f};
        assertThat(model.score(UserRatings.empty())).containsExactly(expected, within(1e-6f));
        assertThat(model.score(new UserRatings(new int[] {0, 3}, new float[] {1, 5}))).containsExactly(expected,
                within(1e-6f));
    }
}
