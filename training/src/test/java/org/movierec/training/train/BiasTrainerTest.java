package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.model.FactorModel;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;

class BiasTrainerTest {

    /*
     * Users 1, 2, 3 (indices 0..2); movies 10, 20, 30 (indices 0..2).
     *   train (rows 0..5): user 1: 10 -> 5, 20 -> 3; user 2: 10 -> 4, 30 -> 2; user 3: 20 -> 4, 30 -> 3
     *   validation (row 6): user 1: 30 -> 4
     * mu = (5 + 3 + 4 + 2 + 4 + 3) / 6 = 21 / 6 = 3.5
     *
     * One epoch with reg_item = 1, reg_user = 2:
     *   item step (user biases 0), b_i = sum(r - mu) / (reg_item + n_i):
     *     10: (1.5 + 0.5) / 3 = 2/3      20: (-0.5 + 0.5) / 3 = 0      30: (-1.5 - 0.5) / 3 = -2/3
     *   user step, b_u = sum(r - mu - b_i) / (reg_user + n_u):
     *     1: ((5 - 3.5 - 2/3) + (3 - 3.5 - 0)) / 4 = (5/6 - 1/2) / 4 = 1/12
     *     2: ((4 - 3.5 - 2/3) + (2 - 3.5 + 2/3)) / 4 = (-1/6 - 5/6) / 4 = -1/4
     *     3: ((4 - 3.5 - 0) + (3 - 3.5 + 2/3)) / 4 = (1/2 + 1/6) / 4 = 1/6
     */
    private static final Ratings ALL = Ratings.ofIds(new long[] {1, 1, 2, 2, 3, 3, 1}, new long[] {10, 20, 10, 30, 20, 30, 30},
            new float[] {5, 3, 4, 2, 4, 3, 4}, new long[7]);
    private static final Ratings TRAIN = ALL.subset(new int[] {0, 1, 2, 3, 4, 5});
    private static final Ratings VALIDATION = ALL.subset(new int[] {6});
    private static final Map<String, String> ONE_EPOCH = Map.of("epochs", "1", "reg_item", "1", "reg_user", "2");

    private record Epoch(int epoch, int epochs, double trainLoss, double validationLoss) {
    }

    @Test
    void oneEpochGivesTheHandWorkedBiasesAndTheFoldInReproducesEachTrainedUserBias() {
        Recommender model = new BiasTrainer(ONE_EPOCH).train(TRAIN, ALL.subset(new int[0]), EpochListener.NONE);
        Ratings.ByUser byUser = TRAIN.byUser();

        assertThat(model).isInstanceOf(FactorModel.class);
        assertThat(model.type()).isEqualTo("bias");
        assertThat(((FactorModel) model).factors()).isZero();
        assertThat(model.items()).isEqualTo(TRAIN.items());
        // score = mu + b_i + b_u with the b_u folded in from the user's own training ratings
        // user 1 (b_u = 1/12): 3.5 + 2/3 + 1/12 = 4.25, 3.5 + 0 + 1/12 = 3.5833333, 3.5 - 2/3 + 1/12 = 2.9166667
        assertThat(model.score(byUser.ratings(0))).containsExactly(new float[] {4.25f, 3.5833333f, 2.9166667f},
                within(1e-5f));
        // user 2 (b_u = -1/4): 3.9166667, 3.25, 2.5833333
        assertThat(model.score(byUser.ratings(1))).containsExactly(new float[] {3.9166667f, 3.25f, 2.5833333f},
                within(1e-5f));
        // user 3 (b_u = 1/6): 4.3333333, 3.6666667, 3.0
        assertThat(model.score(byUser.ratings(2))).containsExactly(new float[] {4.3333333f, 3.6666667f, 3.0f},
                within(1e-5f));
    }

    @Test
    void theListenerGetsTheHandWorkedTrainAndValidationRmse() {
        List<Epoch> epochs = new ArrayList<>();
        new BiasTrainer(ONE_EPOCH).train(TRAIN, VALIDATION, (e, n, train, validation) -> epochs.add(new Epoch(e, n, train,
                validation)));

        assertThat(epochs).hasSize(1);
        assertThat(epochs.get(0).epoch()).isEqualTo(1);
        assertThat(epochs.get(0).epochs()).isEqualTo(1);
        // errors r - (mu + b_u + b_i) with the scores above:
        //   5 - 4.25 = 3/4, 3 - 3.5833 = -7/12, 4 - 3.9167 = 1/12, 2 - 2.5833 = -7/12, 4 - 3.6667 = 1/3, 3 - 3 = 0
        //   squares (81 + 49 + 1 + 49 + 16 + 0) / 144 = 196/144 = 49/36; rmse = sqrt(49/36 / 6) = 7 / sqrt(216)
        assertThat(epochs.get(0).trainLoss()).isCloseTo(7 / Math.sqrt(216), within(1e-6));
        // validation: user 1, movie 30: 4 - 2.9166667 = 1.0833333
        assertThat(epochs.get(0).validationLoss()).isCloseTo(13.0 / 12, within(1e-6));
    }

    @Test
    void everyEpochIsReportedInOrderWithATrainRmseThatNeverGrowsAndThatTheSavedModelReproduces() {
        List<Epoch> epochs = new ArrayList<>();
        Recommender model = new BiasTrainer(Map.of("epochs", "6", "reg_item", "1", "reg_user", "2")).train(TRAIN,
                VALIDATION, (e, n, train, validation) -> epochs.add(new Epoch(e, n, train, validation)));

        assertThat(epochs).extracting(Epoch::epoch).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(epochs).extracting(Epoch::epochs).containsOnly(6);
        assertThat(epochs.get(0).trainLoss()).isCloseTo(7 / Math.sqrt(216), within(1e-6));
        for (int k = 1; k < epochs.size(); k++) {
            assertThat(epochs.get(k).trainLoss()).as("train rmse after epoch %d", k + 1)
                    .isLessThanOrEqualTo(epochs.get(k - 1).trainLoss());
        }
        assertThat(epochs).allSatisfy(e -> assertThat(e.validationLoss()).isFinite());
        // the last user step is the fold-in, so the model scores the training users exactly as trained
        Ratings.ByUser byUser = TRAIN.byUser();
        double sum = 0;
        for (int row = 0; row < TRAIN.size(); row++) {
            double error = TRAIN.rating(row) - model.score(byUser.ratings(TRAIN.user(row)))[TRAIN.item(row)];
            sum += error * error;
        }
        assertThat(Math.sqrt(sum / TRAIN.size())).isCloseTo(epochs.get(5).trainLoss(), within(1e-5));
    }

    @Test
    void withoutValidationRatingsTheValidationLossIsNaN() {
        List<Double> validation = new ArrayList<>();
        new BiasTrainer(Map.of("epochs", "2")).train(TRAIN, ALL.subset(new int[0]), (e, n, t, v) -> validation.add(v));

        assertThat(validation).hasSize(2).allSatisfy(v -> assertThat(v).isNaN());
    }

    @Test
    void paramsAreTheDefaultsOverriddenByWhatWasGiven() {
        assertThat(new BiasTrainer(Map.of()).params()).containsExactly(Map.entry("epochs", "10"),
                Map.entry("reg_item", "10.0"), Map.entry("reg_user", "15.0"));
        assertThat(new BiasTrainer(ONE_EPOCH).params()).containsExactly(Map.entry("epochs", "1"),
                Map.entry("reg_item", "1.0"), Map.entry("reg_user", "2.0"));
    }
}
