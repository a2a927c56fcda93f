package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItemKnnModelTest {

    @TempDir
    Path dir;

    /*
     * Items 10, 20, 30, 40 (indices 0..3); mu 3, item biases (0.5, -0.5, 0, 0.25), fold-in penalty 2.
     * Neighbours: 0 -> {1: 0.5, 2: 0.25}; 1 -> {0: 0.5}; 2 -> {}; 3 -> {2: 0.8}.
     * User: 5 on item 0, 2 on item 1. b_u = ((5 - 3.5) + (2 - 2.5)) / (2 + 2) = 0.25.
     * Residuals r - mu - b_u - b_j: item 0: 5 - 3.75 = 1.25; item 1: 2 - 2.75 = -0.75.
     *   item 0: baseline 3.75, rated neighbour 1 only: + (0.5 * -0.75) / 0.5 = -0.75 -> 3.0
     *   item 1: baseline 2.75, rated neighbour 0: + 1.25 -> 4.0
     *   item 2: no neighbours: baseline 3.25
     *   item 3: neighbour 2 not rated: baseline 3.5
     */
    private final IdIndex items = IdIndex.of(new long[] {10, 20, 30, 40});
    private final ItemKnnModel model = new ItemKnnModel("knn", items, 3f, new float[] {0.5f, -0.5f, 0f, 0.25f},
            new int[] {0, 2, 3, 3, 4}, new int[] {1, 2, 0, 2}, new float[] {0.5f, 0.25f, 0.5f, 0.8f}, null, 2f, 0.5f, 5f);
    private final UserRatings user = new UserRatings(new int[] {0, 1}, new float[] {5f, 2f});

    @Test
    void eachItemGetsItsBaselinePlusTheSimilarityWeightedResidualsOfItsRatedNeighbours() {
        assertThat(model.userBias(user)).isCloseTo(0.25f, within(1e-6f));
        assertThat(model.score(user)).containsExactly(new float[] {3.0f, 4.0f, 3.25f, 3.5f}, within(1e-5f));
        assertThat(model.predictsRatings()).isTrue();
        assertThat(model.type()).isEqualTo("knn");
    }

    @Test
    void aUserWithoutRatingsGetsTheItemBaselinesAndPredictionsAreClippedToTheScale() {
        assertThat(model.score(UserRatings.empty())).containsExactly(new float[] {3.5f, 2.5f, 3f, 3.25f}, within(1e-6f));

        ItemKnnModel high = new ItemKnnModel("knn", items, 4.8f, new float[] {0.5f, -5f, 0f, 0f},
                new int[] {0, 0, 0, 0, 0}, new int[0], new float[0], null, 1f, 0.5f, 5f);
        assertThat(high.score(UserRatings.empty())).containsExactly(new float[] {5f, 0.5f, 4.8f, 4.8f}, within(1e-6f));
    }

    /** The scores, item by item, from each item's own neighbour list: what the scatter over rated items must equal. */
    private static float[] scoredItemByItem(ItemKnnModel model, UserRatings user, float mu, float[] itemBias) {
        float[] rated = new float[itemBias.length];
        Arrays.fill(rated, Float.NaN);
        for (int k = 0; k < user.size(); k++) {
            rated[user.items()[k]] = user.ratings()[k];
        }
        boolean learned = model.type().equals(ItemKnnModel.LEARNED_TYPE);
        float userBias = model.userBias(user);
        float[] scores = new float[itemBias.length];
        for (int i = 0; i < scores.length; i++) {
            double weighted = 0;
            double normaliser = 0;
            int[] neighbours = model.neighbours(i);
            float[] weights = model.weights(i);
            float[] implicitWeights = model.implicitWeights(i);
            for (int e = 0; e < neighbours.length; e++) {
                int j = neighbours[e];
                if (!Float.isNaN(rated[j])) {
                    double residual = rated[j] - mu - userBias - itemBias[j];
                    weighted += weights[e] * residual + (learned ? implicitWeights[e] : 0);
                    normaliser += learned ? 1 : weights[e];
                }
            }
            double neighbourhood = normaliser == 0 ? 0 : learned ? weighted / Math.sqrt(normaliser) : weighted / normaliser;
            scores[i] = (float) Math.min(5, Math.max(0.5, mu + userBias + itemBias[i] + neighbourhood));
        }
        return scores;
    }

    @ParameterizedTest
    @ValueSource(strings = {"knn", "knn-learned"})
    void onARandomModelTheScoresEqualAnItemByItemSumOverEachNeighbourList(String type) {
        SplittableRandom random = new SplittableRandom(7);
        boolean learned = type.equals(ItemKnnModel.LEARNED_TYPE);
        int n = 60;
        int k = 8;
        long[] ids = new long[n];
        float[] itemBias = new float[n];
        int[] rowStart = new int[n + 1];
        int[] neighbours = new int[n * k];
        float[] weights = new float[n * k];
        float[] implicitWeights = new float[n * k];
        int entries = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = 100 + i;
            itemBias[i] = (float) random.nextDouble(-1, 1);
            for (int other : random.ints(0, n - 1).distinct().limit(random.nextInt(k + 1)).toArray()) {
                neighbours[entries] = (i + 1 + other) % n;   // any item but i, each at most once
                implicitWeights[entries] = (float) random.nextDouble(-0.3, 0.3);
                weights[entries++] = (float) (learned ? random.nextDouble(-1, 1) : random.nextDouble(0.01, 1));
            }
            rowStart[i + 1] = entries;
        }
        ItemKnnModel random60 = new ItemKnnModel(type, IdIndex.of(ids), 3.5f, itemBias, rowStart,
                Arrays.copyOf(neighbours, entries), Arrays.copyOf(weights, entries),
                learned ? Arrays.copyOf(implicitWeights, entries) : null, 5f, 0.5f, 5f);
        for (int trial = 0; trial < 20; trial++) {
            int[] rated = random.ints(0, n).distinct().limit(1 + random.nextInt(20)).toArray();
            float[] ratings = new float[rated.length];
            for (int r = 0; r < rated.length; r++) {
                ratings[r] = 0.5f * (1 + random.nextInt(10));
            }
            UserRatings someone = new UserRatings(rated, ratings);
            float[] scores = random60.score(someone);
            assertThat(scores).containsExactly(scoredItemByItem(random60, someone, 3.5f, itemBias), within(1e-5f));
            assertThat(random60.predict(someone, IntStream.range(0, n).toArray())).containsExactly(scores);
            int[] some = random.ints(0, n).limit(10).toArray();   // any order, repeats allowed
            float[] predicted = random60.predict(someone, some);
            for (int i = 0; i < some.length; i++) {
                assertThat(predicted[i]).as("item %d", some[i]).isEqualTo(scores[some[i]]);
            }
        }
    }

    /*
     * The same items, biases and neighbour lists, learned weights (w, c): 0 -> {1: (0.5, 0.1), 2: (-0.4, 0.2)};
     * 1 -> {0: (1.0, -0.3)}; 2 -> {}; 3 -> {2: (0.8, 0.5)}.
     * User: 5 on item 0, 2 on item 1, 4 on item 2. b_u = (1.5 - 0.5 + 1) / (2 + 3) = 0.4.
     * Residuals: item 0: 5 - 3.9 = 1.1; item 1: 2 - 2.9 = -0.9; item 2: 4 - 3.4 = 0.6.
     *   item 0: (0.5 * -0.9 + 0.1 + -0.4 * 0.6 + 0.2) / sqrt(2) = -0.39 / sqrt(2) = -0.2757716 -> 3.6242284
     *   item 1: (1.0 * 1.1 - 0.3) / 1 = 0.8 -> 2.9 + 0.8 = 3.7
     *   item 2: no neighbours: 3.4
     *   item 3: (0.8 * 0.6 + 0.5) / 1 = 0.98 -> 3.65 + 0.98 = 4.63
     */
    private final ItemKnnModel learned = new ItemKnnModel("knn-learned", items, 3f,
            new float[] {0.5f, -0.5f, 0f, 0.25f}, new int[] {0, 2, 3, 3, 4}, new int[] {1, 2, 0, 2},
            new float[] {0.5f, -0.4f, 1.0f, 0.8f}, new float[] {0.1f, 0.2f, -0.3f, 0.5f}, 2f, 0.5f, 5f);
    private final UserRatings threeRatings = new UserRatings(new int[] {0, 1, 2}, new float[] {5f, 2f, 4f});

    @Test
    void learnedWeightsAddTheWeightedResidualsAndTheImplicitWeightsOverTheRootOfTheRatedNeighbours() {
        assertThat(learned.userBias(threeRatings)).isCloseTo(0.4f, within(1e-6f));
        assertThat(learned.score(threeRatings)).containsExactly(new float[] {3.6242284f, 3.7f, 3.4f, 4.63f},
                within(1e-5f));
        assertThat(learned.type()).isEqualTo("knn-learned");
        assertThat(learned.implicitWeights(0)).containsExactly(0.1f, 0.2f);
        assertThat(model.implicitWeights(0)).isEmpty();
    }

    @Test
    void aSavedLearnedModelLoadsBackWithItsImplicitWeightsAndIdenticalScores() throws IOException {
        SavedModels.save(learned, ModelManifest.of(ItemKnnModel.LEARNED_TYPE, Map.of(), Instant.EPOCH), dir);

        Recommender loaded = SavedModels.load(dir);

        assertThat(loaded.type()).isEqualTo("knn-learned");
        assertThat(((ItemKnnModel) loaded).implicitWeights(3)).containsExactly(0.5f);
        assertThat(loaded.score(threeRatings)).containsExactly(learned.score(threeRatings));

        Files.delete(dir.resolve("knn-implicit-weights.f32"));
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("missing").hasMessageContaining("knn-implicit-weights.f32");
    }

    @Test
    void implicitWeightsGoWithTheLearnedKindAloneOneANeighbour() {
        assertThatThrownBy(() -> new ItemKnnModel("knn", items, 3f, new float[4], new int[] {0, 1, 1, 1, 1},
                new int[] {1}, new float[] {0.5f}, new float[] {0.1f}, 2f, 0.5f, 5f))
                .hasMessageContaining("knn: 1 implicit weights for 1 neighbours; expected none");
        assertThatThrownBy(() -> new ItemKnnModel("knn-learned", items, 3f, new float[4], new int[] {0, 1, 1, 1, 1},
                new int[] {1}, new float[] {-0.5f}, new float[0], 2f, 0.5f, 5f))
                .hasMessageContaining("knn-learned: 0 implicit weights for 1 neighbours; expected one a neighbour");
        assertThatThrownBy(() -> new ItemKnnModel("svd", items, 3f, new float[4], new int[] {0, 0, 0, 0, 0},
                new int[0], new float[0], null, 2f, 0.5f, 5f))
                .hasMessageContaining("expected knn or knn-learned");
    }

    @Test
    void aSavedModelLoadsBackWithItsNeighboursAndIdenticalScores() throws IOException {
        SavedModels.save(model, ModelManifest.of(ItemKnnModel.TYPE, Map.of("neighbours", "2"), Instant.EPOCH), dir);

        Recommender loaded = SavedModels.load(dir);

        assertThat(loaded).isInstanceOf(ItemKnnModel.class);
        assertThat(((ItemKnnModel) loaded).neighbours(0)).containsExactly(1, 2);
        assertThat(((ItemKnnModel) loaded).weights(3)).containsExactly(0.8f);
        assertThat(loaded.score(user)).containsExactly(model.score(user));
    }

    @Test
    void damagedNeighbourFilesAreRefusedWithTheirProblemNamed() throws IOException {
        SavedModels.save(model, ModelManifest.of(ItemKnnModel.TYPE, Map.of(), Instant.EPOCH), dir);

        ArrayFiles.writeFloats(dir.resolve("knn-weights.f32"), new float[] {0.5f, 0.25f, 0f, 0.8f});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("knn weights hold 0.0; expected positive similarities");
        ArrayFiles.writeFloats(dir.resolve("knn-weights.f32"), new float[] {0.5f, 0.25f, 0.5f, 0.8f});
        ArrayFiles.writeInts(dir.resolve("knn-neighbours.i32"), new int[] {1, 2, 0, 9});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("knn neighbours: index 9");
        ArrayFiles.writeInts(dir.resolve("knn-neighbours.i32"), new int[] {1, 1, 0, 2});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("knn neighbours: row 0 names 1 twice");
        ArrayFiles.writeInts(dir.resolve("knn-neighbours.i32"), new int[] {1, 2, 0, 2});
        ArrayFiles.writeInts(dir.resolve("knn-row-start.i32"), new int[] {0, 3, 2, 3, 4});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("row start 2 decreases");
        ArrayFiles.writeInts(dir.resolve("knn-row-start.i32"), new int[] {0, 2, 3, 3, 4});
        ArrayFiles.writeFloats(dir.resolve("knn-params.f32"), new float[] {3f, 2f, 0.5f});
        assertThatThrownBy(() -> SavedModels.load(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("knn-params.f32 holds 3 values, expected 4");
    }
}
