package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ScoreHeapsTest {

    @Test
    void heapsSideBySideKeepTheirOwnBestInAnyOrderOfOffers() {
        Random random = new Random(3);
        int heaps = 3;
        int k = 4;
        for (int round = 0; round < 100; round++) {
            int[] index = new int[heaps * k];
            float[] score = new float[heaps * k];
            int[] size = new int[heaps];
            float[][] offered = new float[heaps][30];
            for (float[] scores : offered) {
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = random.nextInt(10) == 0 ? Float.NaN : random.nextInt(12) / 4f;   // ties and NaN
                }
            }
            for (int h = 0; h < heaps; h++) {
                for (int i : shuffled(offered[h].length, random)) {
                    size[h] = ScoreHeaps.offer(index, score, h * k, size[h], k, i, offered[h][i]);
                }
            }
            for (int h = 0; h < heaps; h++) {
                ScoreHeaps.sortBestFirst(index, score, h * k, size[h]);
                float[] scores = offered[h];
                int[] expected = IntStream.range(0, scores.length).filter(i -> !Float.isNaN(scores[i])).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                        .limit(k).mapToInt(Integer::intValue).toArray();
                assertThat(Arrays.copyOfRange(index, h * k, h * k + size[h])).as(Arrays.toString(scores))
                        .containsExactly(expected);
                for (int j = 0; j < size[h]; j++) {
                    assertThat(score[h * k + j]).isEqualTo(scores[expected[j]]);
                }
            }
        }
    }

    @Test
    void aHeapOfNoPlacesKeepsNothing() {
        int[] index = {7};
        float[] score = {1f};
        assertThat(ScoreHeaps.offer(index, score, 1, 0, 0, 3, 5f)).isZero();
        assertThat(index).containsExactly(7);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
