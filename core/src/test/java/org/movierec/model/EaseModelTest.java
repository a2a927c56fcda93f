package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EaseModelTest {

    /** Five items; item 0's row: -0.2 to item 1, 0.3 to items 2 and 3; item 1's: 0.5 to item 0; item 4 not modelled. */
    private final EaseModel model = new EaseModel(IdIndex.of(new long[] {10, 20, 30, 40, 50}),
            new int[] {0, 3, 4, 4, 4, 4}, new int[] {1, 2, 3, 0}, new float[] {-0.2f, 0.3f, 0.3f, 0.5f},
            new int[] {0, 1, 2, 3});

    @Test
    void neighboursAreTheRowsPositiveWeightsLargestFirstTiesByIndex() {
        assertThat(model.neighbours(0)).containsExactly(new EaseModel.Neighbour(2, 0.3f), new EaseModel.Neighbour(3, 0.3f));
        assertThat(model.neighbours(1)).containsExactly(new EaseModel.Neighbour(0, 0.5f));
        assertThat(model.neighbours(2)).isEmpty();
    }

    @Test
    void unmodelledItemsScoreBelowEveryRealScore() {
        float[] scores = model.score(new UserRatings(new int[] {0}, new float[] {5}));
        assertThat(scores).containsExactly(0f, -0.2f, 0.3f, 0.3f, EaseModel.UNMODELLED);
    }

    @ParameterizedTest(name = "rating_power {0}")
    @ValueSource(floats = {0, 1})
    void theModelledItemsAloneScoreAsADenseSumOfTheRatedRowsAndRankAsInTheWholeIndex(float ratingPower) {
        SplittableRandom random = new SplittableRandom(11);
        int items = 400;
        int[] modelled = IntStream.range(0, items).filter(i -> random.nextInt(3) == 0).toArray();   // scattered
        float[][] dense = new float[items][items];
        List<Integer> columns = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        int[] rowStart = new int[items + 1];
        for (int item = 0; item < items; item++) {
            if (Arrays.binarySearch(modelled, item) >= 0) {
                for (int other : modelled) {
                    if (other != item && random.nextInt(4) == 0) {
                        // weights on a coarse grid, so that some scores tie and the order of ties is tested
                        float weight = random.nextInt(-4, 9) / 8f;
                        dense[item][other] = weight;
                        columns.add(other);
                        weights.add(weight);
                    }
                }
            }
            rowStart[item + 1] = columns.size();
        }
        float[] weight = new float[weights.size()];
        for (int k = 0; k < weight.length; k++) {
            weight[k] = weights.get(k);
        }
        EaseModel ease = new EaseModel(IdIndex.of(LongStream.rangeClosed(1, items).toArray()), rowStart,
                columns.stream().mapToInt(Integer::intValue).toArray(), weight, modelled, ratingPower);
        IntPredicate evenIds = index -> index % 2 == 1;   // a filter: ids are index + 1

        assertThat(ease.modelledItems()).isEqualTo(modelled.length);
        for (int u = 0; u < 200; u++) {
            int[] ratedItems = random.ints(0, items).distinct().limit(1 + random.nextInt(40)).sorted().toArray();
            float[] given = new float[ratedItems.length];
            for (int k = 0; k < given.length; k++) {
                given[k] = random.nextInt(1, 11) / 2f;
            }
            UserRatings user = new UserRatings(ratedItems, given);
            float[] scores = new float[modelled.length];
            ease.scoreModelled(user, scores);
            float[] whole = ease.score(user);
            for (int item = 0; item < items; item++) {
                int position = ease.positionOf(item);
                if (position < 0) {
                    assertThat(whole[item]).isEqualTo(EaseModel.UNMODELLED);
                    continue;
                }
                assertThat(ease.modelledItemAt(position)).isEqualTo(item);
                // each rated row weighted by the rating's input weight: 1 for the binary input, r / 5 for power 1
                float sum = 0;
                for (int k = 0; k < ratedItems.length; k++) {
                    float x = ratingPower == 0 ? 1 : given[k] / 5f;
                    sum += x * dense[ratedItems[k]][item];
                }
                assertThat(scores[position]).as("user %d, item %d", u, item).isEqualTo(sum).isEqualTo(whole[item]);
            }
            for (int rated : user.items()) {
                whole[rated] = Float.NaN;
                if (ease.positionOf(rated) >= 0) {
                    scores[ease.positionOf(rated)] = Float.NaN;
                }
            }
            int[] fromModelled = Arrays.stream(TopK.of(scores, 10, p -> evenIds.test(ease.modelledItemAt(p))).indices())
                    .map(ease::modelledItemAt).toArray();
            int[] fromWhole = Arrays.stream(TopK.of(whole, 10, evenIds).indices())
                    .filter(item -> whole[item] != EaseModel.UNMODELLED).toArray();
            assertThat(fromModelled).as("user %d", u).containsExactly(fromWhole);
        }
    }

    @Test
    void modelledItemsMustBeAscending() {
        assertThatThrownBy(() -> new EaseModel(IdIndex.of(new long[] {10, 20, 30}), new int[] {0, 0, 0, 0}, new int[0],
                new float[0], new int[] {2, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ascending indices, got 0 after 2");
    }
}
