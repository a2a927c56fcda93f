package org.movierec.training.dl4j;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.movierec.training.train.EpochListener;
import org.movierec.training.train.Shuffle;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * What the DL4J networks share: a network trained and read in mini-batches of {@code batchSize} rows. Training runs
 * epochs over the rows in a seeded random order (the same seed gives the same network); reading runs over every row
 * in index order, adding to one sum and count per target.
 */
abstract class MiniBatchNetwork {

    /** The training data of the rows {@code rows[from .. to - 1]}. */
    interface Batches {
        DataSet of(int[] rows, int from, int to);
    }

    /** One mini-batch of the rows {@code rows[from .. to - 1]}. */
    interface Batch {
        void accept(int[] rows, int from, int to);
    }

    private final MultiLayerNetwork network;
    private final int batchSize;

    MiniBatchNetwork(MultiLayerNetwork network, int batchSize) {
        this.network = network;
        this.batchSize = batchSize;
    }

    MultiLayerNetwork network() {
        return network;
    }

    /**
     * An initialised autoencoder network of two layers, {@code encoder} then {@code output}: float weights initialised
     * by Xavier from {@code seed}, trained by Adam at {@code learningRate} with L2 weight decay {@code l2}.
     */
    static MultiLayerNetwork autoencoder(long seed, double learningRate, double l2, Layer encoder, Layer output) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .l2(l2)
                .list()
                .layer(encoder)
                .layer(output)
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    /**
     * Trains for {@code epochs} epochs: each fits the rows of {@code order} in mini-batches, {@code order} shuffled
     * first (from a generator seeded with {@code seed} once), then tells {@code listener} the losses, {@code {training,
     * validation}} (NaN when there is no validation).
     */
    void fit(int[] order, int epochs, long seed, Batches batches, Supplier<double[]> losses, EpochListener listener) {
        Random random = new Random(seed);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Shuffle.inPlace(order, random);
            for (int from = 0; from < order.length; from += batchSize) {
                network.fit(batches.of(order, from, Math.min(order.length, from + batchSize)));
            }
            double[] loss = losses.get();
            listener.epochEnded(epoch, epochs, loss[0], loss[1]);
        }
    }

    /** Calls {@code each} with the rows {@code 0 .. count - 1}, a mini-batch at a time, in order. */
    void inBatches(int count, Batch each) {
        int[] all = IntStream.range(0, count).toArray();
        for (int from = 0; from < all.length; from += batchSize) {
            each.accept(all, from, Math.min(all.length, from + batchSize));
        }
    }

    /** Each target's {@code {sum, count}} as a mean; NaN for a target with a count of 0. */
    static double[] means(double[][] sums) {
        double[] means = new double[sums.length];
        for (int t = 0; t < sums.length; t++) {
            means[t] = sums[t][1] == 0 ? Double.NaN : sums[t][0] / sums[t][1];
        }
        return means;
    }
}
