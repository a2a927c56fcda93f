package org.movierec.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.movierec.model.DaeModel;
import org.movierec.model.EaseModel;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.ImplicitFactorModel;
import org.movierec.model.PopularityModel;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;

class ItemNeighboursTest {

    /** Gaussian vectors: items x cols, a fixed seed. */
    private static FloatMatrix random(int items, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[items * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new FloatMatrix(items, cols, data);
    }

    /** A neighbour as the brute force finds it. */
    private record Similar(int index, double cosine) {
    }

    /**
     * Brute force: the cosine of the item with every other in double precision, from the vectors as given (no
     * normalisation shared with the code under test), sorted best first, ties by lower index; the first k.
     */
    private static List<Similar> bruteForce(FloatMatrix vectors, int item, int k) {
        List<Similar> all = new ArrayList<>();
        for (int other = 0; other < vectors.rows(); other++) {
            if (other != item) {
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int c = 0; c < vectors.cols(); c++) {
                    dot += (double) vectors.get(item, c) * vectors.get(other, c);
                    a += (double) vectors.get(item, c) * vectors.get(item, c);
                    b += (double) vectors.get(other, c) * vectors.get(other, c);
                }
                all.add(new Similar(other, a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b)));
            }
        }
        all.sort(Comparator.comparingDouble((Similar s) -> -s.cosine()).thenComparingInt(Similar::index));
        return all.subList(0, Math.min(k, all.size()));
    }

    private static void assertAsBruteForce(ItemNeighbours table, FloatMatrix vectors, int k, int[] items) {
        for (int item : items) {
            List<Similar> expected = bruteForce(vectors, item, k);
            assertThat(table.count(item)).as("item %d", item).isEqualTo(expected.size());
            for (int rank = 0; rank < expected.size(); rank++) {
                assertThat(table.neighbour(item, rank)).as("item %d, rank %d", item, rank)
                        .isEqualTo(expected.get(rank).index());
                assertThat((double) table.similarity(item, rank)).as("item %d, rank %d", item, rank)
                        .isCloseTo(expected.get(rank).cosine(), within(1e-5));
            }
        }
    }

    @Test
    void theTableHoldsWhatABruteForceCosineFindsOverSeveralTiles() {
        // ten blocks of items (512), the last one partial: tiles on and off the diagonal, whole and partial
        FloatMatrix vectors = random(5_000, 12, 7);
        int[] checked = {0, 1, 511, 512, 1234, 4607, 4608, 4999};
        for (int threads : new int[] {1, 3}) {
            ItemNeighbours table = ItemNeighbours.byCosine(vectors, 50, threads);
            assertThat(table.measure()).isEqualTo(ItemNeighbours.COSINE);
            assertThat(table.kept()).isEqualTo(50);
            assertAsBruteForce(table, vectors, 50, checked);
        }
    }

    @Test
    void everyItemOfASmallModelHasEveryOtherItemBestFirst() {
        FloatMatrix vectors = random(300, 5, 11);
        ItemNeighbours table = ItemNeighbours.byCosine(vectors, 1000, 2);
        assertThat(table.kept()).isEqualTo(299);
        assertAsBruteForce(table, vectors, 299, IntStream.range(0, 300).toArray());
    }

    @Test
    void equalSimilaritiesGoToTheLowerIndexAndAZeroVectorIsSimilarToNothingInParticular() {
        // items 1 and 3 point the same way as item 0, item 2 is its opposite, item 4 is zero
        FloatMatrix vectors = new FloatMatrix(5, 2, new float[] {1, 1, 2, 2, -1, -1, 3, 3, 0, 0});
        ItemNeighbours table = ItemNeighbours.byCosine(vectors, 3, 1);
        assertThat(IntStream.range(0, table.count(3)).map(rank -> table.neighbour(3, rank))).containsExactly(0, 1, 4);
        assertThat(table.similarity(3, 2)).isZero();
        assertThat(IntStream.range(0, table.count(4)).map(rank -> table.neighbour(4, rank))).containsExactly(0, 1, 2);
        assertAsBruteForce(table, vectors, 3, new int[] {0, 1, 2, 3, 4});
    }

    @Test
    void everyModelWithItemVectorsHasCosineNeighbours() {
        IdIndex items = IdIndex.of(new long[] {10, 20, 30, 40});
        FloatMatrix factors = new FloatMatrix(4, 2, new float[] {1, 0, 0.9f, 0.1f, 0, 1, -1, 0});
        List<Recommender> models = List.of(
                new FactorModel(FactorModel.MF_TYPE, items, 3.5f, new float[4], factors, 0.1f, 0.5f, 5.0f),
                new ImplicitFactorModel(items, factors, 10f, 0.1f),
                new DaeModel(items, 3.5f, factors, new float[2], new FloatMatrix(2, 4, new float[8]), new float[4]));
        for (Recommender model : models) {
            ItemNeighbours table = ItemNeighbours.of(model, 2, 1).orElseThrow();
            assertThat(table.measure()).as(model.type()).isEqualTo(ItemNeighbours.COSINE);
            assertThat(table.neighbour(0, 0)).as(model.type()).isEqualTo(1);
            assertThat(table.neighbour(0, 1)).as(model.type()).isEqualTo(2);
            assertThat(table.similarity(0, 1)).as(model.type()).isZero();
        }
    }

    @Test
    void easeNeighboursAreItsLargestPositiveWeightsCutToK() {
        // item 0 lifts items 1, 2, 3 by 0.2, 0.5, -0.1; item 1 lifts item 0 by 0.3
        EaseModel ease = new EaseModel(IdIndex.of(new long[] {1, 2, 3, 4}), new int[] {0, 3, 4, 4, 4},
                new int[] {1, 2, 3, 0}, new float[] {0.2f, 0.5f, -0.1f, 0.3f}, new int[] {0, 1, 2, 3});
        ItemNeighbours table = ItemNeighbours.of(ease, 1, 1).orElseThrow();
        assertThat(table.measure()).isEqualTo(ItemNeighbours.EASE_WEIGHT);
        assertThat(table.count(0)).isEqualTo(1);
        assertThat(table.neighbour(0, 0)).isEqualTo(2);
        assertThat(table.similarity(0, 0)).isEqualTo(0.5f);
        assertThat(table.count(2)).isZero();
        ItemNeighbours all = ItemNeighbours.of(ease, 10, 1).orElseThrow();
        assertThat(IntStream.range(0, all.count(0)).map(rank -> all.neighbour(0, rank))).containsExactly(2, 1);
        assertThat(all.neighbour(1, 0)).isZero();
    }

    @Test
    void aModelWithoutLearnedSimilarityHasNone() {
        IdIndex items = IdIndex.of(new long[] {1, 2});
        assertThat(ItemNeighbours.of(new PopularityModel(items, new float[] {1, 2}), 10, 1)).isEmpty();
        Recommender noVectors = new Recommender() {
            public String type() {
                return "none";
            }

            public IdIndex items() {
                return items;
            }

            public float[] score(UserRatings user) {
                return new float[2];
            }

            public boolean predictsRatings() {
                return false;
            }

            public void saveArrays(Path dir) {
            }
        };
        assertThat(ItemNeighbours.of(noVectors, 10, 1)).isEmpty();
    }
}
