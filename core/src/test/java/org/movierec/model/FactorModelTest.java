package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.LongStream;
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

    /**
     * A user with more ratings than the fold-in adds to its Gram matrix at once ({@link FoldInBuffers#BLOCK}), folded
     * in on a thread that folded in a model of another size and the same user before: the answer is the minimum of
     * {@code sum (r - mu - b_i - q_i . p - b_u)^2 + penalty (|p|^2 + b_u^2)}, where the gradient
     * {@code -2 sum e [q_i, 1] + 2 penalty [p, b_u]} is zero, and the same the second time.
     */
    @Test
    void theFoldInOfManyRatingsSatisfiesItsNormalEquationsWhateverTheThreadFoldedInBeforeAndOneItemIsPredictedAlone() {
        Random random = new Random(7);
        int itemCount = 500;
        int k = 6;
        float[] factors = new float[itemCount * k];
        float[] itemBias = new float[itemCount];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) random.nextGaussian() * 0.4f;
        }
        for (int i = 0; i < itemCount; i++) {
            itemBias[i] = (float) random.nextGaussian() * 0.3f;
        }
        IdIndex ids = IdIndex.of(LongStream.rangeClosed(1, itemCount).toArray());
        FactorModel mf = new FactorModel(FactorModel.MF_TYPE, ids, 3.5f, itemBias,
                new FloatMatrix(itemCount, k, factors), 0.5f, 0.02f, 0.5f, 5f);
        int n = 3 * FoldInBuffers.BLOCK + 17;
        int[] rated = new int[n];
        float[] ratings = new float[n];
        for (int j = 0; j < n; j++) {
            rated[j] = 2 * j;
            ratings[j] = 0.5f + random.nextInt(10) / 2f;
        }
        UserRatings user = new UserRatings(rated, ratings);
        new FactorModel(FactorModel.MF_TYPE, items, 0f, new float[3], new FloatMatrix(3, 1, new float[] {1f, 2f, 0f}),
                1f, 0.5f, 5f).foldIn(new UserRatings(new int[] {0, 1}, new float[] {1f, 2f}));

        float[] first = mf.foldIn(user);
        float[] again = mf.foldIn(user);

        assertThat(again).containsExactly(first);
        double penalty = 0.5 + 0.02 * n;
        double[] gradient = new double[k + 1];
        for (int j = 0; j < n; j++) {
            int item = rated[j];
            double prediction = 3.5 + itemBias[item] + first[k];
            for (int c = 0; c < k; c++) {
                prediction += factors[item * k + c] * first[c];
            }
            double error = ratings[j] - prediction;
            for (int c = 0; c < k; c++) {
                gradient[c] -= 2 * error * factors[item * k + c];
            }
            gradient[k] -= 2 * error;
        }
        for (int c = 0; c <= k; c++) {
            gradient[c] += 2 * penalty * first[c];
            assertThat(gradient[c]).as("gradient %d", c).isCloseTo(0, within(1e-3));
        }
        float[] scores = mf.score(user);
        int[] some = {itemCount - 1, 0, 7, 7, 3};
        float[] predicted = mf.predict(user, some);
        for (int i = 0; i < some.length; i++) {
            assertThat(predicted[i]).as("item %d", some[i]).isEqualTo(scores[some[i]]);
        }
    }
}
