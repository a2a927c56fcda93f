package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void selectsTheBestScoresBestFirstWithTiesToTheLowerIndex() {
        float[] scores = {0.5f, 0.9f, 0.1f, 0.9f, 0.7f};
        // by score: 0.9 (items 1 and 3, 1 first), 0.7 (4), 0.5 (0), 0.1 (2)
        assertThat(TopK.select(scores, 3, new boolean[5])).containsExactly(1, 3, 4);
        assertThat(TopK.select(scores, 5, new boolean[5])).containsExactly(1, 3, 4, 0, 2);
    }

    @Test
    void leavesOutExcludedItems() {
        float[] scores = {0.5f, 0.9f, 0.1f, 0.9f, 0.7f};
        boolean[] excluded = {false, true, false, false, true};
        assertThat(TopK.select(scores, 2, excluded)).containsExactly(3, 0);
    }

    @Test
    void givesFewerWhenFewerItemsAreLeft() {
        assertThat(TopK.select(new float[] {3, 1, 2}, 10, new boolean[] {false, true, false})).containsExactly(0, 2);
        assertThat(TopK.select(new float[] {3}, 10, new boolean[] {true})).isEmpty();
    }

    @Test
    void agreesWithAFullSortOnRandomScores() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(2000);
            float[] scores = new float[n];
            boolean[] excluded = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(50) / 10f - 2; // many ties, negative scores too
                excluded[i] = random.nextInt(5) == 0;
            }
            int k = 1 + random.nextInt(40);
            int[] expected = IntStream.range(0, n).filter(i -> !excluded[i]).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(TopK.select(scores, k, excluded)).as("trial %d", trial).containsExactly(expected);
        }
    }

    @Test
    void aNanScoreIsAnErrorUnlessExcluded() {
        assertThatThrownBy(() -> TopK.select(new float[] {1, Float.NaN}, 1, new boolean[2]))
                .hasMessageContaining("item index 1 is NaN");
        assertThat(TopK.select(new float[] {1, Float.NaN}, 1, new boolean[] {false, true})).containsExactly(0);
    }
}
