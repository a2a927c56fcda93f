package org.movierec.serving.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TopNTest {

    @Test
    void keepsTheBestScoresBestFirstWithTiesToTheLowerIndex() {
        TopN top = new TopN(3);
        float[] scores = {0.5f, 2f, 1f, 2f, Float.NaN, 3f, -1f};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        assertThat(top.indices()).containsExactly(5, 1, 3);
    }

    @Test
    void fewerCandidatesThanNAreAllReturned() {
        TopN top = new TopN(10);
        top.offer(4, 1f);
        top.offer(2, 5f);
        assertThat(top.indices()).containsExactly(2, 4);
        assertThat(new TopN(0).indices()).isEmpty();
    }

    @Test
    void agreesWithAFullSortOnRandomScores() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            float[] scores = new float[200];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextInt(40) / 4f;   // many ties
            }
            TopN top = new TopN(10);
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
            TopN everything = new TopN(n);
            for (int i = 0; i < scores.length; i++) {
                if (i % modulus == 0) {
                    everything.offer(i, scores[i]);
                }
            }
            TopN scanned = TopN.of(scores, n, i -> i % modulus == 0);
            assertThat(scanned.indices()).as("n=%d accepted: every %d %s", n, modulus, Arrays.toString(scores))
                    .containsExactly(everything.indices());
        }
    }
}
