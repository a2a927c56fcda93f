package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ImplicitFactorModelTest {

    private final IdIndex items = IdIndex.of(new long[] {1, 2, 3, 4});
    private final FloatMatrix y = new FloatMatrix(4, 2, new float[] {1f, 0.2f, 0.8f, -0.1f, -0.5f, 0.9f, 0.1f, 0.3f});

    @Test
    void theFoldInMinimisesTheImplicitObjective() {
        float alpha = 3f;
        float reg = 0.1f;
        ImplicitFactorModel model = new ImplicitFactorModel(items, y, alpha, reg);
        UserRatings user = new UserRatings(new int[] {0, 2}, new float[] {5f, 2f});
        assertGradientIsZero(model, y, alpha, reg, user, model.foldIn(user), 1e-5);
    }

    @Test
    void someItemsPredictedAloneGetTheScoresOfTheFullScoring() {
        ImplicitFactorModel model = new ImplicitFactorModel(items, y, 3f, 0.1f);
        UserRatings user = new UserRatings(new int[] {0, 2}, new float[] {5f, 2f});
        float[] scores = model.score(user);

        assertThat(model.predict(user, 3, 1, 3)).containsExactly(scores[3], scores[1], scores[3]);
    }

    /**
     * More ratings than the fold-in adds to its Gram matrix at once ({@link FoldInBuffers#BLOCK}), on a thread that
     * folded in a model of another size and the same user before.
     */
    @Test
    void theFoldInOfManyRatingsMinimisesTheObjectiveWhateverTheThreadFoldedInBefore() {
        Random random = new Random(11);
        int itemCount = 500;
        int k = 5;
        float[] factors = new float[itemCount * k];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) random.nextGaussian() * 0.3f;
        }
        FloatMatrix factorMatrix = new FloatMatrix(itemCount, k, factors);
        IdIndex ids = IdIndex.of(LongStream.rangeClosed(1, itemCount).toArray());
        ImplicitFactorModel model = new ImplicitFactorModel(ids, factorMatrix, 2f, 0.05f);
        int n = 2 * FoldInBuffers.BLOCK + 9;
        int[] rated = new int[n];
        float[] ratings = new float[n];
        for (int j = 0; j < n; j++) {
            rated[j] = 3 * j;
            ratings[j] = 0.5f + random.nextInt(10) / 2f;
        }
        UserRatings user = new UserRatings(rated, ratings);
        new ImplicitFactorModel(items, y, 3f, 0.1f).foldIn(new UserRatings(new int[] {1}, new float[] {4f}));

        float[] first = model.foldIn(user);

        assertThat(model.foldIn(user)).containsExactly(first);
        assertGradientIsZero(model, factorMatrix, 2f, 0.05f, user, first, 1e-3);
    }

    /**
     * The fold-in minimises {@code sum over all items c_i (p_i - x . y_i)^2 + reg n |x|^2}; at its minimum the
     * gradient {@code -2 sum c_i (p_i - x . y_i) y_i + 2 reg n x} is zero.
     */
    private static void assertGradientIsZero(ImplicitFactorModel model, FloatMatrix y, float alpha, float reg,
            UserRatings user, float[] x, double tolerance) {
        int k = y.cols();
        double[] gradient = new double[k];
        for (int i = 0; i < y.rows(); i++) {
            double confidence = 1;
            double preference = 0;
            for (int j = 0; j < user.size(); j++) {
                if (user.items()[j] == i) {
                    confidence = 1 + alpha * user.ratings()[j];
                    preference = 1;
                }
            }
            double error = preference - model.scoreItem(x, i);
            for (int c = 0; c < k; c++) {
                gradient[c] += -2 * confidence * error * y.get(i, c);
            }
        }
        for (int c = 0; c < k; c++) {
            gradient[c] += 2 * reg * user.size() * x[c];
            assertThat(gradient[c]).as("gradient %d", c).isCloseTo(0, within(tolerance));
        }
    }

    @Test
    void itemsCloserToTheUsersRatingsScoreHigherAndANewUserScoresZero() {
        ImplicitFactorModel model = new ImplicitFactorModel(items, y, 1f, 0.01f);
        float[] scores = model.score(new UserRatings(new int[] {0}, new float[] {5f}));
        // item 2 (row 1) points the way of item 1 (row 0); item 3 (row 2) away from it
        assertThat(scores[1]).isGreaterThan(scores[3]).isGreaterThan(scores[2]);
        assertThat(model.score(UserRatings.empty())).containsOnly(0f);
    }
}
