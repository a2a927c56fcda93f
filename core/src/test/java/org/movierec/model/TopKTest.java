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

    @Test
    void refinedGivesWhatOfGivesForTheExactScoresFromScoresWithinTheError() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int length = 1 + random.nextInt(3000);
            float error = random.nextInt(4) == 0 ? 0.5f : 0.01f;
            float[] exact = new float[length];
            float[] rough = new float[length];
            boolean[] excluded = new boolean[length];
            for (int i = 0; i < length; i++) {
                // many ties, some at a clamp, the rough score anywhere within the error, the rated left out as NaN
                exact[i] = Math.min(2.8f, random.nextInt(400) / 100f - 1);
                rough[i] = random.nextInt(10) == 0 ? Float.NaN : exact[i] + (2 * random.nextFloat() - 1) * error;
                excluded[i] = random.nextInt(4) == 0;
            }
            int n = random.nextInt(30);
            float ceiling = random.nextBoolean() ? 2.8f : Float.POSITIVE_INFINITY;   // told or not
            float[] exactKnown = exact.clone();
            for (int i = 0; i < length; i++) {
                exactKnown[i] = Float.isNaN(rough[i]) ? Float.NaN : exact[i];
            }
            int[] expected = TopK.of(exactKnown, n, i -> !excluded[i]).indices();
            int[] asked = new int[1];
            int[] refined = TopK.refined(rough, error, n, i -> !excluded[i], i -> {
                asked[0]++;
                return exact[i];
            }, ceiling).indices();
            assertThat(refined).as("trial %d: n=%d of %d, error %s", trial, n, length, error).containsExactly(expected);
            for (int index : refined) {
                assertThat(rough[index]).as("the exact score written back").isEqualTo(exact[index]);
            }
            if (error < 0.1f && length > 1000 && n > 0) {
                assertThat(asked[0]).as("exact scores asked for, of %d", length).isLessThan(length / 5);
            }
        }
    }

    @Test
    void refinedMissesWhatTheRoughScoresHideBeyondTheErrorGiven() {
        // the bound is what makes the answer exact: with too small an error, the refinement trusts the rough order
        float[] exact = {1f, 2f, 3f};
        float[] rough = {1f, 2f, 1.5f};   // index 2 is off by 1.5
        float none = Float.POSITIVE_INFINITY;
        assertThat(TopK.refined(rough.clone(), 0.1f, 1, i -> true, i -> exact[i], none).indices()).containsExactly(1);
        assertThat(TopK.refined(rough.clone(), 1.5f, 1, i -> true, i -> exact[i], none).indices()).containsExactly(2);
    }

    @Test
    void refinedStopsOnceTheKeptAreAtTheCeiling() {
        // a clamped scale: most scores at its top, where the lowest indices win; they need not all be scored exactly
        float[] rough = new float[10_000];
        java.util.Arrays.fill(rough, 5f);
        rough[3] = 4.95f;   // within the error: its exact score may be 5 too
        int[] asked = new int[1];
        int[] refined = TopK.refined(rough, 0.1f, 10, i -> i != 0, i -> {
            asked[0]++;
            return 5f;
        }, 5f).indices();
        assertThat(refined).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(asked[0]).as("exact scores asked for").isLessThanOrEqualTo(21);
    }
}
