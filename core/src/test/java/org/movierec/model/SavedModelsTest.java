package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelsTest {

    @TempDir
    Path dir;

    private final IdIndex items = IdIndex.of(new long[] {10, 20, 30});
    private final FactorModel mf = new FactorModel(FactorModel.MF_TYPE, items, 3.5f, new float[] {0.1f, -0.2f, 0.3f},
            new FloatMatrix(3, 2, new float[] {0.5f, -0.1f, 0.2f, 0.4f, -0.3f, 0.6f}), 1f, 0.1f, 0.5f, 5f);

    @Test
    void aSavedModelLoadsBackWithIdenticalScores() throws IOException {
        SavedModels.save(mf, ModelManifest.of("mf", Map.of("factors", "2"), Instant.parse("2026-01-01T00:00:00Z")), dir);

        Recommender loaded = SavedModels.load(dir);

        UserRatings user = new UserRatings(new int[] {0, 2}, new float[] {4.5f, 2f});
        assertThat(loaded.type()).isEqualTo("mf");
        assertThat(loaded.items()).isEqualTo(items);
        assertThat(loaded.score(user)).containsExactly(mf.score(user));
        assertThat(SavedModels.readManifest(dir).params()).containsEntry("factors", "2");
    }

    @Test
    void popularityRoundTrip() throws IOException {
        PopularityModel popularity = new PopularityModel(items, new float[] {3.9f, 4.1f, 2.2f});
        SavedModels.save(popularity, ModelManifest.of("popularity", Map.of(), Instant.now()), dir);

        assertThat(SavedModels.load(dir).score(UserRatings.empty())).containsExactly(3.9f, 4.1f, 2.2f);
    }

    @Test
    void easeRoundTrip() throws IOException {
        // item 0 -> item 1 weight 0.5, item 1 -> item 0 weight 0.25; item 2 is not modelled
        EaseModel ease = new EaseModel(items, new int[] {0, 1, 2, 2}, new int[] {1, 0}, new float[] {0.5f, 0.25f},
                new int[] {0, 1});
        SavedModels.save(ease, ModelManifest.of("ease", Map.of("lambda", "250"), Instant.now()), dir);

        UserRatings likesFirst = new UserRatings(new int[] {0}, new float[] {5f});
        assertThat(SavedModels.load(dir).score(likesFirst)).containsExactly(0f, 0.5f, EaseModel.UNMODELLED);
    }

    @Test
    void easeOfWeightedRatingsRoundTripAndAModelSavedWithoutItsRatingPowerIsBinary() throws IOException {
        // rating_power 1: a rating of 2.5 weighs 0.5 in the input, so item 1 scores 0.5 x 0.5
        EaseModel ease = new EaseModel(items, new int[] {0, 1, 2, 2}, new int[] {1, 0}, new float[] {0.5f, 0.25f},
                new int[] {0, 1}, 1f);
        SavedModels.save(ease, ModelManifest.of("ease", Map.of("rating_power", "1"), Instant.now()), dir);
        UserRatings halfLikesFirst = new UserRatings(new int[] {0}, new float[] {2.5f});

        assertThat(SavedModels.load(dir).score(halfLikesFirst)).containsExactly(0f, 0.25f, EaseModel.UNMODELLED);

        // models saved before the rating power was kept were trained on the binary input
        Files.delete(dir.resolve("ease-rating-power.f32"));
        assertThat(SavedModels.load(dir).score(halfLikesFirst)).containsExactly(0f, 0.5f, EaseModel.UNMODELLED);

        ArrayFiles.writeFloats(dir.resolve("ease-rating-power.f32"), new float[] {1f, 2f});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("ease-rating-power.f32 holds 2 values, expected 1");
        ArrayFiles.writeFloats(dir.resolve("ease-rating-power.f32"), new float[] {-1f});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("EASE rating power: expected a finite number >= 0, got -1.0");
    }

    @Test
    void implicitAlsRoundTrip() throws IOException {
        ImplicitFactorModel implicit = new ImplicitFactorModel(items,
                new FloatMatrix(3, 2, new float[] {0.5f, -0.1f, 0.2f, 0.4f, -0.3f, 0.6f}), 2f, 0.05f);
        SavedModels.save(implicit, ModelManifest.of("als-implicit", Map.of("alpha", "2"), Instant.now()), dir);

        Recommender loaded = SavedModels.load(dir);
        UserRatings user = new UserRatings(new int[] {0, 2}, new float[] {4.5f, 2f});
        assertThat(loaded).isInstanceOf(ImplicitFactorModel.class);
        assertThat(loaded.predictsRatings()).isFalse();
        assertThat(loaded.score(user)).containsExactly(implicit.score(user));
    }

    @Test
    void anUnknownTypeOrVersionIsRefusedWithTheFileNamed() throws IOException {
        SavedModels.save(mf, ModelManifest.of("mf", Map.of(), Instant.now()), dir);
        Path manifest = dir.resolve("model.json");
        String json = Files.readString(manifest);

        Files.writeString(manifest, json.replace("\"mf\"", "\"word2vec\""));
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model.json").hasMessageContaining("'word2vec'");

        Files.writeString(manifest, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("format version 99");
    }

    @Test
    void aTruncatedOrMissingArrayIsRefused() throws IOException {
        SavedModels.save(mf, ModelManifest.of("mf", Map.of(), Instant.now()), dir);
        Path factors = dir.resolve("item-factors.f32");
        byte[] bytes = Files.readAllBytes(factors);
        Files.write(factors, java.util.Arrays.copyOf(bytes, bytes.length - 4));

        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("item-factors.f32");

        Files.delete(factors);
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("missing").hasMessageContaining("item-factors.f32");
    }

    @Test
    void damagedFoldersAreRefusedAsInvalidModels() throws IOException {
        SavedModels.save(mf, ModelManifest.of("mf", Map.of(), Instant.now()), dir);
        Path manifest = dir.resolve("model.json");
        String json = Files.readString(manifest);

        Files.writeString(manifest, "null");
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class);
        Files.writeString(manifest, json.replace("\"type\" : \"mf\",", ""));
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("names no model type");
        Files.writeString(manifest, json);

        ArrayFiles.writeFloats(dir.resolve("params.f32"), new float[] {Float.NaN, 1, 0, 0.5f, 5});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void anEaseModelWithBrokenRowsIsRefusedAtLoad() throws IOException {
        EaseModel ease = new EaseModel(items, new int[] {0, 1, 2, 2}, new int[] {1, 0}, new float[] {0.5f, 0.25f},
                new int[] {0, 1});
        SavedModels.save(ease, ModelManifest.of("ease", Map.of(), Instant.now()), dir);

        ArrayFiles.writeInts(dir.resolve("ease-row-start.i32"), new int[] {0, 99, -5, 2});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("row start");
        ArrayFiles.writeInts(dir.resolve("ease-row-start.i32"), new int[] {0, 1, 2, 2});
        ArrayFiles.writeInts(dir.resolve("ease-modelled.i32"), new int[] {0, 7});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("index 7");
    }

    @Test
    void aDirectoryWithoutManifestIsNotAModel() {
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model.json is missing");
    }
}
