package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FactorModelTest {

    private final IdIndex items = IdIndex.of(new long[] {1, 2, 3});

    @Test
    void theBiasModelFoldsInTheUsersBiasAsTheMeanResidualShrunkByThePenalty() {
        // mu = 3, item biases (0.5, -0.5, 0), penalty 2 (no factors):
        // residuals of the ratings 5 (item 0) and 2 (item 1): 5 - 3 - 0.5 = 1.5 and 2 - 3 + 0.5 = -0.5
        // b_u = (1.5 - 0.5) / (2 + 2) = 0.25; scores: 3 + 0.5 + 0.25, 3 - 0.5 + 0.25, 3 + 0 + 0.25
        FactorModel bias = new FactorModel(FactorModel.BIAS_TYPE, items, 3f, new float[] {0.5f, -0.5f, 0f},
                FloatMatrix.zeros(3, 0), 2f, 0.5f, 5f);

        float[] scores = bias.score(new UserRatings(new int[] {0, 1}, new float[] {5f, 2f}));

        assertThat(scores[0]).isCloseTo(3.75f, within(1e-6f));
        assertThat(scores[1]).isCloseTo(2.75f, within(1e-6f));
        assertThat(scores[2]).isCloseTo(3.25f, within(1e-6f));
    }

    @Test
    void theFoldInSolvesTheRidgeRegressionOnTheItemFactors() {
        // One factor; q = (1, 2, 0), mu = 0, no item biases, penalty 1 (plus 0 per rating).
        // Ratings 1 on item 0 and 2 on item 1. Design rows [q_i, 1]: [1, 1] and [2, 1].
        // (X'X + I) = [[1+4+1, 1+2], [1+2, 1+1+1]] = [[6, 3], [3, 3]]; X'y = [1*1 + 2*2, 1 + 2] = [5, 3]
        // Solution: det = 18 - 9 = 9; p = (3*5 - 3*3) / 9 = 2/3; b = (6*3 - 3*5) / 9 = 1/3
        FactorModel mf = new FactorModel(FactorModel.MF_TYPE, items, 0f, new float[3],
                new FloatMatrix(3, 1, new float[] {1f, 2f, 0f}), 1f, 0.5f, 5f);

        float[] user = mf.foldIn(new UserRatings(new int[] {0, 1}, new float[] {1f, 2f}));

        assertThat(user[0]).isCloseTo(2f / 3, within(1e-6f));
        assertThat(user[1]).isCloseTo(1f / 3, within(1e-6f));
        // item 2 has a zero factor: score = b_u = 1/3, clipped up to the scale's minimum 0.5
        assertThat(mf.score(new UserRatings(new int[] {0, 1}, new float[] {1f, 2f}))[2]).isEqualTo(0.5f);
    }

    @Test
    void thePenaltyPerRatingGrowsWithTheUsersRatings() {
        // No factors, mu = 3, penalty 0 + 1 per rating: two ratings of 5 (residuals 2 and 2) give
        // b_u = (2 + 2) / (2 ratings + penalty 1 * 2) = 1
        FactorModel bias = new FactorModel(FactorModel.BIAS_TYPE, items, 3f, new float[3], FloatMatrix.zeros(3, 0),
                0f, 1f, 0.5f, 5f);

        assertThat(bias.foldIn(new UserRatings(new int[] {0, 1}, new float[] {5f, 5f}))[0]).isCloseTo(1f, within(1e-6f));
        assertThat(bias.foldIn(UserRatings.empty())[0]).isZero();
    }
}
