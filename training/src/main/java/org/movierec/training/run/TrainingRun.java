package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.movierec.mlflow.ModelRole;
import java.util.Map;
import java.util.Optional;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.ContentIndex;
import org.movierec.model.ModelManifest;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.training.content.ContentIndexBuilder;
import org.movierec.training.data.RatingsReader;
import org.movierec.training.data.RatingsSnapshot;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.Split;
import org.movierec.training.eval.Splitter;
import org.movierec.training.report.EvaluationReport;
import org.movierec.training.report.Plots;
import org.movierec.training.tracking.TrackedRun;
import org.movierec.training.train.Trainer;
import org.movierec.training.train.Trainers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * One training run end to end: check that MLflow answers, read a snapshot of the ratings, split, train,
 * evaluate, log everything to an MLflow run, upload the model with its content index, evaluation report and
 * plots, register a version (only once every artifact is uploaded) and decide its alias. A run that fails
 * after it started is marked FAILED in MLflow.
 *
 * <p>The registered model is the one trained on the training part of the split: what was evaluated is what
 * is served, and serving folds every user's current ratings in at request time anyway.
 */
public final class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    /** The contexts of a run's input dataset: what it was trained on, what it was scored on. */
    public static final String TRAINING = "training";
    public static final String EVALUATION = "evaluation";

    private final RatingsReader reader;
    private final ContentIndexBuilder content;
    private final MlflowServer mlflow;
    private final Evaluator evaluator;
    private final Promoter promoter;
    private final Path workDir;

    public TrainingRun(RatingsReader reader, ContentIndexBuilder content, MlflowServer mlflow, Evaluator evaluator,
                       Map<ModelRole, String> promotionMetrics, double minImprovement, Path workDir) {
        this.reader = reader;
        this.content = content;
        this.mlflow = mlflow;
        this.evaluator = evaluator;
        this.promoter = new Promoter(mlflow.registry(), mlflow.artifacts(), promotionMetrics, minImprovement, workDir);
        this.workDir = workDir;
    }

    public RunResult train(RunRequest request) throws IOException, SQLException {
        return train(request, false);
    }

    /**
     * @param skipUnchanged when the newest version registered for the same configuration (model type,
     *                      hyper-parameters, split) was trained on a snapshot with the same checksum, train
     *                      nothing and answer that version ({@link RunResult#skipped()})
     */
    public RunResult train(RunRequest request, boolean skipUnchanged) throws IOException, SQLException {
        mlflow.ping();
        Trainer trainer = trainer(request.modelType(), request.hyperParameters());
        Splitter splitter = splitter(request);
        RatingsSnapshot snapshot = readSnapshot();
        String config = ModelConfig.key(trainer, splitter);
        if (skipUnchanged) {
            Optional<RunResult> unchanged = unchanged(config, snapshot);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
        }
        List<Split> splits = splitter.split(snapshot.ratings());
        TrackedRun run = mlflow.startRun(request.runName(), runTags(trainer, snapshot, null));
        try {
            mlflow.logDataset(run, snapshot.tags(), TRAINING);
            Fitted fitted = fitAndEvaluate(run, trainer, splitter, splits);
            RunResult result = publishAndPromote(run, trainer, splitter, config, fitted, splits.get(0), snapshot,
                    request.promote());
            mlflow.tracker().finishRun(run.runId());
            return result;
        } catch (Exception | Error e) {
            mlflow.fail(run, e);
            throw e;
        }
    }

    /**
     * The newest version registered with configuration {@code config} (model type, hyper-parameters or search,
     * split) if it was trained on a snapshot with the same checksum: then nothing needs training.
     */
    Optional<RunResult> unchanged(String config, RatingsSnapshot snapshot) {
        Optional<ModelVersion> same = ModelConfig.sameConfigAndData(mlflow.registry()
                .searchModelVersions(mlflow.registeredModel()), config, snapshot.checksum());
        same.ifPresent(version -> log.info("Input unchanged: {} version {} (run {}) was trained with the same "
                + "configuration on the same ratings snapshot (data.checksum {}); nothing to train", version.name(),
                version.version(), version.runId(), snapshot.checksum()));
        return same.map(RunResult::skipped);
    }

    /** The trainer asked for; an unknown type or a bad hyper-parameter is an {@link InvalidRequestException}. */
    static Trainer trainer(String type, Map<String, String> hyperParameters) {
        try {
            return Trainers.create(type, hyperParameters);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    /** The splitter asked for; a bad method, fraction or fold count is an {@link InvalidRequestException}. */
    static Splitter splitter(RunRequest request) {
        try {
            return Splitters.create(request.splitMethod(), request.testFraction(), request.folds(), request.seed());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    RatingsSnapshot readSnapshot() throws SQLException {
        RatingsSnapshot snapshot = reader.read();
        if (snapshot.ratings().size() == 0) {
            throw new NoDataException("the ratings table is empty: run the ingestion first "
                    + "(java -jar etl-batch/target/etl-batch.jar movielens)");
        }
        return snapshot;
    }

    Map<String, String> runTags(Trainer trainer, RatingsSnapshot snapshot, String parentRunId) {
        Map<String, String> tags = new LinkedHashMap<>(snapshot.tags());
        tags.put("model_type", trainer.type());
        if (parentRunId != null) {
            tags.put("mlflow.parentRunId", parentRunId);
        }
        return tags;
    }

    /**
     * Publishes {@code fitted} from {@code run}, registers it with configuration {@code config} and decides its
     * aliases, comparing it with the versions holding them on {@code split} (the first split: where the
     * registered model was evaluated).
     */
    RunResult publishAndPromote(TrackedRun run, Trainer trainer, Splitter splitter, String config, Fitted fitted,
                                Split split, RatingsSnapshot snapshot, boolean promote) throws IOException, SQLException {
        Path dir = Files.createDirectories(workDir).resolve(run.runId());
        try {
            ModelVersion version = publish(run, trainer, splitter, config, fitted, snapshot, dir);
            List<Promotion> promotions = promoter.decide(version, fitted.firstSplit(), split, evaluator, promote);
            promotions.forEach(promotion -> mlflow.tracker().setTags(run.runId(), promotion.tags()));
            mlflow.tracker().setTags(run.runId(), Map.of("registered_model", version.name(),
                    "registered_version", Integer.toString(version.version())));
            RunResult result = new RunResult(run.runId(), mlflow.runUrl(run), fitted.evaluation(), version, promotions);
            log.info("Run {} finished: {} version {} {} ({})", run.runId(), version.name(), version.version(),
                    result.aliases(), mlflow.runUrl(run));
            return result;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /**
     * A trained model and its evaluation: the mean over folds for k-fold (what is logged), the model and the
     * evaluation of the first split (what is registered and compared with the champion).
     */
    record Fitted(Recommender model, Evaluation evaluation, Evaluation firstSplit, Map<String, Double> metrics,
                  List<double[]> curve) {
    }

    /** The parameters of a run and of its logged model: model type, hyper-parameters, split and evaluation. */
    Map<String, String> params(Trainer trainer, Splitter splitter) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model_type", trainer.type());
        params.putAll(trainer.params());
        params.putAll(splitter.params());
        params.putAll(evaluator.settings().params());
        return params;
    }

    /** Trains on every split, evaluates, and logs parameters and metrics to the run. */
    Fitted fitAndEvaluate(TrackedRun run, Trainer trainer, Splitter splitter, List<Split> splits) {
        mlflow.tracker().logParams(run.runId(), params(trainer, splitter));
        log.info("Training {} with {} on {} split(s)", trainer.type(), trainer.params(), splits.size());
        Recommender first = null;
        EpochLog firstCurve = null;
        double fitSeconds = 0;
        List<Evaluation> evaluations = new ArrayList<>();
        for (int k = 0; k < splits.size(); k++) {
            Split split = splits.get(k);
            EpochLog curve = new EpochLog(k == 0 ? mlflow.tracker() : null, run.runId());
            long started = System.nanoTime();
            Recommender model = trainer.train(split.train(), split.test(), curve);
            double seconds = (System.nanoTime() - started) / 1e9;
            Evaluation evaluation = evaluator.evaluate(model, split);
            log.info("Split {}: trained in {} s; {}", split.name(), String.format("%.2f", seconds), evaluation);
            if (k == 0) {
                first = model;
                firstCurve = curve;
                fitSeconds = seconds;
            }
            evaluations.add(evaluation);
        }
        Evaluation evaluation = evaluations.size() == 1 ? evaluations.get(0) : Evaluation.mean(evaluations);
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.asMap());
        metrics.put("fit_time_s", fitSeconds);
        mlflow.tracker().logFinalMetrics(run.runId(), metrics);
        return new Fitted(first, evaluation, evaluations.get(0), metrics, firstCurve.points());
    }

    /**
     * Uploads the run's evaluation report and plots, publishes the model as a logged model of the run (its
     * saved-model folder as its files) and registers the version from it: never a version with missing files.
     */
    private ModelVersion publish(TrackedRun run, Trainer trainer, Splitter splitter, String config, Fitted fitted,
                                 RatingsSnapshot snapshot, Path dir) throws IOException, SQLException {
        Path modelDir = dir.resolve("model");
        SavedModels.save(fitted.model(), ModelManifest.of(trainer.type(), trainer.params(), Instant.now()), modelDir);
        ContentIndex contentIndex = content.build();
        contentIndex.save(modelDir.resolve("content"));
        Path reports = Files.createDirectories(dir.resolve("run"));
        EvaluationReport.write(reports.resolve("evaluation.json"), trainer, fitted.metrics(), snapshot);
        Path plots = Files.createDirectories(reports.resolve("plots"));
        Plots.learningCurve(fitted.curve(), "loss", plots.resolve("learning_curve.png"));
        Plots.metricsAtK(fitted.metrics(), plots.resolve("metrics_at_k.png"));
        int files = mlflow.artifacts().uploadDirectory(reports, run.artifactUri());
        log.info("Uploaded {} artifact files to {}", files, run.artifactUri());
        return mlflow.publishModel(run, trainer.type(), params(trainer, splitter), fitted.metrics(), snapshot.tags(),
                modelDir, reports.resolve("evaluation.json"), Map.of("model_type", trainer.type(),
                        ModelConfig.CONFIG_TAG, config, ModelConfig.CHECKSUM_TAG, snapshot.checksum()));
    }

    Promoter promoter() {
        return promoter;
    }

    Evaluator evaluator() {
        return evaluator;
    }
}
