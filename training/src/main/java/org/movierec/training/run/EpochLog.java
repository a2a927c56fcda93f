package org.movierec.training.run;

import java.util.ArrayList;
import java.util.List;
import org.movierec.training.tracking.MetricPoint;
import org.movierec.training.tracking.RunTracker;
import org.movierec.training.train.EpochListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to a trainer's epochs: a progress line on the console (epoch, losses, elapsed, ETA), the
 * per-epoch {@code train_loss} and {@code validation_loss} logged to MLflow as step metrics while the run
 * goes (so the MLflow UI draws the learning curve), and the points kept for the PNG plot; a figure the trainer
 * measured once ({@link #measured}) is logged as a metric of its own.
 */
final class EpochLog implements EpochListener {

    private static final Logger log = LoggerFactory.getLogger(EpochLog.class);

    private final RunTracker tracker;
    private final String runId;
    private final long started = System.nanoTime();
    private final List<double[]> points = new ArrayList<>();

    /** @param tracker null to keep the curve off MLflow (folds after the first) */
    EpochLog(RunTracker tracker, String runId) {
        this.tracker = tracker;
        this.runId = runId;
    }

    @Override
    public void epochEnded(int epoch, int epochs, double trainLoss, double validationLoss) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        double eta = elapsed / epoch * (epochs - epoch);
        log.info(String.format("epoch %d/%d  train_loss %.5f  validation_loss %.5f  elapsed %.1f s  ETA %.1f s",
                epoch, epochs, trainLoss, validationLoss, elapsed, eta));
        points.add(new double[] {epoch, trainLoss, validationLoss});
        if (tracker != null) {
            List<MetricPoint> metrics = new ArrayList<>(List.of(MetricPoint.now("train_loss", trainLoss, epoch)));
            if (!Double.isNaN(validationLoss)) {
                metrics.add(MetricPoint.now("validation_loss", validationLoss, epoch));
            }
            tracker.logMetrics(runId, metrics);
        }
    }

    @Override
    public void measured(String name, double value) {
        log.info(String.format("%s %.5f", name, value));
        if (tracker != null && !Double.isNaN(value)) {
            tracker.logMetrics(runId, List.of(MetricPoint.now(name, value, 0)));
        }
    }

    List<double[]> points() {
        return points;
    }
}
