package org.movierec.training.run;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.train.Trainer;
import org.movierec.training.train.Trainers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The random search that chooses hyper-parameters on a validation cut of the train part, without MLflow:
 * trial 1 is the model's defaults (with the fixed hyper-parameters), so the search never does worse than the
 * defaults on validation; the others sample the model's {@link SearchSpace}. Each trial is fitted and judged by
 * a {@link Trial} (that fits on the cut's train part and evaluates on its validation part); a trial that fails
 * is logged and the search goes on. {@link TuningRun} runs it with a child MLflow run per trial, the model
 * comparison benchmark as it is.
 */
public final class ValidationSearch {

    private static final Logger log = LoggerFactory.getLogger(ValidationSearch.class);

    /** Fits one trial's trainer and evaluates it on the validation part. */
    public interface Trial {
        Evaluation run(int trial, Trainer trainer);

        /** Told each trial's figure, after {@link #run}. */
        default void judged(int trial, String metric, double value) {
        }
    }

    /** The best trial: its trainer, number and figure on the validation part. */
    public record Outcome(Trainer best, int trial, String metric, double value) {
    }

    /** The search cannot rank its trials: no trial will ever have the metric. */
    static final class NoMetricException extends IllegalStateException {
        NoMetricException(String message) {
            super(message);
        }
    }

    private ValidationSearch() {
    }

    /**
     * The rule every search compares its trials by: a rating predictor (an evaluation with {@code predictorMetric})
     * by that metric, any other model by {@code rankerMetric}.
     */
    public static Function<Evaluation, String> comparedBy(String predictorMetric, String rankerMetric) {
        return evaluation -> evaluation.has(predictorMetric) ? predictorMetric : rankerMetric;
    }

    /**
     * @param metricOf the metric that compares the trials, given the first evaluation (a rating predictor's
     *                 differs from a ranker's)
     */
    public static Outcome run(String type, Map<String, String> fixed, int trials, long seed,
                              Function<Evaluation, String> metricOf, Trial runner) {
        SearchSpace space = SearchSpace.of(type);
        SplittableRandom random = new SplittableRandom(seed);
        String metric = null;
        Outcome best = null;
        for (int trial = 1; trial <= trials; trial++) {
            Trainer trainer = Trainers.create(type, trial == 1 ? fixed : space.sample(fixed, random));
            log.info("Trial {}/{}: {}", trial, trials, trainer.params());
            Evaluation evaluation;
            try {
                evaluation = runner.run(trial, trainer);
            } catch (RuntimeException e) {
                log.warn("Trial {}/{} failed, the search goes on: {}", trial, trials, e.getMessage());
                continue;
            }
            if (metric == null) {
                metric = metricOf.apply(evaluation);
            }
            if (!evaluation.has(metric)) {
                throw new NoMetricException("model '" + type + "' has no " + metric
                        + " to compare trials by; choose another promotion metric");
            }
            double value = evaluation.get(metric);
            runner.judged(trial, metric, value);
            if (best == null || value != best.value() && Promotion.beats(metric, value, best.value(), 0)) {
                best = new Outcome(trainer, trial, metric, value);
            }
            log.info("Trial {}/{}: validation {} = {} (best so far {})", trial, trials, metric, value, best.value());
        }
        if (best == null) {
            throw new IllegalStateException("every one of the " + trials + " trials failed");
        }
        return best;
    }
}
