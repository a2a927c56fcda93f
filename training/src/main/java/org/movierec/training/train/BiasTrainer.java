package org.movierec.training.train;

import java.util.Map;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;

/**
 * The bias baseline {@code mu + b_u + b_i}, fitted by alternating least squares as Surprise's
 * {@code BaselineOnly} does: item biases with penalty {@code reg_item}, then user biases with penalty
 * {@code reg_user}, for a few epochs. The saved model keeps the item biases; a user's bias is folded in at
 * request time with the same penalty, which is exactly the user step of the training.
 */
public final class BiasTrainer implements Trainer {

    private final int epochs;
    private final double regItem;
    private final double regUser;
    private final Map<String, String> params;

    public BiasTrainer(Map<String, String> overrides) {
        HyperParameters hp = HyperParameters.of(overrides);
        epochs = hp.integer("epochs", 10, 1, 1000);
        regItem = hp.real("reg_item", 10, 0, 1e6);
        regUser = hp.real("reg_user", 15, 0, 1e6);
        params = hp.resolved(type());
    }

    @Override
    public String type() {
        return FactorModel.BIAS_TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public Recommender train(Ratings train, Ratings validation, EpochListener listener) {
        float mu = (float) train.meanRating();
        float[] itemBias = new float[train.items().size()];
        float[] userBias = new float[train.users().size()];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            epoch(train, mu, userBias, itemBias, regItem, regUser);
            listener.epochEnded(epoch, epochs, rmse(train, mu, userBias, itemBias),
                    validation.size() == 0 ? Double.NaN : rmse(validation, mu, userBias, itemBias));
        }
        return new FactorModel(type(), train.items(), mu, itemBias, FloatMatrix.zeros(train.items().size(), 0),
                (float) regUser, 0, RatingScale.MIN, RatingScale.MAX);
    }

    /** One epoch: every item bias given the user biases, then every user bias given the item biases. */
    static void epoch(Ratings ratings, float mu, float[] userBias, float[] itemBias, double regItem, double regUser) {
        fit(ratings, mu, userBias, itemBias, true, regItem);
        fit(ratings, mu, userBias, itemBias, false, regUser);
    }

    /** One half-step: every item bias (or every user bias) given the other side. */
    private static void fit(Ratings ratings, float mu, float[] userBias, float[] itemBias, boolean items, double reg) {
        float[] target = items ? itemBias : userBias;
        double[] sum = new double[target.length];
        int[] count = new int[target.length];
        for (int row = 0; row < ratings.size(); row++) {
            int key = items ? ratings.item(row) : ratings.user(row);
            double other = items ? userBias[ratings.user(row)] : itemBias[ratings.item(row)];
            sum[key] += ratings.rating(row) - mu - other;
            count[key]++;
        }
        for (int k = 0; k < target.length; k++) {
            target[k] = (float) (sum[k] / (reg + count[k]));
        }
    }

    private static double rmse(Ratings ratings, float mu, float[] userBias, float[] itemBias) {
        double sum = 0;
        for (int row = 0; row < ratings.size(); row++) {
            double error = ratings.rating(row) - mu - userBias[ratings.user(row)] - itemBias[ratings.item(row)];
            sum += error * error;
        }
        return Math.sqrt(sum / Math.max(1, ratings.size()));
    }
}
