package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.movierec.model.ItemKnnModel;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;

class KnnTrainerTest {

    private static final int USERS = 40;
    private static final int ITEMS = 15;

    /** Each user rates a random half of the items (item 14 by three users only), half stars from 0.5 to 5. */
    private static Ratings randomRatings() {
        SplittableRandom random = new SplittableRandom(11);
        List<long[]> rows = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                if (i == ITEMS - 1 ? u < 3 : random.nextBoolean()) {
                    rows.add(new long[] {u + 1, 100 + i, 1 + random.nextInt(10)});
                }
            }
        }
        long[] users = rows.stream().mapToLong(row -> row[0]).toArray();
        long[] movies = rows.stream().mapToLong(row -> row[1]).toArray();
        float[] ratings = new float[rows.size()];
        for (int k = 0; k < ratings.length; k++) {
            ratings[k] = rows.get(k)[2] * 0.5f;
        }
        return Ratings.ofIds(users, movies, ratings, new long[ratings.length]);
    }

    private record Neighbour(int item, double similarity) {
    }

    /**
     * Item {@code a}'s positive similarities, most similar first, straight from the definition: the Pearson
     * correlation of the baseline residuals over the users who rated both, times (n - 1) / (n - 1 + shrinkage).
     */
    private static List<Neighbour> bruteForce(Ratings train, double[][] residual, int a, double shrinkage) {
        List<Neighbour> similar = new ArrayList<>();
        for (int b = 0; b < train.items().size(); b++) {
            double products = 0;
            double squaresA = 0;
            double squaresB = 0;
            int common = 0;
            for (int u = 0; u < train.users().size(); u++) {
                if (!Double.isNaN(residual[u][a]) && !Double.isNaN(residual[u][b])) {
                    products += residual[u][a] * residual[u][b];
                    squaresA += residual[u][a] * residual[u][a];
                    squaresB += residual[u][b] * residual[u][b];
                    common++;
                }
            }
            if (b != a && common >= 2 && squaresA > 0 && squaresB > 0) {
                double similarity = products / Math.sqrt(squaresA * squaresB) * (common - 1) / (common - 1 + shrinkage);
                if (similarity > 0) {
                    similar.add(new Neighbour(b, similarity));
                }
            }
        }
        similar.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return similar;
    }

    /** {@code r - mu - b_u - b_i} per user and item (NaN where unrated), with the biases fitted as BiasTrainer does. */
    private static double[][] residuals(Ratings train, int epochs) {
        float mu = (float) train.meanRating();
        float[] userBias = new float[train.users().size()];
        float[] itemBias = new float[train.items().size()];
        for (int epoch = 0; epoch < epochs; epoch++) {
            BiasTrainer.epoch(train, mu, userBias, itemBias, 10, 15);
        }
        double[][] residual = new double[train.users().size()][train.items().size()];
        for (double[] row : residual) {
            Arrays.fill(row, Double.NaN);
        }
        for (int row = 0; row < train.size(); row++) {
            residual[train.user(row)][train.item(row)] =
                    train.rating(row) - mu - userBias[train.user(row)] - itemBias[train.item(row)];
        }
        return residual;
    }

    @Test
    void eachItemKeepsItsMostSimilarItemsByShrunkPearsonCorrelationOfTheBaselineResiduals() {
        Ratings train = randomRatings();
        double[][] residual = residuals(train, 3);

        ItemKnnModel model = (ItemKnnModel) new KnnTrainer(Map.of("neighbours", "4", "shrinkage", "5", "baseline_epochs", "3"), false)
                .train(train, train.subset(new int[0]), EpochListener.NONE);

        int kept = 0;
        for (int a = 0; a < ITEMS; a++) {
            List<Neighbour> expected = bruteForce(train, residual, a, 5);
            List<Neighbour> top = expected.subList(0, Math.min(4, expected.size()));
            assertThat(model.neighbours(a)).as("neighbours of item %d", a)
                    .containsExactly(top.stream().mapToInt(Neighbour::item).toArray());
            float[] similarities = model.weights(a);
            for (int e = 0; e < top.size(); e++) {
                assertThat((double) similarities[e]).isCloseTo(top.get(e).similarity(), within(1e-5));
            }
            kept += top.size();
        }
        // the case must not be trivial: most items have a full list, some pairs are dropped as not positive
        assertThat(kept).isGreaterThan(3 * ITEMS);
        assertThat(model.type()).isEqualTo("knn");
        assertThat(model.items()).isEqualTo(train.items());
    }

    @Test
    void withEnoughNeighboursEveryPositiveSimilarityIsKeptAndOnlyTheMostRatedItemsAreModelled() {
        Ratings train = randomRatings();
        double[][] residual = residuals(train, 10);

        ItemKnnModel all = (ItemKnnModel) new KnnTrainer(Map.of("neighbours", "100"), false)
                .train(train, train.subset(new int[0]), EpochListener.NONE);
        ItemKnnModel capped = (ItemKnnModel) new KnnTrainer(Map.of("neighbours", "100", "max_items", "14"), false)
                .train(train, train.subset(new int[0]), EpochListener.NONE);

        int rare = train.items().indexOf(100 + ITEMS - 1);
        for (int a = 0; a < ITEMS; a++) {
            assertThat(all.neighbours(a)).as("neighbours of item %d", a)
                    .containsExactly(bruteForce(train, residual, a, 100).stream().mapToInt(Neighbour::item).toArray());
            if (a != rare) {
                assertThat(capped.neighbours(a)).doesNotContain(rare);
            }
        }
        assertThat(all.neighbours(rare)).isNotEmpty();
        assertThat(capped.neighbours(rare)).isEmpty();
        // an item without neighbours is scored by its baseline alone: the bias model's score
        UserRatings someone = train.byUser().ratings(0);
        float[] baseline = new BiasTrainer(Map.of()).train(train, train.subset(new int[0]), EpochListener.NONE)
                .score(someone);
        assertThat(capped.score(someone)[rare]).isCloseTo(baseline[rare], within(1e-5f));
    }

    @Test
    void learnedWeightsLowerTheTrainingErrorEpochByEpochAndTheLearningCurveIsWhatTheModelScores() {
        Ratings all = randomRatings();
        int[] validationRows = IntStream.range(0, all.size()).filter(row -> row % 7 == 0).toArray();
        Ratings train = all.subset(IntStream.range(0, all.size()).filter(row -> row % 7 != 0).toArray());
        Ratings validation = all.subset(validationRows);
        List<double[]> epochs = new ArrayList<>();

        ItemKnnModel model = (ItemKnnModel) new KnnTrainer(Map.of("epochs", "20", "learning_rate", "0.01"), true)
                .train(train, validation, (epoch, count, trainRmse, validationRmse) ->
                        epochs.add(new double[] {epoch, count, trainRmse, validationRmse}));

        assertThat(model.type()).isEqualTo("knn-learned");
        assertThat(epochs).hasSize(20);
        assertThat(epochs.get(19)[0]).isEqualTo(20);
        assertThat(epochs.get(19)[2]).isLessThan(epochs.get(0)[2] - 0.05);
        // the last validation RMSE, computed by the trainer item by item, is what the model's scatter over the
        // users' ratings predicts
        Ratings.ByUser byUser = train.byUser();
        double squared = 0;
        for (int row = 0; row < validation.size(); row++) {
            float predicted = model.score(byUser.ratings(validation.user(row)))[validation.item(row)];
            squared += (predicted - validation.rating(row)) * (predicted - validation.rating(row));
        }
        assertThat(epochs.get(19)[3]).isCloseTo(Math.sqrt(squared / validation.size()), within(1e-5));
        // the neighbours are knn's, the weights learned (some negative), one implicit weight each
        ItemKnnModel similarities = (ItemKnnModel) new KnnTrainer(Map.of("neighbours", "100"), false)
                .train(train, validation, EpochListener.NONE);
        boolean negative = false;
        for (int i = 0; i < ITEMS; i++) {
            assertThat(model.neighbours(i)).containsExactly(similarities.neighbours(i));
            assertThat(model.implicitWeights(i)).hasSameSizeAs(model.neighbours(i));
            for (float weight : model.weights(i)) {
                negative |= weight < 0;
            }
        }
        assertThat(negative).isTrue();
    }

    @Test
    void theSameSeedLearnsTheSameWeightsAndAnotherSeedOthers() {
        Ratings train = randomRatings();
        ItemKnnModel first = (ItemKnnModel) new KnnTrainer(Map.of("epochs", "3"), true)
                .train(train, train.subset(new int[0]), EpochListener.NONE);
        ItemKnnModel again = (ItemKnnModel) new KnnTrainer(Map.of("epochs", "3"), true)
                .train(train, train.subset(new int[0]), EpochListener.NONE);
        ItemKnnModel other = (ItemKnnModel) new KnnTrainer(Map.of("epochs", "3", "seed", "7"), true)
                .train(train, train.subset(new int[0]), EpochListener.NONE);

        UserRatings someone = train.byUser().ratings(3);
        assertThat(again.score(someone)).containsExactly(first.score(someone));
        assertThat(other.score(someone)).isNotEqualTo(first.score(someone));
    }

    @Test
    void badHyperParametersAreRefusedWithTheirRange() {
        assertThatThrownBy(() -> new KnnTrainer(Map.of("neighbours", "0"), false))
                .hasMessageContaining("neighbours=0").hasMessageContaining("from 1 to");
        assertThatThrownBy(() -> new KnnTrainer(Map.of("k", "40"), false))
                .hasMessageContaining("no hyper-parameter [k]").hasMessageContaining("neighbours");
        assertThatThrownBy(() -> new KnnTrainer(Map.of("learning_rate", "0.01"), false))
                .hasMessageContaining("model 'knn' has no hyper-parameter [learning_rate]");
        assertThat(new KnnTrainer(Map.of(), true).params().keySet()).containsExactly("neighbours", "shrinkage",
                "epochs", "learning_rate", "reg", "baseline_epochs", "reg_item", "reg_user", "max_items", "seed");
    }
}
