package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaeModelTest {

    // 3 items, 2 hidden units: W1 rows (1, 0), (0, 1), (1, 1); W2 rows (1, 0, -1), (0, 2, 0); b2 = (0.5, 0, 0)
    private static DaeModel model(float[] encoderBias) {
        return new DaeModel(IdIndex.of(new long[] {10, 20, 30}), 3.5f,
                new FloatMatrix(3, 2, new float[] {1, 0, 0, 1, 1, 1}), encoderBias,
                new FloatMatrix(2, 3, new float[] {1, 0, -1, 0, 2, 0}), new float[] {0.5f, 0, 0});
    }

    @Test
    void scoresAreTheLogitsOfTheNormalisedItemsRatedAtLeastTheThreshold() {
        // items 0 and 1 count (4 and 5 >= 3.5), item 2 does not (2): h = tanh((1, 1) / sqrt 2) = tanh(0.70711)
        // = 0.60886 each; logits 0.5 + h, 2h, -h
        float[] scores = model(new float[] {0, 0}).score(new UserRatings(new int[] {0, 1, 2}, new float[] {4, 5, 2}));

        assertThat(scores[0]).isCloseTo(1.10886f, within(1e-4f));
        assertThat(scores[1]).isCloseTo(1.21772f, within(1e-4f));
        assertThat(scores[2]).isCloseTo(-0.60886f, within(1e-4f));
    }

    @Test
    void anItemRatedTwiceCountsOnce() {
        // only item 2 counts: h = tanh((1, 1) / 1 + (0.5, -0.5)) = (tanh 1.5, tanh 0.5) = (0.90515, 0.46212)
        float[] hidden = model(new float[] {0.5f, -0.5f})
                .hidden(new UserRatings(new int[] {2, 2}, new float[] {4, 5}));

        assertThat(hidden[0]).isCloseTo(0.90515f, within(1e-4f));
        assertThat(hidden[1]).isCloseTo(0.46212f, within(1e-4f));
    }

    @Test
    void aUserWithoutPositiveRatingsGetsTheBiasOnlyAnswer() {
        // h = tanh(0.5, -0.5) = (0.46212, -0.46212); logits 0.5 + 0.46212, -0.92423, -0.46212
        DaeModel model = model(new float[] {0.5f, -0.5f});

        float[] scores = model.score(new UserRatings(new int[] {0}, new float[] {3}));

        assertThat(scores).containsExactly(new float[] {0.96212f, -0.92423f, -0.46212f}, within(1e-4f));
        assertThat(model.score(UserRatings.empty())).containsExactly(scores);
        assertThat(model.predictsRatings()).isFalse();
    }

    @Test
    void savedAndLoadedModelScoresTheSame(@TempDir Path dir) throws Exception {
        DaeModel model = model(new float[] {0.25f, -0.75f});
        SavedModels.save(model, ModelManifest.of(DaeModel.TYPE, Map.of("hidden_units", "2"), Instant.EPOCH), dir);

        Recommender loaded = SavedModels.load(dir);

        UserRatings user = new UserRatings(new int[] {0, 2}, new float[] {5, 4});
        assertThat(loaded).isInstanceOf(DaeModel.class);
        assertThat(loaded.type()).isEqualTo("dae");
        assertThat(loaded.items()).isEqualTo(model.items());
        assertThat(((DaeModel) loaded).threshold()).isEqualTo(3.5f);
        assertThat(loaded.score(user)).containsExactly(model.score(user));
        assertThat(SavedModels.knownTypes()).contains("dae");
    }

    @Test
    void aMissingWeightFileIsNamed(@TempDir Path dir) throws Exception {
        SavedModels.save(model(new float[] {0, 0}), ModelManifest.of(DaeModel.TYPE, Map.of(), Instant.EPOCH), dir);
        Files.delete(dir.resolve("decoder-weights.f32"));

        assertThatThrownBy(() -> SavedModels.load(dir))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("decoder-weights.f32");
    }

    @Test
    void weightsOfTheWrongShapeAreRefused() {
        assertThatThrownBy(() -> new DaeModel(IdIndex.of(new long[] {1, 2}), 3.5f, FloatMatrix.zeros(2, 4),
                new float[4], FloatMatrix.zeros(4, 3), new float[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decoder weights 4 x 2");
    }
}
