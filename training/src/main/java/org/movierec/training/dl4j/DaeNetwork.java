package org.movierec.training.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.movierec.model.DaeModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained Mult-DAE network with the rows it reads (the training ratings, one row per user) and the items it
 * models. It exports as a {@link DaeModel}, whose plain-Java scoring repeats the network's forward pass.
 */
final class DaeNetwork extends MiniBatchNetwork {

    private final UserRows inputs;
    private final Columns items;
    private final IdIndex allItems;
    private final float threshold;

    DaeNetwork(MultiLayerNetwork network, UserRows inputs, Columns items, IdIndex allItems, float threshold,
               int batchSize) {
        super(network, batchSize);
        this.inputs = inputs;
        this.items = items;
        this.allItems = allItems;
        this.threshold = threshold;
    }

    Columns items() {
        return items;
    }

    /** The network's softmax output for users {@code users[from..to-1]} given their training ratings. */
    float[][] output(int[] users, int from, int to) {
        return network().output(inputs.batch(users, from, to).input()).toFloatMatrix();
    }

    /** The mean, over users with positives in {@code ratings}, of their negative multinomial log-likelihood. */
    double loss(Ratings ratings) {
        return losses(inputs.of(ratings))[0];
    }

    /**
     * For each target, the mean over its users with positive items of {@code -sum log p(item)} over those
     * items, {@code p} being the network's output from the user's training ratings; {@code NaN} when no user
     * of the target has any.
     */
    double[] losses(UserRows... targets) {
        double[][] sums = new double[targets.length][2];
        inBatches(inputs.userCount(), (all, from, to) -> {
            float[][] probabilities = output(all, from, to);
            for (int t = 0; t < targets.length; t++) {
                for (int b = from; b < to; b++) {
                    int[] positives = targets[t].positives(all[b]);
                    for (int column : positives) {
                        sums[t][0] -= Math.log(Math.max(probabilities[b - from][column], 1e-30f));
                    }
                    sums[t][1] += positives.length > 0 ? 1 : 0;
                }
            }
        });
        return means(sums);
    }

    /** The exported model: the modelled items' ids and the network's weights as they are. */
    DaeModel export() {
        long[] ids = new long[items.size()];
        for (int column = 0; column < ids.length; column++) {
            ids[column] = allItems.idAt(items.indexAt()[column]);
        }
        MultiLayerNetwork network = network();
        return new DaeModel(IdIndex.fromSorted(ids), threshold, matrix(network.getParam("0_W")),
                vector(network.getParam("0_b")), matrix(network.getParam("1_W")), vector(network.getParam("1_b")));
    }

    private static FloatMatrix matrix(INDArray array) {
        return new FloatMatrix((int) array.rows(), (int) array.columns(), array.dup('c').data().asFloat());
    }

    private static float[] vector(INDArray array) {
        return array.dup('c').data().asFloat();
    }
}
