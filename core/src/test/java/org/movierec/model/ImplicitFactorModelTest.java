package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImplicitFactorModelTest {

    private final IdIndex items = IdIndex.of(new long[] {1, 2, 3, 4});
    private final FloatMatrix y = new FloatMatrix(4, 2, new float[] {1f, 0.2f, 0.8f, -0.1f, -0.5f, 0.9f, 0.1f, 0.3f});

    /**
     * The fold-in minimises {@code sum over all items c_i (p_i - x . y_i)^2 + reg n |x|^2}; at its minimum the
     * gradient {@code -2 sum c_i (p_i - x . y_i) y_i + 2 reg n x} is zero.
     */
    @Test
    void theFoldInMinimisesTheImplicitObjective() {
        float alpha = 3f;
        float reg = 0.1f;
        ImplicitFactorModel model = new ImplicitFactorModel(items, y, alpha, reg);
        UserRatings user = new UserRatings(new int[] {0, 2}, new float[] {5f, 2f});
        float[] x = model.foldIn(user);
        double[] gradient = new double[2];
        for (int i = 0; i < 4; i++) {
            double confidence = 1;
            double preference = 0;
            for (int j = 0; j < user.size(); j++) {
                if (user.items()[j] == i) {
                    confidence = 1 + alpha * user.ratings()[j];
                    preference = 1;
                }
            }
            double error = preference - (x[0] * y.get(i, 0) + x[1] * y.get(i, 1));
            for (int c = 0; c < 2; c++) {
                gradient[c] += -2 * confidence * error * y.get(i, c);
            }
        }
        for (int c = 0; c < 2; c++) {
            gradient[c] += 2 * reg * user.size() * x[c];
            assertThat(gradient[c]).as("gradient %d", c).isCloseTo(0, within(1e-5));
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
