package org.movierec.training.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.movierec.model.FactorModel;
import org.movierec.training.data.Ratings;
import org.movierec.training.train.EpochListener;
import org.movierec.training.train.HyperParameters;
import org.movierec.training.train.Trainer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * Item-based AutoRec (I-AutoRec, Sedhain et al. 2015) trained with Deeplearning4j: each item's partially
 * observed vector of user ratings (centred on the training mean, 0 where unrated) is encoded by one sigmoid
 * layer and decoded by a linear one, the squared error counting only the observed ratings (a label mask),
 * with L2 weight decay and Adam. The model is exported as a {@link FactorModel} of type
 * {@link FactorModel#AUTOREC_TYPE} (see {@link AutoRecNetwork}).
 *
 * <p>Memory is bounded by {@code max_users}: only the most active users are input and output units, so the
 * network holds {@code 2 x max_users x hidden_units} weights (four times that with Adam's state and the
 * gradient) and a mini-batch {@code 3 x batch_size x max_users} floats. All users are still served: the
 * fold-in estimates any user's vector from their ratings.
 *
 * <p>The fold-in of serving penalises a user's vector by {@code fold_in_reg} and their bias by
 * {@code fold_in_bias_reg} (the exported factors are scaled so that one penalty of the {@link FactorModel} does
 * both): the defaults are those that gave the exported model its best RMSE on ml-latest-small.
 */
public final class AutoRecTrainer implements Trainer {

    private final int hiddenUnits;
    private final int epochs;
    private final double learningRate;
    private final double l2;
    private final int batchSize;
    private final int maxUsers;
    private final double foldInReg;
    private final double foldInBiasReg;
    private final long seed;
    private final Map<String, String> params;

    /** @param overrides hyper-parameters to change from their defaults, by name (see {@link #params()}) */
    public AutoRecTrainer(Map<String, String> overrides) {
        HyperParameters p = HyperParameters.of(overrides);
        hiddenUnits = p.integer("hidden_units", 100, 1, 10_000);
        epochs = p.integer("epochs", 10, 1, 10_000);
        learningRate = p.real("learning_rate", 1e-3, 1e-7, 1);
        l2 = p.real("l2", 3e-3, 0, 100);
        batchSize = p.integer("batch_size", 256, 1, 100_000);
        maxUsers = p.integer("max_users", 50_000, 1, 10_000_000);
        foldInReg = p.real("fold_in_reg", 100, 1e-6, 1e9);
        foldInBiasReg = p.real("fold_in_bias_reg", 3, 1e-6, 1e9);
        seed = p.seed("seed", 42);
        params = p.resolved(type());
    }

    @Override
    public String type() {
        return FactorModel.AUTOREC_TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public FactorModel train(Ratings train, Ratings validation, EpochListener listener) {
        return fit(train, validation, listener).export((float) foldInBiasReg, (float) foldInReg);
    }

    /** Trains the network itself, for callers that compare its predictions with the exported model's. */
    AutoRecNetwork fit(Ratings train, Ratings validation, EpochListener listener) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("autorec needs training ratings, got none");
        }
        Columns users = Columns.mostFrequent(train.users().size(), train.size(), train::user, maxUsers);
        ItemRows inputs = new ItemRows(train, users, (float) train.meanRating());
        ItemRows held = validation.size() == 0 ? null : inputs.of(validation);
        float[] range = range(train);
        AutoRecNetwork result = new AutoRecNetwork(network(users.size()), inputs, train.items(), range[0], range[1],
                batchSize);
        result.fit(inputs.ratedItems(), epochs, seed, (items, from, to) -> {
            ItemRows.Batch batch = inputs.batch(items, from, to);
            return new DataSet(batch.values(), batch.values(), null, batch.mask());
        }, () -> held == null ? new double[] {result.meanSquaredErrors(inputs)[0], Double.NaN}
                : result.meanSquaredErrors(inputs, held), listener);
        return result;
    }

    private MultiLayerNetwork network(int users) {
        return MiniBatchNetwork.autoencoder(seed, learningRate, l2,
                new DenseLayer.Builder().nIn(users).nOut(hiddenUnits).activation(Activation.SIGMOID).build(),
                new OutputLayer.Builder(new LossL2()).nIn(hiddenUnits).nOut(users).activation(Activation.IDENTITY)
                        .build());
    }

    private static float[] range(Ratings ratings) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int row = 0; row < ratings.size(); row++) {
            min = Math.min(min, ratings.rating(row));
            max = Math.max(max, ratings.rating(row));
        }
        return new float[] {min, max};
    }
}
