package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatingMetricsTest {

    private static final float[] ACTUAL = {4, 3, 5, 1};
    private static final float[] PREDICTED = {3.5f, 3, 4, 2};

    @Test
    void rmseIsTheRootOfTheMeanSquaredError() {
        // errors predicted - actual: -0.5, 0, -1, 1; squares 0.25 + 0 + 1 + 1 = 2.25; / 4 = 0.5625; sqrt = 0.75
        assertThat(RatingMetrics.rmse(ACTUAL, PREDICTED)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void maeIsTheMeanAbsoluteError() {
        // |errors| 0.5 + 0 + 1 + 1 = 2.5; / 4 = 0.625
        assertThat(RatingMetrics.mae(ACTUAL, PREDICTED)).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void likedDecisionCountsAgainstTheThreshold() {
        float[] actual = {5, 4, 3, 2, 3.5f, 4.5f, 4};
        float[] predicted = {4, 3, 3.6f, 2, 3.5f, 4, 1};
        // threshold 3.5 (a value equal to it counts as liked):
        // (5,4) TP  (4,3) FN  (3,3.6) FP  (2,2) TN  (3.5,3.5) TP  (4.5,4) TP  (4,1) FN
        // TP 3, FP 1, FN 2, TN 1
        // precision 3/4 = 0.75; recall 3/5 = 0.6; F1 = 2 * 0.75 * 0.6 / 1.35 = 0.9 / 1.35 = 2/3
        RatingMetrics.Liked liked = RatingMetrics.liked(actual, predicted, 3.5);
        assertThat(liked).isEqualTo(new RatingMetrics.Liked(3, 1, 2, 1));
        assertThat(liked.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(liked.recall()).isCloseTo(0.6, within(1e-12));
        assertThat(liked.f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void likedRatiosAreZeroWhenTheirDenominatorIs() {
        // nothing predicted liked: precision 0/0 -> 0; recall 0/2 = 0; F1 with P + R = 0 -> 0
        RatingMetrics.Liked nonePredicted = RatingMetrics.liked(new float[] {4, 5}, new float[] {1, 2}, 3.5);
        assertThat(nonePredicted).isEqualTo(new RatingMetrics.Liked(0, 0, 2, 0));
        assertThat(nonePredicted.precision()).isZero();
        assertThat(nonePredicted.recall()).isZero();
        assertThat(nonePredicted.f1()).isZero();
        // nothing liked: recall 0/0 -> 0; precision 0/1 = 0
        RatingMetrics.Liked noneLiked = RatingMetrics.liked(new float[] {1}, new float[] {4}, 3.5);
        assertThat(noneLiked.recall()).isZero();
        assertThat(noneLiked.precision()).isZero();
    }

    @Test
    void emptyPairsGiveNanErrorsAndZeroLikedCounts() {
        assertThat(RatingMetrics.rmse(new float[0], new float[0])).isNaN();
        assertThat(RatingMetrics.mae(new float[0], new float[0])).isNaN();
        RatingMetrics.Liked liked = RatingMetrics.liked(new float[0], new float[0], 3.5);
        assertThat(liked).isEqualTo(new RatingMetrics.Liked(0, 0, 0, 0));
        assertThat(liked.f1()).isZero();
    }

    @Test
    void pairsOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> RatingMetrics.rmse(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 actual ratings but 3 predicted");
    }
}
