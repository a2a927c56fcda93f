package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlendModelTest {

    @TempDir
    Path dir;

    private final IdIndex items = IdIndex.of(new long[] {10, 20, 30});
    // bias model: mu 3, item biases (0.5, -0.5, 0), penalty 2: for ratings 5 on item 0 and 2 on item 1,
    // b_u = 0.25 and the scores are 3.75, 2.75, 3.25 (FactorModelTest)
    private final FactorModel bias = new FactorModel(FactorModel.BIAS_TYPE, items, 3f, new float[] {0.5f, -0.5f, 0f},
            FloatMatrix.zeros(3, 0), 2f, 0.5f, 5f);
    // a second bias model whose scores go past the scale: mu 6, no item biases, penalty 1e9 (b_u = 0): 6, 6, 6
    // before clipping to [0.5, 5]
    private final FactorModel high = new FactorModel(FactorModel.BIAS_TYPE, items, 6f, new float[3],
            FloatMatrix.zeros(3, 0), 1e9f, 0.5f, 6f);
    private final UserRatings user = new UserRatings(new int[] {0, 1}, new float[] {5f, 2f});

    private BlendModel blend() {
        return new BlendModel(List.of(bias, high), List.of(Map.of("reg", "2"), Map.of()), 0.5f,
                new float[] {0.8f, 0.1f}, 0.5f, 5f);
    }

    @Test
    void scoresAreTheInterceptPlusTheWeightedClippedComponentScores() {
        // 0.5 + 0.8 * (3.75, 2.75, 3.25) + 0.1 * min(6, 5)
        assertThat(blend().score(user)).containsExactly(new float[] {0.5f + 3f + 0.5f, 0.5f + 2.2f + 0.5f,
                0.5f + 2.6f + 0.5f}, within(1e-5f));
        assertThat(blend().predictsRatings()).isTrue();
        assertThat(blend().items()).isEqualTo(items);
    }

    @Test
    void aSavedBlendLoadsBackWithItsComponentsAndIdenticalScores() throws IOException {
        SavedModels.save(blend(), ModelManifest.of(BlendModel.TYPE, Map.of("seed", "42"), Instant.EPOCH), dir);

        Recommender loaded = SavedModels.load(dir);

        assertThat(loaded).isInstanceOf(BlendModel.class);
        assertThat(((BlendModel) loaded).components()).extracting(Recommender::type).containsExactly("bias", "bias");
        assertThat(SavedModels.readManifest(dir.resolve("component-0")).params()).containsEntry("reg", "2");
        assertThat(loaded.score(user)).containsExactly(blend().score(user));
    }

    @Test
    void withAnItemSupportEachItemWeighsTheComponentsItsOwnWay() throws IOException {
        // supports (1, -1, 0); a_0 0.2, a_bias 0.1, a_high -0.05: item i scores
        // 0.5 + 0.2 s_i + (0.8 + 0.1 s_i) bias_i + (0.1 - 0.05 s_i) * 5
        BlendModel supported = new BlendModel(List.of(bias, high), List.of(Map.of(), Map.of()), 0.5f,
                new float[] {0.8f, 0.1f}, 0.5f, 5f,
                new BlendModel.ItemSupport(new float[] {1f, -1f, 0f}, new float[] {0.2f, 0.1f, -0.05f}));

        float[] expected = {0.5f + 0.2f + 0.9f * 3.75f + 0.05f * 5, 0.5f - 0.2f + 0.7f * 2.75f + 0.15f * 5,
                0.5f + 0.8f * 3.25f + 0.1f * 5};
        assertThat(supported.score(user)).containsExactly(expected, within(1e-5f));
        int[] reordered = {2, 0, 1, 2};
        float[] supportedScores = supported.score(user);
        float[] plainScores = blend().score(user);
        assertThat(supported.predict(user, reordered)).containsExactly(supportedScores[2], supportedScores[0],
                supportedScores[1], supportedScores[2]);
        assertThat(blend().predict(user, reordered)).containsExactly(plainScores[2], plainScores[0], plainScores[1],
                plainScores[2]);

        SavedModels.save(supported, ModelManifest.of(BlendModel.TYPE, Map.of(), Instant.EPOCH), dir);
        assertThat(SavedModels.load(dir).score(user)).containsExactly(supported.score(user));

        Files.delete(dir.resolve("blend-support-weights.f32"));
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("blend-support-weights.f32");
        assertThatThrownBy(() -> new BlendModel(List.of(bias, high), List.of(Map.of(), Map.of()), 0.5f,
                new float[] {0.8f, 0.1f}, 0.5f, 5f, new BlendModel.ItemSupport(new float[] {1f}, new float[3])))
                .hasMessageContaining("item support: expected 3 items' supports and 3 weights, got 1 and 3");
    }

    @Test
    void aMissingComponentOrAComponentThatPredictsNoRatingsIsRefused() throws IOException {
        SavedModels.save(blend(), ModelManifest.of(BlendModel.TYPE, Map.of(), Instant.EPOCH), dir);
        Files.walk(dir.resolve("component-1")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("component-1 is missing");
        assertThatThrownBy(() -> new BlendModel(List.of(bias, new PopularityModel(items, new float[3])),
                List.of(Map.of(), Map.of()), 0, new float[] {1, 1}, 0.5f, 5f))
                .hasMessageContaining("a popularity model predicts no ratings");
    }
}
