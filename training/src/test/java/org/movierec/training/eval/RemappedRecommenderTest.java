package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;

class RemappedRecommenderTest {

    private static final IdIndex MODEL_ITEMS = IdIndex.of(new long[] {10, 20, 30});
    private static final IdIndex CURRENT_ITEMS = IdIndex.of(new long[] {20, 30, 40});

    /** Scores 10 -> 1.0, 20 -> 2.0, 30 -> 4.5 for everyone and remembers the profiles it was given. */
    private static final class FixedScores implements Recommender {
        final List<UserRatings> profiles = new ArrayList<>();

        @Override
        public String type() {
            return "fixed";
        }

        @Override
        public IdIndex items() {
            return MODEL_ITEMS;
        }

        @Override
        public float[] score(UserRatings user) {
            profiles.add(user);
            return new float[] {1.0f, 2.0f, 4.5f};
        }

        @Override
        public boolean predictsRatings() {
            return false;
        }

        @Override
        public void saveArrays(Path dir) {
        }
    }

    @Test
    void theProfileLosesUnknownItemsAndTheScoresFollowTheCurrentItems() {
        FixedScores model = new FixedScores();
        Recommender remapped = RemappedRecommender.onItems(model, CURRENT_ITEMS);

        // current indices: 0 = movie 20, 1 = movie 30, 2 = movie 40; model indices: 0 = 10, 1 = 20, 2 = 30
        float[] scores = remapped.score(new UserRatings(new int[] {0, 2, 1}, new float[] {4, 5, 3}));

        // movie 40 is unknown to the model and leaves the profile; 20 -> 1, 30 -> 2, in the order given
        assertThat(model.profiles).containsExactly(new UserRatings(new int[] {1, 2}, new float[] {4, 3}));
        // 20 -> 2.0, 30 -> 4.5, 40 -> the lowest score: this model ranks, it does not predict ratings
        assertThat(scores).containsExactly(2.0f, 4.5f, -Float.MAX_VALUE);
        assertThat(remapped.items()).isEqualTo(CURRENT_ITEMS);
        assertThat(remapped.type()).isEqualTo("fixed");
        assertThat(remapped.predictsRatings()).isFalse();
        assertThatThrownBy(() -> remapped.saveArrays(Path.of("unused")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnknownItemGetsTheMeanOfTheModelsScoresForThatUser() {
        // bias model: mu 3, item biases 10 -> 0.9, 20 -> 0, 30 -> -0.3, fold-in penalty 1
        Recommender model = new FactorModel(FactorModel.BIAS_TYPE, MODEL_ITEMS, 3f, new float[] {0.9f, 0f, -0.3f},
                FloatMatrix.zeros(3, 0), 1f, 0.5f, 5f);
        Recommender remapped = RemappedRecommender.onItems(model, CURRENT_ITEMS);

        // rated 20 -> 4 (and 40 -> 5, unknown): b_u = (4 - 3 - 0) / (1 + 1) = 0.5
        // model scores 10: 4.4, 20: 3.5, 30: 3.2; mean 11.1 / 3 = 3.7
        assertThat(remapped.score(new UserRatings(new int[] {0, 2}, new float[] {4, 5})))
                .containsExactly(new float[] {3.5f, 3.2f, 3.7f}, within(1e-5f));
        // rated only 40 -> 5: the model sees nobody, b_u = 0; scores 3.9, 3.0, 2.7; mean 9.6 / 3 = 3.2
        assertThat(remapped.score(new UserRatings(new int[] {2}, new float[] {5})))
                .containsExactly(new float[] {3.0f, 2.7f, 3.2f}, within(1e-5f));
    }

    @Test
    void onTheModelsOwnItemsTheModelItselfIsUsed() {
        FixedScores model = new FixedScores();

        assertThat(RemappedRecommender.onItems(model, IdIndex.of(new long[] {30, 10, 20}))).isSameAs(model);
        assertThat(RemappedRecommender.onItems(model, CURRENT_ITEMS)).isInstanceOf(RemappedRecommender.class);
    }
}
