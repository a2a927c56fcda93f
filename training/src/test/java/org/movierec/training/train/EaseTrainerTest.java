package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.movierec.model.EaseModel;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

class EaseTrainerTest {

    // Users 1 and 2 rated movies A (10) and B (20), user 3 rated B and C (30).
    // G = X'X = [[2, 2, 0], [2, 3, 1], [0, 1, 1]]; with lambda = 1: [[3, 2, 0], [2, 4, 1], [0, 1, 2]], det 13,
    // P = (1/13) [[7, -4, 2], [-4, 6, -3], [2, -3, 8]]; B[i][j] = -P[i][j] / P[j][j]:
    // B[A][B] = 4/6, B[A][C] = -2/8, B[B][A] = 4/7, B[B][C] = 3/8, B[C][A] = -2/7, B[C][B] = 3/6
    private final Ratings ratings = Ratings.ofIds(new long[] {1, 1, 2, 2, 3, 3}, new long[] {10, 20, 10, 20, 20, 30},
            new float[] {4, 5, 3, 4, 2, 5}, new long[6]);

    @Test
    void theWeightsAreTheClosedFormOfTheRegularisedGramMatrix() {
        Recommender ease = new EaseTrainer(Map.of("lambda", "1", "min_item_ratings", "1", "rating_power", "0"))
                .train(ratings, ratings.subset(new int[0]), EpochListener.NONE);

        float[] likesA = ease.score(new UserRatings(new int[] {0}, new float[] {4}));
        assertThat(likesA[0]).isZero();
        assertThat(likesA[1]).isCloseTo(4f / 6, within(1e-4f));
        assertThat(likesA[2]).isCloseTo(-2f / 8, within(1e-4f));
        float[] likesC = ease.score(new UserRatings(new int[] {2}, new float[] {5}));
        assertThat(likesC[0]).isCloseTo(-2f / 7, within(1e-4f));
        assertThat(likesC[1]).isCloseTo(3f / 6, within(1e-4f));
        float[] likesAandB = ease.score(new UserRatings(new int[] {0, 1}, new float[] {4, 4}));
        assertThat(likesAandB[2]).isCloseTo(-2f / 8 + 3f / 8, within(1e-4f));
    }

    @Test
    void onlyTheMostRatedItemsAreModelledAndEachRowKeepsItsLargestWeights() {
        // B is rated 3 times, A twice, C once: with max_items = 2 only A and B are modelled
        Recommender capped = new EaseTrainer(Map.of("lambda", "1", "min_item_ratings", "1", "max_items", "2",
                        "rating_power", "0"))
                .train(ratings, ratings.subset(new int[0]), EpochListener.NONE);
        assertThat(capped.score(new UserRatings(new int[] {1}, new float[] {5}))[2]).isEqualTo(EaseModel.UNMODELLED);

        // three weights for three items, one a row: A keeps only B (4/6 > -2/8)
        Recommender sparse = new EaseTrainer(Map.of("lambda", "1", "min_item_ratings", "1", "max_weights", "3",
                        "rating_power", "0"))
                .train(ratings, ratings.subset(new int[0]), EpochListener.NONE);
        float[] likesA = sparse.score(new UserRatings(new int[] {0}, new float[] {4}));
        assertThat(likesA[1]).isCloseTo(4f / 6, within(1e-4f));
        assertThat(likesA[2]).isZero();
    }

    @ParameterizedTest(name = "rating_power {0}")
    @ValueSource(doubles = {0, 1, 2})
    void uncappedTheScoresAreTheDenseClosedFormOfTheWeightedRatings(double ratingPower) {
        // 60 users, 40 items, about a third of the pairs rated 0.5 to 5, each entered as (r / 5)^ratingPower: the
        // dense solution computed here in double precision with ND4J's general inverse, B = P X'X - P diag(mu),
        // mu_j = (P X'X)_jj / P_jj
        int users = 60;
        int items = 40;
        double lambda = 7;
        Random random = new Random(11);
        List<long[]> pairs = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        double[][] x = new double[users][items];
        float[][] given = new float[users][items];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextInt(3) == 0 || i == u % items) {
                    float rating = (1 + random.nextInt(10)) / 2f;
                    pairs.add(new long[] {u + 1, i + 1});
                    values.add(rating);
                    given[u][i] = rating;
                    x[u][i] = Math.pow(rating / 5.0, ratingPower);
                }
            }
        }
        float[] ratingValues = new float[values.size()];
        for (int k = 0; k < ratingValues.length; k++) {
            ratingValues[k] = values.get(k);
        }
        Ratings all = Ratings.ofIds(pairs.stream().mapToLong(pair -> pair[0]).toArray(),
                pairs.stream().mapToLong(pair -> pair[1]).toArray(), ratingValues, new long[ratingValues.length]);
        INDArray xm = Nd4j.create(x);
        INDArray p = InvertMatrix.invert(xm.transpose().mmul(xm).addi(Nd4j.eye(items).muli(lambda)), false);
        INDArray b = p.mmul(xm.transpose().mmul(xm));
        for (int j = 0; j < items; j++) {
            double mu = b.getDouble(j, j) / p.getDouble(j, j);
            b.getColumn(j).subi(p.getColumn(j).mul(mu));
        }

        Recommender ease = new EaseTrainer(Map.of("lambda", Double.toString(lambda), "min_item_ratings", "1",
                "max_weights", Integer.toString(items * items), "rating_power", Double.toString(ratingPower)))
                .train(all, all.subset(new int[0]), EpochListener.NONE);

        for (int u = 0; u < users; u += 7) {
            float[] row = given[u];
            int[] rated = IntStream.range(0, items).filter(i -> row[i] > 0).toArray();
            float[] ratingsGiven = new float[rated.length];
            for (int k = 0; k < rated.length; k++) {
                ratingsGiven[k] = row[rated[k]];
            }
            float[] scores = ease.score(new UserRatings(rated, ratingsGiven));
            for (int j = 0; j < items; j++) {
                double expected = 0;
                for (int i : rated) {
                    expected += i == j ? 0 : x[u][i] * b.getDouble(i, j);
                }
                // item ids 1..40 are indices 0..39
                assertThat((double) scores[j]).as("user %d, item %d", u, j).isCloseTo(expected, within(1e-4));
            }
        }
    }

    @Test
    void largestPicksThePositionsOfTheKLargestValues() {
        // 9 at 5, 6 at 7, 5 at 4
        assertThat(EaseTrainer.largest(new double[] {3, 1, 4, 1, 5, 9, 2, 6}, 3)).containsExactly(4, 5, 7);
        assertThat(EaseTrainer.largest(new double[] {3, 1}, 5)).containsExactly(0, 1);
        assertThat(EaseTrainer.largest(new double[] {3, 1}, 0)).isEmpty();
    }

    @Test
    void theBlockInverseInvertsLargeMatricesToo() {
        // 600 rows: two levels of blocks above the direct base case
        INDArray x = Nd4j.rand(DataType.FLOAT, 700, 600);
        INDArray a = x.transpose().mmul(x).addi(Nd4j.eye(600).castTo(DataType.FLOAT).muli(10));

        INDArray inverse = SpdInverse.invert(a);

        INDArray identity = Nd4j.eye(600).castTo(DataType.FLOAT);
        assertThat(a.mmul(inverse).subi(identity).amaxNumber().doubleValue()).isLessThan(1e-3);
    }
}
