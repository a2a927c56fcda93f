package org.movierec.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.training.eval.EvaluationSettings;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.Split;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;
import org.movierec.training.train.EpochListener;
import org.nd4j.linalg.api.ndarray.INDArray;

class AutoRecTrainerTest {

    private static final Map<String, String> SMALL = Map.of("hidden_units", "8", "epochs", "40",
            "learning_rate", "0.01", "batch_size", "8", "l2", "0.0001", "fold_in_reg", "1", "fold_in_bias_reg", "1");

    @Test
    void everyHyperParameterIsListedWithItsDefault() {
        assertThat(new AutoRecTrainer(Map.of()).params()).containsOnlyKeys("hidden_units", "epochs", "learning_rate",
                "l2", "batch_size", "max_users", "fold_in_reg", "fold_in_bias_reg", "seed");
        assertThat(new AutoRecTrainer(Map.of("hidden_units", "64")).params()).containsEntry("hidden_units", "64");
        assertThat(new AutoRecTrainer(Map.of()).type()).isEqualTo("autorec");
    }

    @Test
    void badHyperParametersAreRefusedByName() {
        assertThatThrownBy(() -> new AutoRecTrainer(Map.of("batch_size", "0")))
                .hasMessage("hyper-parameter batch_size=0 is invalid: expected an integer from 1 to 100000");
        assertThatThrownBy(() -> new AutoRecTrainer(Map.of("hidden", "10")))
                .hasMessageStartingWith("model 'autorec' has no hyper-parameter [hidden];");
    }

    @Test
    void learnsTheStructureAndReportsEveryEpoch() {
        Ratings[] split = TinyRatings.split();
        List<double[]> epochs = new ArrayList<>();

        AutoRecNetwork network = new AutoRecTrainer(SMALL).fit(split[0], split[1],
                (epoch, planned, trainLoss, validationLoss) -> epochs.add(new double[] {epoch, planned, trainLoss,
                        validationLoss}));

        assertThat(epochs).hasSize(40);
        assertThat(epochs.get(39)[0]).isEqualTo(40);
        assertThat(epochs.get(39)[1]).isEqualTo(40);
        // ratings are 1 or 5, so predicting the mean has an RMSE near 2
        assertThat(Math.sqrt(epochs.get(39)[3])).isLessThan(0.8).isLessThan(Math.sqrt(epochs.get(0)[3]));
        assertThat(network.rmse(split[1])).isCloseTo(Math.sqrt(epochs.get(39)[3]), within(1e-6));
        FactorModel model = network.export(1, 1);
        assertThat(new Evaluator(EvaluationSettings.defaults()).evaluate(model, new Split("tiny", split[0], split[1]))
                .get("rmse")).isLessThan(0.8);
    }

    @Test
    void theExportIsTheNetworkReparameterisedAroundItsAverageUser() {
        Ratings[] split = TinyRatings.split();
        Ratings train = split[0];
        AutoRecNetwork network = new AutoRecTrainer(Map.of("hidden_units", "4", "epochs", "3"))
                .fit(train, split[1], EpochListener.NONE);
        int hidden = 4;
        int items = TinyRatings.ITEMS;
        int users = TinyRatings.USERS;

        FactorModel model = network.export(2, 8); // factors scaled by sqrt(2 / 8)
        double scale = 0.5;

        // the codes by hand: z_i = sigmoid(b + sum over the item's ratings of (rating - mean) W[user])
        INDArray encoder = network.network().getParam("0_W");
        INDArray encoderBias = network.network().getParam("0_b");
        double mean = train.meanRating();
        double[][] codes = new double[items][hidden];
        double[] meanCode = new double[hidden];
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < hidden; k++) {
                double sum = encoderBias.getDouble(k);
                for (int row = 0; row < train.size(); row++) {
                    if (train.item(row) == i) {
                        sum += (train.rating(row) - mean) * encoder.getDouble(train.user(row), k);
                    }
                }
                codes[i][k] = 1 / (1 + Math.exp(-sum));
                meanCode[k] += codes[i][k] / items;
            }
        }
        FloatMatrix factors = model.itemVectors().orElseThrow();
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < hidden; k++) {
                assertThat(factors.get(i, k)).isCloseTo((float) (scale * (codes[i][k] - meanCode[k])), within(1e-5f));
            }
        }
        // user u's network prediction = (mean + b_i) + q_i . p_u + b_u with q_i the factors, p_u = (V_u - Vbar) / scale
        // and b_u = c_u - cbar + (V_u - Vbar) . zbar; an empty profile folds in to p = 0, b = 0: it scores mean + b_i
        INDArray decoder = network.network().getParam("1_W");
        INDArray decoderBias = network.network().getParam("1_b");
        float[] averageUser = model.score(UserRatings.empty());
        int[] all = java.util.stream.IntStream.range(0, items).toArray();
        float[][] predictions = network.predictions(all, 0, items);
        for (int u : new int[] {0, 17, 33}) {
            double[] p = new double[hidden];
            double b = decoderBias.getDouble(u) - decoderBias.meanNumber().doubleValue();
            for (int k = 0; k < hidden; k++) {
                double centred = decoder.getDouble(k, u) - decoder.getRow(k).meanNumber().doubleValue();
                b += centred * meanCode[k];
                p[k] = centred / scale;
            }
            for (int i = 0; i < items; i++) {
                double expected = averageUser[i] + b;
                for (int k = 0; k < hidden; k++) {
                    expected += factors.get(i, k) * p[k];
                }
                assertThat(predictions[i][u]).as("user %d item %d", u, i).isCloseTo((float) expected, within(1e-4f));
            }
        }
        assertThat(users).isEqualTo(decoder.columns());
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Ratings[] split = TinyRatings.split();
        float[] first = factors(SMALL, split);
        float[] again = factors(SMALL, split);
        Map<String, String> otherSeed = new java.util.HashMap<>(SMALL);
        otherSeed.put("seed", "7");

        assertThat(again).containsExactly(first);
        assertThat(factors(otherSeed, split)).isNotEqualTo(first);
    }

    @Test
    void maxUsersCapsTheNetworkWidth() {
        Ratings[] split = TinyRatings.split();

        AutoRecNetwork network = new AutoRecTrainer(Map.of("max_users", "10", "hidden_units", "4", "epochs", "1"))
                .fit(split[0], split[1], EpochListener.NONE);

        assertThat(network.network().getParam("0_W").shape()).containsExactly(10, 4);
        assertThat(network.network().getParam("1_W").shape()).containsExactly(4, 10);
    }

    private static float[] factors(Map<String, String> params, Ratings[] split) {
        return new AutoRecTrainer(params).train(split[0], split[1], EpochListener.NONE).itemVectors().orElseThrow()
                .data();
    }
}
