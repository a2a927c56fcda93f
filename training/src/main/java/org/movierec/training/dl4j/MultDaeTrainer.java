package org.movierec.training.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.movierec.model.DaeModel;
import org.movierec.training.data.Ratings;
import org.movierec.training.train.EpochListener;
import org.movierec.training.train.HyperParameters;
import org.movierec.training.train.Trainer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The multinomial denoising autoencoder (Mult-DAE, Liang et al. 2018) for top-N ranking, trained with
 * Deeplearning4j: a user's items rated at least {@code threshold}, as a binary vector normalised to unit
 * length, go through input dropout and one tanh layer; a softmax over the items gives the multinomial whose
 * log-likelihood of the user's items is maximised, with L2 weight decay and Adam. Exported as a
 * {@link DaeModel}.
 *
 * <p>The loss is DL4J's {@link LossMCXENT} with a weight of 1 per item: with 0/1 labels that sum to more than
 * 1, its unweighted softmax gradient ({@code p - x}) is wrong, while the weighted one ({@code p * sum(x) - x})
 * is the multinomial's.
 *
 * <p>Memory is bounded by {@code max_items}: only the most rated items are input and output units, so the
 * network holds {@code 2 x max_items x hidden_units} weights (four times that with Adam's state and the
 * gradient) and a mini-batch {@code 2 x batch_size x max_items} floats. Ratings of other items are ignored
 * and those items are never recommended.
 */
public final class MultDaeTrainer implements Trainer {

    private final int hiddenUnits;
    private final int epochs;
    private final double learningRate;
    private final double l2;
    private final double dropout;
    private final int batchSize;
    private final double threshold;
    private final int maxItems;
    private final long seed;
    private final Map<String, String> params;

    /** @param overrides hyper-parameters to change from their defaults, by name (see {@link #params()}) */
    public MultDaeTrainer(Map<String, String> overrides) {
        HyperParameters p = HyperParameters.of(overrides);
        hiddenUnits = p.integer("hidden_units", 200, 1, 10_000);
        epochs = p.integer("epochs", 20, 1, 10_000);
        learningRate = p.real("learning_rate", 3e-3, 1e-7, 1);
        l2 = p.real("l2", 1e-3, 0, 100);
        dropout = p.real("dropout", 0.5, 0, 0.95);
        batchSize = p.integer("batch_size", 64, 1, 100_000);
        threshold = p.real("threshold", 3.5, 0, 1000);
        maxItems = p.integer("max_items", 20_000, 1, 1_000_000);
        seed = p.seed("seed", 42);
        params = p.resolved(type());
    }

    @Override
    public String type() {
        return DaeModel.TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public DaeModel train(Ratings train, Ratings validation, EpochListener listener) {
        return fit(train, validation, listener).export();
    }

    /** Trains the network itself, for callers that compare its output with the exported model's. */
    DaeNetwork fit(Ratings train, Ratings validation, EpochListener listener) {
        Columns items = Columns.mostFrequent(train.items().size(), train.size(), train::item, maxItems);
        UserRows inputs = new UserRows(train, items, (float) threshold);
        int[] order = inputs.activeUsers();
        if (order.length == 0) {
            throw new IllegalArgumentException("dae needs training ratings of at least " + threshold + ", got none");
        }
        UserRows held = validation.size() == 0 ? null : inputs.of(validation);
        DaeNetwork result = new DaeNetwork(network(items.size()), inputs, items, train.items(), (float) threshold,
                batchSize);
        result.fit(order, epochs, seed, (users, from, to) -> {
            UserRows.Batch batch = inputs.batch(users, from, to);
            return new DataSet(batch.input(), batch.labels());
        }, () -> held == null ? new double[] {result.losses(inputs)[0], Double.NaN} : result.losses(inputs, held),
                listener);
        return result;
    }

    private MultiLayerNetwork network(int items) {
        DenseLayer.Builder encoder = new DenseLayer.Builder().nIn(items).nOut(hiddenUnits)
                .activation(Activation.TANH);
        if (dropout > 0) {
            encoder.dropOut(1 - dropout); // DL4J takes the probability of keeping an input
        }
        LossMCXENT multinomial = new LossMCXENT(Nd4j.ones(DataType.FLOAT, 1, items));
        return MiniBatchNetwork.autoencoder(seed, learningRate, l2, encoder.build(),
                new OutputLayer.Builder(multinomial).nIn(hiddenUnits).nOut(items).activation(Activation.SOFTMAX).build());
    }
}
