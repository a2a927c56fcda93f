package org.movierec.training.run;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.movierec.mlflow.ModelRole;
import org.movierec.training.data.RatingsSnapshot;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.RandomHoldoutSplitter;
import org.movierec.training.eval.Split;
import org.movierec.training.eval.Splitter;
import org.movierec.training.tracking.TrackedRun;
import org.movierec.training.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random search over a model's declared {@link SearchSpace}, judged on a validation cut of the train part,
 * never on the test part: one parent run, one child run per trial (nested under the parent in the MLflow UI,
 * tagged {@code evaluated_on=validation}). Trial 1 is the model's defaults (with the fixed hyper-parameters),
 * so the search never chooses worse than the defaults on validation. The best trial is refitted on the whole
 * train part, evaluated on the test part, and published from the parent run like a train run: the parent's
 * metrics are test figures, the children's validation figures.
 *
 * <p>Rating predictors (models whose evaluation has the predictor role's metric, {@code rmse}) are compared by
 * that metric, the other models by the ranker's ({@code ndcg_at_10}). A trial that fails is marked FAILED and
 * the search goes on.
 */
public final class TuningRun {

    private static final Logger log = LoggerFactory.getLogger(TuningRun.class);
    /** The share of each user's train ratings held out for validation when the split is k-fold. */
    private static final double KFOLD_VALIDATION_FRACTION = 0.2;

    private final TrainingRun training;
    private final MlflowServer mlflow;

    public TuningRun(TrainingRun training, MlflowServer mlflow) {
        this.training = training;
        this.mlflow = mlflow;
    }

    private record Best(Trainer trainer, String runId, String metric, double value) {
    }

    public RunResult tune(RunRequest request, int trials) throws IOException, SQLException {
        return tune(request, trials, false);
    }

    /**
     * @param skipUnchanged when the newest version registered for the same request (model type, fixed
     *                      hyper-parameters, number of trials, split) was trained on a snapshot with the same
     *                      checksum, search nothing and answer that version
     */
    public RunResult tune(RunRequest request, int trials, boolean skipUnchanged) throws IOException, SQLException {
        mlflow.ping();
        TrainingRun.trainer(request.modelType(), request.hyperParameters());
        SearchSpace space;
        try {
            space = SearchSpace.of(request.modelType());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        Splitter splitter = TrainingRun.splitter(request);
        Splitter validation = new RandomHoldoutSplitter(validationFraction(request), request.seed() + 1);
        RatingsSnapshot snapshot = training.readSnapshot();
        String config = config(request, trials, splitter);
        if (skipUnchanged) {
            Optional<RunResult> unchanged = training.unchanged(config, snapshot);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
        }
        List<Split> splits = splitter.split(snapshot.ratings());
        Split inner = validation.split(splits.get(0).train()).get(0);
        Map<String, String> tags = new LinkedHashMap<>(snapshot.tags());
        tags.put("model_type", request.modelType());
        tags.put("run_type", "tune");
        TrackedRun parent = mlflow.startRun(request.runName(), tags);
        try {
            mlflow.logDataset(parent, snapshot.tags(), TrainingRun.TRAINING);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("trials", Integer.toString(trials));
            params.put("search_seed", Long.toString(request.seed()));
            params.putAll(space.params(request.hyperParameters()));
            validation.params().forEach((name, value) -> params.put("validation_" + name, value));
            mlflow.tracker().logParams(parent.runId(), params);
            Best best = search(parent, request, validation, inner, snapshot, trials);
            Map<String, String> bestTags = new LinkedHashMap<>();
            bestTags.put("best_trial_run_id", best.runId());
            bestTags.put("best_validation_" + best.metric(), Double.toString(best.value()));
            best.trainer().params().forEach((name, value) -> bestTags.put("best." + name, value));
            mlflow.tracker().setTags(parent.runId(), bestTags);
            log.info("Refitting the best trial on the whole train part and evaluating it on the test part: {}",
                    best.trainer().params());
            TrainingRun.Fitted fitted = training.fitAndEvaluate(parent, best.trainer(), splitter, splits);
            RunResult result = training.publishAndPromote(parent, best.trainer(), splitter, config, fitted, splits.get(0),
                    snapshot, request.promote());
            mlflow.tracker().finishRun(parent.runId());
            return result;
        } catch (Exception | Error e) {
            mlflow.fail(parent, e);
            throw e;
        }
    }

    /** The configuration a searched version is registered with: what was asked, not what the search chose. */
    static String config(RunRequest request, int trials, Splitter splitter) {
        Map<String, String> asked = new LinkedHashMap<>(request.hyperParameters());
        asked.put("search_trials", Integer.toString(trials));
        return ModelConfig.key(request.modelType(), asked, splitter.params());
    }

    private static double validationFraction(RunRequest request) {
        return "kfold".equals(request.splitMethod()) ? KFOLD_VALIDATION_FRACTION : request.testFraction();
    }

    private Best search(TrackedRun parent, RunRequest request, Splitter validation, Split inner,
                        RatingsSnapshot snapshot, int trials) {
        Map<Integer, String> childRuns = new HashMap<>();
        ValidationSearch.Outcome outcome = ValidationSearch.run(request.modelType(), request.hyperParameters(), trials,
                request.seed(), ValidationSearch.comparedBy(training.promoter().metric(ModelRole.PREDICTOR),
                        training.promoter().metric(ModelRole.RANKER)), new ValidationSearch.Trial() {
                    @Override
                    public Evaluation run(int trial, Trainer trainer) {
                        Map<String, String> tags = training.runTags(trainer, snapshot, parent.runId());
                        tags.put("trial", Integer.toString(trial));
                        tags.put("evaluated_on", "validation");
                        TrackedRun child = mlflow.startRun(runName(request, parent) + "-trial-" + trial, tags);
                        childRuns.put(trial, child.runId());
                        try {
                            mlflow.logDataset(child, snapshot.tags(), TrainingRun.TRAINING);
                            TrainingRun.Fitted fitted = training.fitAndEvaluate(child, trainer, validation, List.of(inner));
                            mlflow.tracker().finishRun(child.runId());
                            return fitted.evaluation();
                        } catch (RuntimeException | Error e) {
                            mlflow.fail(child, e);
                            throw e;
                        }
                    }

                    @Override
                    public void judged(int trial, String metric, double value) {
                        mlflow.tracker().logMetric(parent.runId(), "trial_validation_" + metric, value, trial);
                    }
                });
        mlflow.tracker().logParams(parent.runId(), Map.of("search_metric", outcome.metric()));
        return new Best(outcome.best(), childRuns.get(outcome.trial()), outcome.metric(), outcome.value());
    }

    private static String runName(RunRequest request, TrackedRun parent) {
        return request.runName() != null ? request.runName() : "tune-" + parent.runId().substring(0, 8);
    }
}
