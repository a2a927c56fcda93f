package org.movierec.training.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained item-based AutoRec network with the rows it reads (the training ratings, one row per item) and
 * the rating range. The network predicts {@code offset + V_u . z_i + c_u} for user {@code u} and item
 * {@code i}, with {@code z_i = sigmoid(W r_i + b)} the item's code and {@code (V_u, c_u)} the decoder row and
 * bias of output unit {@code u}: a factor model whose item factors are the codes, so it exports as a
 * {@link FactorModel} whose fold-in re-estimates the user side from the user's ratings.
 */
final class AutoRecNetwork extends MiniBatchNetwork {

    private final ItemRows inputs;
    private final IdIndex items;
    private final float minRating;
    private final float maxRating;

    AutoRecNetwork(MultiLayerNetwork network, ItemRows inputs, IdIndex items, float minRating, float maxRating,
                   int batchSize) {
        super(network, batchSize);
        this.inputs = inputs;
        this.items = items;
        this.minRating = minRating;
        this.maxRating = maxRating;
    }

    /** The network's predictions, unclipped: one row per item {@code items[from..to-1]}, one column per user. */
    float[][] predictions(int[] items, int from, int to) {
        float[][] predicted = network().output(inputs.batch(items, from, to).values()).toFloatMatrix();
        for (float[] row : predicted) {
            for (int u = 0; u < row.length; u++) {
                row[u] += inputs.offset();
            }
        }
        return predicted;
    }

    /** The network's root mean squared error on other ratings of the same users and items. */
    double rmse(Ratings ratings) {
        return Math.sqrt(meanSquaredErrors(inputs.of(ratings))[0]);
    }

    /**
     * The mean squared error of the network's predictions, clipped to the rating range, on each target's
     * ratings by modelled users; {@code NaN} for a target without any.
     */
    double[] meanSquaredErrors(ItemRows... targets) {
        double[][] sums = new double[targets.length][2];
        inBatches(items.size(), (all, from, to) -> {
            float[][] predicted = network().output(inputs.batch(all, from, to).values()).toFloatMatrix();
            for (int t = 0; t < targets.length; t++) {
                targets[t].addSquaredErrors(all, from, to, predicted, minRating, maxRating, sums[t]);
            }
        });
        return means(sums);
    }

    /** Every item's code (one row per item), computed from its training ratings. */
    FloatMatrix itemCodes() {
        int hidden = (int) network().getLayer(0).getParam("W").size(1);
        FloatMatrix codes = FloatMatrix.zeros(items.size(), hidden);
        inBatches(items.size(), (all, from, to) -> {
            INDArray code = network().feedForwardToLayer(0, inputs.batch(all, from, to).values(), false).get(1);
            float[] values = code.dup('c').data().asFloat();
            System.arraycopy(values, 0, codes.data(), from * hidden, values.length);
        });
        return codes;
    }

    /**
     * The exported model, an exact re-parameterisation of the network around its average user. With
     * {@code z_i} the item codes, {@code zbar} their mean, {@code Vbar} and {@code cbar} the mean decoder row and
     * output bias: item factors {@code q_i = z_i - zbar}, item biases {@code b_i = Vbar . q_i} and global mean
     * {@code offset + cbar + Vbar . zbar}. The network's prediction for user {@code u} is then this model's with
     * user vector {@code V_u - Vbar} and user bias {@code c_u - cbar + (V_u - Vbar) . zbar}; the fold-in
     * re-estimates those two from the user's ratings, and shrinks them towards the average user, whose
     * predictions are the global mean plus the item biases.
     *
     * <p>The fold-in penalises the user vector by {@code vectorReg} and the bias by {@code biasReg}: the
     * factors are the {@code q_i} times {@code sqrt(biasReg / vectorReg)} (and the user vector divided by as
     * much, which leaves the predictions alone), the model's single penalty being {@code biasReg}.
     */
    FactorModel export(float biasReg, float vectorReg) {
        float scale = (float) Math.sqrt(biasReg / vectorReg);
        FloatMatrix codes = itemCodes();
        int hidden = codes.cols();
        float[] meanCode = new float[hidden];
        for (int i = 0; i < codes.rows(); i++) {
            for (int k = 0; k < hidden; k++) {
                meanCode[k] += codes.get(i, k) / codes.rows();
            }
        }
        float[] meanDecoder = network().getParam("1_W").mean(1).toFloatVector();
        double mean = inputs.offset() + network().getParam("1_b").meanNumber().doubleValue();
        for (int k = 0; k < hidden; k++) {
            mean += meanDecoder[k] * meanCode[k];
        }
        float[] itemBias = new float[codes.rows()];
        for (int i = 0; i < codes.rows(); i++) {
            for (int k = 0; k < hidden; k++) {
                codes.set(i, k, codes.get(i, k) - meanCode[k]);
            }
            itemBias[i] = codes.dotRow(i, meanDecoder);
            for (int k = 0; k < hidden; k++) {
                codes.set(i, k, codes.get(i, k) * scale);
            }
        }
        return new FactorModel(FactorModel.AUTOREC_TYPE, items, (float) mean, itemBias, codes, biasReg, minRating,
                maxRating);
    }
}
