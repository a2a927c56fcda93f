package org.movierec.training.train;

/**
 * Told after each epoch of an iterative trainer: the progress log and the per-epoch MLflow metrics (the
 * learning curves) both listen here; and told of the figures a trainer measures once ({@link #measured}).
 */
@FunctionalInterface
public interface EpochListener {

    EpochListener NONE = (epoch, epochs, trainLoss, validationLoss) -> { };

    /**
     * @param epoch          1-based
     * @param epochs         the planned number of epochs
     * @param trainLoss      the training objective (the model's own loss) after this epoch
     * @param validationLoss the same loss on the validation ratings, {@code NaN} when there are none
     */
    void epochEnded(int epoch, int epochs, double trainLoss, double validationLoss);

    /**
     * A figure the trainer measured once, outside its epochs (for example on a validation cut of its own): logged as
     * a metric of the run. Nothing by default.
     */
    default void measured(String name, double value) {
    }
}
