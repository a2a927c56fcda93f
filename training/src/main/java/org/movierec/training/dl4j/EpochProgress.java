package org.movierec.training.dl4j;

import java.time.Duration;
import org.movierec.training.train.EpochListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one progress line per epoch (epoch, losses, elapsed time and the estimated time left) and passes
 * the losses on to the trainer's {@link EpochListener}.
 */
final class EpochProgress {

    private static final Logger LOG = LoggerFactory.getLogger(EpochProgress.class);

    private final String type;
    private final int epochs;
    private final EpochListener listener;
    private final long startNanos = System.nanoTime();

    EpochProgress(String type, int epochs, EpochListener listener) {
        this.type = type;
        this.epochs = epochs;
        this.listener = listener;
    }

    void epochEnded(int epoch, double trainLoss, double validationLoss) {
        long elapsed = System.nanoTime() - startNanos;
        long left = elapsed / epoch * (epochs - epoch);
        LOG.info("{} epoch {}/{}: train loss {}, validation loss {}, elapsed {}, ETA {}", type, epoch, epochs,
                String.format("%.4f", trainLoss), String.format("%.4f", validationLoss), format(elapsed),
                format(left));
        listener.epochEnded(epoch, epochs, trainLoss, validationLoss);
    }

    static String format(long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        long minutes = duration.toMinutes();
        double seconds = duration.minusMinutes(minutes).toMillis() / 1000.0;
        return minutes > 0 ? String.format("%dm%04.1fs", minutes, seconds) : String.format("%.1fs", seconds);
    }
}
