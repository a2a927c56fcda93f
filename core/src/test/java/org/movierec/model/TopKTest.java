package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheBestScoresBestFirstWithTiesToTheLowerIndex() {
        TopK top = new TopK(3);
        float[] scores = {0.5f, 2f, 1f, 2f, Float.NaN, 3f, -1f};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        assertThat(top.indices()).containsExactly(5, 1, 3);
    }

    @Test
    void fewerCandidatesThanNAreAllReturned() {
        TopK top = new TopK(10);
        top.offer(4, 1f);
        top.offer(2, 5f);
        assertThat(top.indices()).containsExactly(2, 4);
        assertThat(new TopK(0).indices()).isEmpty();
    }

    @Test
    void agreesWithAFullSortOnRandomScores() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            float[] scores = new float[200];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextInt(40) / 4f;   // many ties
            }
            TopK top = new TopK(10);
            for (int i = 0; i < scores.length; i++) {
                top.offer(i, scores[i]);
            }
            int[] expected = IntStream.range(0, scores.length).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                    .limit(10).mapToInt(Integer::intValue).toArray();
            assertThat(top.indices()).as(Arrays.toString(scores)).containsExactly(expected);
        }
    }

    @Test
    void ofKeepsWhatOfferingEveryAcceptedScoreKeeps() {
        Random random = new Random(11);
        float[] odd = {Float.NaN, Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, 0f};
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(6);
            float[] scores = new float[random.nextInt(40)];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextInt(4) == 0 ? odd[random.nextInt(odd.length)] : random.nextInt(8) / 2f;
            }
            int modulus = 1 + random.nextInt(3);   // 1: every index accepted; 2, 3: every second or third
            TopK everything = new TopK(n);
            for (int i = 0; i < scores.length; i++) {
                if (i % modulus == 0) {
                    everything.offer(i, scores[i]);
                }
            }
            TopK scanned = TopK.of(scores, n, i -> i % modulus == 0);
            assertThat(scanned.indices()).as("n=%d accepted: every %d %s", n, modulus, Arrays.toString(scores))
                    .containsExactly(everything.indices());
        }
    }

    @Test
    void ofLeavesOutWhatIsNotAcceptedAndNan() {
        float[] scores = {0.5f, 0.9f, 0.1f, 0.9f, 0.7f, Float.NaN};
        boolean[] excluded = {false, true, false, false, true, false};
        assertThat(TopK.of(scores, 2, i -> !excluded[i]).indices()).containsExactly(3, 0);
        assertThat(TopK.of(scores, 10, i -> !excluded[i]).indices()).containsExactly(3, 0, 2);
        assertThat(TopK.of(new float[] {3}, 10, i -> false).indices()).isEmpty();
    }

    @Test
    void ofAgreesWithAFullSortOnLargerRandomScores() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(2000);
            float[] scores = new float[n];
            boolean[] excluded = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(50) / 10f - 2;   // many ties, negative scores too
                excluded[i] = random.nextInt(5) == 0;
            }
            int k = 1 + random.nextInt(40);
            int[] expected = IntStream.range(0, n).filter(i -> !excluded[i]).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(TopK.of(scores, k, i -> !excluded[i]).indices()).as("trial %d", trial).containsExactly(expected);
        }
    }
}
