package org.movierec.training.tracking;

/**
 * One value of a metric at a training step (an epoch, say).
 *
 * @param key       the metric's name, e.g. {@code train_loss}
 * @param value     the value
 * @param step      the step it was measured at (0 when the metric has no steps)
 * @param timestamp when it was measured, in milliseconds since the epoch
 */
public record MetricPoint(String key, double value, long step, long timestamp) {

    /** A point measured now. */
    public static MetricPoint now(String key, double value, long step) {
        return new MetricPoint(key, value, step, System.currentTimeMillis());
    }
}
