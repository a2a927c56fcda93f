package org.movierec.training.train;

import java.util.Map;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;

/**
 * Trains one model type with fixed hyper-parameters: a {@code ...Trainer} produces a {@link Recommender}.
 * The same data, parameters and seed give the same model.
 */
public interface Trainer {

    /** The model type, as in the saved model's manifest. */
    String type();

    /** Every hyper-parameter, as logged to MLflow and written into the manifest. */
    Map<String, String> params();

    /**
     * @param train      what the model learns from
     * @param validation held-out ratings for the per-epoch validation loss; may be empty
     * @param listener   told after every epoch
     */
    Recommender train(Ratings train, Ratings validation, EpochListener listener);
}
