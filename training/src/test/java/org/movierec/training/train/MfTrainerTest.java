package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;

class MfTrainerTest {

    private static final int USERS = 50;
    private static final int ITEMS = 40;
    private static final Map<String, String> PARAMS = Map.of("factors", "2", "epochs", "60", "learning_rate", "0.02",
            "reg", "0.02");

    /** Low-rank ratings with their split: {@code all}, then train and held-out rows of it. */
    private record Data(Ratings all, Ratings train, Ratings test) {
    }

    /**
     * Ratings {@code 3 + p_u . q_i + noise}: 2 latent factors, each drawn N(0, 1), noise N(0, 0.1^2), rounded to
     * half stars and clipped to [0.5, 5]; 60% of the 50 x 40 pairs observed, a fifth of those held out.
     */
    private static Data lowRank(long seed) {
        Random random = new Random(seed);
        double[][] p = new double[USERS][2];
        double[][] q = new double[ITEMS][2];
        for (double[] v : p) {
            v[0] = random.nextGaussian();
            v[1] = random.nextGaussian();
        }
        for (double[] v : q) {
            v[0] = random.nextGaussian();
            v[1] = random.nextGaussian();
        }
        List<long[]> pairs = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<Boolean> heldOut = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                if (random.nextDouble() < 0.6) {
                    double r = 3 + p[u][0] * q[i][0] + p[u][1] * q[i][1] + 0.1 * random.nextGaussian();
                    pairs.add(new long[] {100 + u, 1000 + i});
                    values.add((float) Math.min(5, Math.max(0.5, Math.round(r * 2) / 2.0)));
                    heldOut.add(random.nextDouble() < 0.2);
                }
            }
        }
        int n = pairs.size();
        long[] users = new long[n];
        long[] items = new long[n];
        float[] ratings = new float[n];
        int[] train = new int[n];
        int[] test = new int[n];
        int trainCount = 0;
        int testCount = 0;
        for (int row = 0; row < n; row++) {
            users[row] = pairs.get(row)[0];
            items[row] = pairs.get(row)[1];
            ratings[row] = values.get(row);
            if (heldOut.get(row)) {
                test[testCount++] = row;
            } else {
                train[trainCount++] = row;
            }
        }
        Ratings all = Ratings.ofIds(users, items, ratings, new long[n]);
        return new Data(all, all.subset(Arrays.copyOf(train, trainCount)), all.subset(Arrays.copyOf(test, testCount)));
    }

    /** RMSE on the held-out ratings, each user scored from (folded in from) their training ratings. */
    private static double heldOutRmse(Recommender model, Data data) {
        Ratings.ByUser byUser = data.train().byUser();
        double sum = 0;
        for (int row = 0; row < data.test().size(); row++) {
            float predicted = model.score(byUser.ratings(data.test().user(row)))[data.test().item(row)];
            double error = data.test().rating(row) - predicted;
            sum += error * error;
        }
        return Math.sqrt(sum / data.test().size());
    }

    private static FloatMatrix itemFactors(Recommender model) {
        return model.itemVectors().orElseThrow();
    }

    @Test
    void theSameDataAndSeedGiveTheSameModelAndAnotherSeedAnotherOne() {
        Data data = lowRank(1);
        Map<String, String> seven = Map.of("factors", "4", "epochs", "5", "seed", "7");
        Recommender first = new MfTrainer(seven).train(data.train(), data.test(), EpochListener.NONE);
        Recommender second = new MfTrainer(seven).train(data.train(), data.test(), EpochListener.NONE);
        Recommender other = new MfTrainer(Map.of("factors", "4", "epochs", "5", "seed", "8")).train(data.train(),
                data.test(), EpochListener.NONE);

        assertThat(itemFactors(first).rows()).isEqualTo(data.all().items().size());
        assertThat(itemFactors(first).cols()).isEqualTo(4);
        assertThat(itemFactors(second).data()).containsExactly(itemFactors(first).data());
        Ratings.ByUser byUser = data.train().byUser();
        assertThat(second.score(byUser.ratings(3))).containsExactly(first.score(byUser.ratings(3)));
        assertThat(itemFactors(other).data()).isNotEqualTo(itemFactors(first).data());
        assertThat(other.score(byUser.ratings(3))).isNotEqualTo(first.score(byUser.ratings(3)));
    }

    @Test
    void onLowRankRatingsTheFactorsPredictHeldOutRatingsFarBetterThanTheBiasBaseline() {
        Data data = lowRank(2024);
        Recommender mf = new MfTrainer(PARAMS).train(data.train(), data.test(), EpochListener.NONE);
        Recommender bias = new BiasTrainer(Map.of()).train(data.train(), data.test(), EpochListener.NONE);

        assertThat(((FactorModel) mf).factors()).isEqualTo(2);
        double mfRmse = heldOutRmse(mf, data);
        double biasRmse = heldOutRmse(bias, data);
        // the interaction p_u . q_i has variance 2 (sd ~1.4) that no bias can explain; 2 factors can, up to the
        // noise, the half-star rounding and the fold-in's shrinkage
        assertThat(biasRmse).as("bias baseline held-out rmse").isGreaterThan(0.9);
        assertThat(mfRmse).as("mf held-out rmse (bias baseline %.3f)", biasRmse).isLessThan(0.5 * biasRmse);
    }

    @Test
    void theListenerSeesEveryEpochInOrderWithAFiniteValidationLoss() {
        Data data = lowRank(3);
        List<int[]> epochs = new ArrayList<>();
        List<double[]> losses = new ArrayList<>();
        new MfTrainer(Map.of("factors", "2", "epochs", "12")).train(data.train(), data.test(), (e, n, train, validation) -> {
            epochs.add(new int[] {e, n});
            losses.add(new double[] {train, validation});
        });

        assertThat(epochs).extracting(e -> e[0]).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(epochs).extracting(e -> e[1]).containsOnly(12);
        assertThat(losses).allSatisfy(l -> {
            assertThat(l[0]).isFinite().isPositive();
            assertThat(l[1]).isFinite().isPositive();
        });
        // stochastic gradient descent from small random factors: the last epoch fits the training ratings
        // better than the first
        assertThat(losses.get(11)[0]).isLessThan(losses.get(0)[0]);
    }

    @Test
    void paramsListEveryHyperParameterWithItsDefault() {
        assertThat(new MfTrainer(Map.of("factors", "8")).params()).containsExactly(Map.entry("factors", "8"),
                Map.entry("epochs", "40"), Map.entry("learning_rate", "0.01"), Map.entry("reg", "0.05"),
                Map.entry("init_std", "0.1"), Map.entry("fold_in_reg", "0.0"), Map.entry("fold_in_reg_per_rating", "0.15"),
                Map.entry("seed", "42"));
    }
}
