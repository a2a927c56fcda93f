package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.movierec.mlflow.ModelVersion;
import org.movierec.training.data.RatingsSnapshot;
import org.movierec.training.eval.Split;
import org.movierec.training.eval.Splitter;
import org.movierec.training.tracking.TrackedRun;
import org.movierec.training.train.Trainer;
import org.movierec.training.train.Trainers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A random search over a model's declared {@link SearchSpace}: one parent run, one child run per trial
 * (nested under the parent in the MLflow UI), every trial trained and evaluated on the same split. The
 * best trial by the promotion metric is published from the parent run and registered like a train run.
 * A trial that fails is marked FAILED and the search goes on.
 */
public final class TuningRun {

    private static final Logger log = LoggerFactory.getLogger(TuningRun.class);

    private final TrainingRun training;
    private final MlflowServer mlflow;
    private final Path workDir;

    public TuningRun(TrainingRun training, MlflowServer mlflow, Path workDir) {
        this.training = training;
        this.mlflow = mlflow;
        this.workDir = workDir;
    }

    /** The search cannot rank its trials: no trial will ever have the metric. */
    static final class NoMetricException extends IllegalStateException {
        NoMetricException(String message) {
            super(message);
        }
    }

    private record Best(Trainer trainer, TrainingRun.Fitted fitted, String runId, double value) {
    }

    public RunResult tune(RunRequest request, int trials) throws IOException, SQLException {
        mlflow.ping();
        Trainer defaults = TrainingRun.trainer(request.modelType(), request.hyperParameters());
        SearchSpace space;
        try {
            space = SearchSpace.of(request.modelType());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        Splitter splitter = TrainingRun.splitter(request);
        RatingsSnapshot snapshot = training.readSnapshot();
        List<Split> splits = splitter.split(snapshot.ratings());
        Map<String, String> tags = training.runTags(defaults, snapshot, null);
        tags.put("run_type", "tune");
        TrackedRun parent = mlflow.startRun(request.runName(), tags);
        try {
            mlflow.logDataset(parent, snapshot.tags(), TrainingRun.TRAINING);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("model_type", request.modelType());
            params.put("trials", Integer.toString(trials));
            params.put("search_seed", Long.toString(request.seed()));
            params.putAll(space.params(request.hyperParameters()));
            params.putAll(splitter.params());
            mlflow.tracker().logParams(parent.runId(), params);
            Best best = search(parent, request, space, splitter, splits, snapshot, trials);
            RunResult result = publish(parent, best, splitter, splits.get(0), snapshot, request.promote());
            mlflow.tracker().finishRun(parent.runId());
            return result;
        } catch (Exception | Error e) {
            mlflow.fail(parent, e);
            throw e;
        }
    }

    private Best search(TrackedRun parent, RunRequest request, SearchSpace space, Splitter splitter, List<Split> splits,
                        RatingsSnapshot snapshot, int trials) {
        String metric = training.promoter().metric();
        SplittableRandom random = new SplittableRandom(request.seed());
        Best best = null;
        for (int trial = 1; trial <= trials; trial++) {
            Map<String, String> values = space.sample(request.hyperParameters(), random);
            Trainer trainer = Trainers.create(request.modelType(), values);
            Map<String, String> tags = training.runTags(trainer, snapshot, parent.runId());
            tags.put("trial", Integer.toString(trial));
            TrackedRun child = mlflow.startRun(runName(request, parent) + "-trial-" + trial, tags);
            log.info("Trial {}/{}: {}", trial, trials, trainer.params());
            try {
                mlflow.logDataset(child, snapshot.tags(), TrainingRun.TRAINING);
                TrainingRun.Fitted fitted = training.fitAndEvaluate(child, trainer, splitter, splits);
                mlflow.tracker().finishRun(child.runId());
                if (!fitted.evaluation().has(metric)) {
                    throw new NoMetricException("model '" + request.modelType() + "' has no " + metric
                            + " to compare trials by; choose another promotion metric");
                }
                double value = fitted.evaluation().get(metric);
                mlflow.tracker().logMetric(parent.runId(), "trial_" + metric, value, trial);
                boolean better = best == null
                        || value != best.value() && Promotion.beats(metric, value, best.value(), 0);
                if (better) {
                    best = new Best(trainer, fitted, child.runId(), value);
                }
                log.info("Trial {}/{}: {} = {} (best so far {})", trial, trials, metric, value, best.value());
            } catch (NoMetricException e) {
                mlflow.fail(child, e);
                throw e;
            } catch (RuntimeException e) {
                mlflow.fail(child, e);
                log.warn("Trial {}/{} failed, the search goes on: {}", trial, trials, e.getMessage());
            } catch (Error e) {
                mlflow.fail(child, e);
                throw e;
            }
        }
        if (best == null) {
            throw new IllegalStateException("every one of the " + trials + " trials failed");
        }
        return best;
    }

    private RunResult publish(TrackedRun parent, Best best, Splitter splitter, Split split, RatingsSnapshot snapshot,
                              boolean promote)
            throws IOException, SQLException {
        Map<String, String> bestTags = new LinkedHashMap<>();
        bestTags.put("best_trial_run_id", best.runId());
        best.trainer().params().forEach((name, value) -> bestTags.put("best." + name, value));
        mlflow.tracker().setTags(parent.runId(), bestTags);
        mlflow.tracker().logFinalMetrics(parent.runId(), best.fitted().metrics());
        Path dir = Files.createDirectories(workDir).resolve(parent.runId());
        try {
            ModelVersion version = training.publish(parent, best.trainer(), splitter, best.fitted(), snapshot, dir);
            List<Promotion> promotions = training.promoter().decide(version, best.fitted().firstSplit(), split,
                    training.evaluator(), promote);
            promotions.forEach(promotion -> mlflow.tracker().setTags(parent.runId(), promotion.tags()));
            mlflow.tracker().setTags(parent.runId(), Map.of("registered_model", version.name(),
                    "registered_version", Integer.toString(version.version())));
            RunResult result = new RunResult(parent.runId(), mlflow.runUrl(parent), best.fitted().evaluation(), version,
                    promotions);
            log.info("Search finished: best trial {} ({}), {} version {} {}", best.runId(), best.trainer().params(),
                    version.name(), version.version(), result.aliases());
            return result;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static String runName(RunRequest request, TrackedRun parent) {
        return request.runName() != null ? request.runName() : "tune-" + parent.runId().substring(0, 8);
    }
}
