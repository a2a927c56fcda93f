package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.movierec.model.BlendModel;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;

class BlendTrainerTest {

    @Test
    void leastSquaresRecoversTheInterceptAndWeightsOfAnExactCombination() {
        // ratings = 0.5 + 0.6 a + 0.3 b for two made-up predictors a and b
        Random random = new Random(5);
        int n = 200;
        float[][] predicted = new float[2][n];
        long[] users = new long[n];
        long[] movies = new long[n];
        float[] ratings = new float[n];
        for (int row = 0; row < n; row++) {
            predicted[0][row] = 1 + 4 * random.nextFloat();
            predicted[1][row] = 1 + 4 * random.nextFloat();
            users[row] = row;
            movies[row] = row;
            ratings[row] = (float) (0.5 + 0.6 * predicted[0][row] + 0.3 * predicted[1][row]);
        }
        double[] fitted = BlendTrainer.leastSquares(predicted, Ratings.ofIds(users, movies, ratings, new long[n]));

        assertThat(fitted).containsExactly(new double[] {0.5, 0.6, 0.3}, within(1e-3));
    }

    @Test
    void supportColumnsLetLeastSquaresRecoverWeightsThatDependOnTheItem() {
        // 5 movies rated 1, 2, 4, 8 and 16 times: ratings = 0.5 + 0.2 s + (0.6 - 0.1 s) a + (0.3 + 0.05 s) b
        Random random = new Random(7);
        int n = 31;
        float[][] predicted = new float[2][n];
        long[] users = new long[n];
        long[] movies = new long[n];
        int row = 0;
        for (int movie = 0; movie < 5; movie++) {
            for (int k = 0; k < 1 << movie; k++, row++) {
                users[row] = row;
                movies[row] = movie + 1;
                predicted[0][row] = 1 + 4 * random.nextFloat();
                predicted[1][row] = 1 + 4 * random.nextFloat();
            }
        }
        Ratings unrated = Ratings.ofIds(users, movies, new float[n], new long[n]);
        float[] support = BlendTrainer.itemSupport(unrated);
        float[] ratings = new float[n];
        for (row = 0; row < n; row++) {
            float s = support[unrated.item(row)];
            ratings[row] = 0.5f + 0.2f * s + (0.6f - 0.1f * s) * predicted[0][row] + (0.3f + 0.05f * s) * predicted[1][row];
        }
        Ratings heldOut = Ratings.ofIds(users, movies, ratings, new long[n]);

        // log(1 + count), centred on the ratings' mean
        double mean = 0;
        for (row = 0; row < n; row++) {
            mean += Math.log1p(1 << (movies[row] - 1)) / n;
        }
        assertThat(support).containsExactly(new float[] {(float) (Math.log(2) - mean), (float) (Math.log(3) - mean),
                (float) (Math.log(5) - mean), (float) (Math.log(9) - mean), (float) (Math.log(17) - mean)}, within(1e-5f));
        double[] fitted = BlendTrainer.leastSquares(BlendTrainer.supportColumns(predicted, support, heldOut), heldOut);
        // intercept, the two weights, the support alone, the support times each prediction
        assertThat(fitted).containsExactly(new double[] {0.5, 0.6, 0.3, 0.2, -0.1, 0.05}, within(1e-3));
        // fitted on the even users, measured on the odd ones: exact with the support, not without it
        assertThat(BlendTrainer.halfRmse(BlendTrainer.supportColumns(predicted, support, heldOut), heldOut))
                .isLessThan(1e-3);
        assertThat(BlendTrainer.halfRmse(predicted, heldOut)).isGreaterThan(0.01);
        int[] evenUsers = IntStream.range(0, n).filter(r -> r % 2 == 0).toArray();
        float[][] evenPredicted = {new float[evenUsers.length], new float[evenUsers.length]};
        assertThat(BlendTrainer.halfRmse(evenPredicted, heldOut.subset(evenUsers))).isNaN();
    }

    @Test
    void theBlendHoldsMfAutoRecAndBiasRefittedOnTheWholeTrainPart() {
        // 50 users and 30 movies, each user rating 12 movies around a user and a movie effect
        Random random = new Random(9);
        int users = 50;
        int perUser = 12;
        long[] userIds = new long[users * perUser];
        long[] movieIds = new long[users * perUser];
        float[] ratings = new float[users * perUser];
        double[] movieEffect = random.doubles(30, -1, 1).toArray();
        int row = 0;
        for (int u = 0; u < users; u++) {
            double userEffect = random.nextDouble() - 0.5;
            for (int k = 0; k < perUser; k++) {
                int movie = (u * 7 + k * 2) % 30;   // 12 distinct movies of 30 for each user
                userIds[row] = u + 1;
                movieIds[row] = movie + 1;
                double value = 3.5 + userEffect + movieEffect[movie] + 0.3 * random.nextGaussian();
                ratings[row++] = (float) Math.max(0.5, Math.min(5, Math.round(value * 2) / 2.0));
            }
        }
        Ratings train = Ratings.ofIds(userIds, movieIds, ratings, new long[ratings.length]);
        BlendTrainer trainer = new BlendTrainer(Map.of("validation_fraction", "0.25"));

        Map<String, Double> measured = new LinkedHashMap<>();
        Recommender model = trainer.train(train, train.subset(new int[0]), new EpochListener() {
            @Override
            public void epochEnded(int epoch, int epochs, double trainLoss, double validationLoss) {
            }

            @Override
            public void measured(String name, double value) {
                measured.put(name, value);
            }
        });

        // the weights' validation figures, reported as the run's metrics
        assertThat(measured.keySet())
                .containsExactly("blend_validation_rmse", "blend_validation_rmse_one_weight_a_model");
        assertThat(measured.values()).allSatisfy(rmse -> assertThat(rmse).isBetween(0.0, 2.0));
        assertThat(model).isInstanceOf(BlendModel.class);
        assertThat(((BlendModel) model).components()).extracting(Recommender::type)
                .containsExactly("mf", "autorec", "bias", "knn", "knn-learned");
        assertThat(((BlendModel) model).components()).allSatisfy(c -> assertThat(c.items()).isEqualTo(train.items()));
        assertThat(model.predictsRatings()).isTrue();
        assertThat(trainer.params()).containsExactly(Map.entry("validation_fraction", "0.25"), Map.entry("seed", "42"));
        float[] scores = model.score(train.byUser().ratings(0));
        assertThat(scores).hasSize(30);
        for (float score : scores) {
            assertThat(score).isBetween(0f, 6f);
        }
        assertThat(model.score(UserRatings.empty())).doesNotContain(Float.NaN);
    }
}
