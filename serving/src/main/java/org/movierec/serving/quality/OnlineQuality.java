package org.movierec.serving.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How the served predictions do online: a predicted rating this instance answered for a title the user had not
 * rated is remembered (the latest {@value #REMEMBERED}, oldest forgotten first); when the user then rates that
 * title, the squared error is counted by the prediction's strategy. Exported to Prometheus as
 * {@code movierec_online_squared_error_total{strategy}} and {@code movierec_online_rated_predictions_total{strategy}}
 * (an online RMSE over any window: {@code sqrt(increase(squared_error) / increase(rated_predictions))}) and the
 * gauge {@code movierec_online_rmse{strategy}} since start. Each instance counts what it answered and received.
 */
@Component
public class OnlineQuality {

    /** How many answered predictions are remembered. */
    static final int REMEMBERED = 100_000;

    private record Key(long userId, int movieId) {
    }

    private record Predicted(float value, String strategy) {
    }

    private final MeterRegistry meters;
    /** The strategies whose RMSE gauge is registered (once each: Micrometer warns of a second registration). */
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final Map<Key, Predicted> predictions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Predicted> eldest) {
            return size() > REMEMBERED;
        }
    };

    public OnlineQuality(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A predicted rating answered for a title the user has not rated. */
    public void predicted(long userId, int movieId, float value, String strategy) {
        if (Float.isNaN(value)) {
            return;
        }
        synchronized (predictions) {
            predictions.put(new Key(userId, movieId), new Predicted(value, strategy));
        }
    }

    /** The user rated the title: the error of the prediction answered before, if any, is counted once. */
    public void rated(long userId, int movieId, double rating) {
        Predicted predicted;
        synchronized (predictions) {
            predicted = predictions.remove(new Key(userId, movieId));
        }
        if (predicted == null) {
            return;
        }
        double error = predicted.value() - rating;
        squaredErrors(predicted.strategy()).increment(error * error);
        ratedPredictions(predicted.strategy()).increment();
        if (gauged.add(predicted.strategy())) {
            Gauge.builder("movierec.online.rmse", this, quality -> quality.rmse(predicted.strategy()))
                    .description("Root mean squared error of the predictions later followed by the user's own rating, "
                            + "since start").tag("strategy", predicted.strategy()).register(meters);
        }
    }

    /** The online RMSE of {@code strategy} since start; NaN before any prediction was followed by a rating. */
    public double rmse(String strategy) {
        double count = ratedPredictions(strategy).count();
        return count == 0 ? Double.NaN : Math.sqrt(squaredErrors(strategy).count() / count);
    }

    private Counter squaredErrors(String strategy) {
        return Counter.builder("movierec.online.squared.error").description(
                "Sum of the squared errors of predictions later followed by the user's own rating of the title")
                .tag("strategy", strategy).register(meters);
    }

    private Counter ratedPredictions(String strategy) {
        return Counter.builder("movierec.online.rated.predictions").description(
                "Predictions later followed by the user's own rating of the title").tag("strategy", strategy)
                .register(meters);
    }
}
