package org.movierec.training.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.ContentIndex;
import org.movierec.model.ModelManifest;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.training.content.ContentIndexBuilder;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.report.EvaluationReport;
import org.movierec.training.report.Plots;
import org.movierec.training.run.MlflowServer;
import org.movierec.training.run.ModelConfig;
import org.movierec.training.run.Promoter;
import org.movierec.training.run.EvaluationRun;
import org.movierec.training.run.InvalidRequestException;
import org.movierec.training.run.Promotion;
import org.movierec.training.run.RunResult;
import org.movierec.training.run.TrainingRun;
import org.movierec.training.run.SearchSpace;
import org.movierec.training.tracking.TrackedRun;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A training or evaluation run on Spark, published like an in-JVM run: the MLflow run starts first (so a
 * cluster that does not answer, a lost executor or a database gone mid-read ends it FAILED with the reason,
 * and nothing is registered), then the ratings are read in one snapshot, split, fitted and evaluated in
 * Spark; the model, its content index, evaluation report and plot are uploaded, a version registered, and
 * the same {@link Promoter} decides its alias, scoring the champion in Spark on the same split.
 */
final class SparkTrainingRun {

    private static final Logger log = LoggerFactory.getLogger(SparkTrainingRun.class);
    static final String ENGINE_TAG = "training.engine";

    private final Supplier<SparkSession> sessions;
    private final String master;
    private SparkSession spark;
    private final JobSettings settings;
    private final MlflowServer mlflow;
    private final SparkEvaluator evaluator;
    private final int partitions;
    private final Promoter promoter;

    /**
     * @param sessions starts the Spark session, once the MLflow run is started (a cluster that does not answer
     *                 fails the run)
     * @param master   the master the session will run on, tagged on the run before it starts
     */
    SparkTrainingRun(Supplier<SparkSession> sessions, String master, JobSettings settings, MlflowServer mlflow,
                     SparkEvaluator evaluator, int partitions) {
        this.sessions = sessions;
        this.master = master;
        this.settings = settings;
        this.mlflow = mlflow;
        this.evaluator = evaluator;
        this.partitions = partitions;
        this.promoter = new Promoter(mlflow.registry(), mlflow.artifacts(), settings.promotionMetrics(),
                settings.minImprovement(), settings.workDir());
    }

    /**
     * @param skipUnchanged when the newest version of the same configuration was trained on a snapshot with the
     *                      same checksum, register nothing, delete the run just started and answer that version
     */
    RunResult train(AlsTrainer trainer, HoldoutSplit splitter, String runName, boolean promote, boolean skipUnchanged)
            throws IOException, SQLException {
        mlflow.ping();
        String config = ModelConfig.key(trainer.type(), trainer.params(), splitter.params());
        TrackedRun run = mlflow.startRun(runName, engineTags(Map.of("model_type", trainer.type())));
        try (RatingsSnapshotReader.SnapshotRead read = startSpark(run).read()) {
            SparkSnapshot snapshot = read.snapshot();
            mlflow.tracker().setTags(run.runId(), snapshot.tags());
            mlflow.logDataset(run, snapshot.tags(), TrainingRun.TRAINING);
            if (skipUnchanged) {
                Optional<ModelVersion> same = ModelConfig.sameConfigAndData(
                        mlflow.registry().searchModelVersions(mlflow.registeredModel()), config, snapshot.checksum());
                if (same.isPresent()) {
                    ModelVersion version = same.get();
                    log.info("Input unchanged: {} version {} (run {}) was trained with the same configuration on the "
                            + "same ratings snapshot (data.checksum {}); nothing to train, run {} deleted",
                            version.name(), version.version(), version.runId(), snapshot.checksum(), run.runId());
                    mlflow.tracker().deleteRun(run.runId());
                    return RunResult.skipped(version);
                }
            }
            RunResult result = trainAndPublish(run, trainer, splitter, config, snapshot, promote);
            mlflow.tracker().finishRun(run.runId());
            return result;
        } catch (Exception | Error e) {
            mlflow.fail(run, e);
            throw e;
        }
    }

    private RunResult trainAndPublish(TrackedRun run, AlsTrainer trainer, HoldoutSplit splitter, String config,
                                      SparkSnapshot snapshot, boolean promote) throws IOException, SQLException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model_type", trainer.type());
        params.putAll(trainer.params());
        params.putAll(splitter.params());
        params.putAll(evaluator.settings().params());
        params.putAll(sparkParams());
        mlflow.tracker().logParams(run.runId(), params);

        Dataset<Row> split = splitter.split(snapshot.ratings());
        try {
            Fitted fitted = fitAndEvaluate(trainer, split, snapshot.movieIds());
            mlflow.tracker().logFinalMetrics(run.runId(), fitted.metrics());
            return publishAndPromote(run, trainer, config, fitted, snapshot, split, promote);
        } finally {
            split.unpersist();
        }
    }

    /** A model fitted on a split's train part and evaluated on its test part, with the fit time among the metrics. */
    private record Fitted(Recommender model, Evaluation evaluation, Map<String, Double> metrics) {
    }

    private Fitted fitAndEvaluate(AlsTrainer trainer, Dataset<Row> split, long[] catalogue) {
        Dataset<Row> train = split.filter(not(col("test")));
        Row scale = train.agg(avg(col("rating")), min(col("rating")), max(col("rating"))).first();
        long started = System.nanoTime();
        Recommender model = trainer.fit(train, scale.getDouble(0), scale.getFloat(1), scale.getFloat(2));
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        log.info("{} fitted in {} s ({} s an iteration)", trainer.type(), String.format("%.1f", fitSeconds),
                String.format("%.2f", fitSeconds / trainer.iterations()));
        Evaluation evaluation = evaluator.evaluate(model, split, catalogue);
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.asMap());
        metrics.put("fit_time_s", fitSeconds);
        metrics.put("fit_time_per_iteration_s", fitSeconds / trainer.iterations());
        return new Fitted(model, evaluation, metrics);
    }

    private RunResult publishAndPromote(TrackedRun run, AlsTrainer trainer, String config, Fitted fitted,
                                       SparkSnapshot snapshot, Dataset<Row> split, boolean promote)
            throws IOException, SQLException {
        ModelVersion version = publish(run, trainer, config, fitted.model(), fitted.metrics(), snapshot);
        List<Promotion> promotions = promoter.decide(version, fitted.evaluation(),
                existing -> evaluator.evaluate(existing, split, snapshot.movieIds()), promote);
        promotions.forEach(promotion -> mlflow.tracker().setTags(run.runId(), promotion.tags()));
        mlflow.tracker().setTags(run.runId(), Map.of("registered_model", version.name(),
                "registered_version", Integer.toString(version.version())));
        RunResult result = new RunResult(run.runId(), mlflow.runUrl(run), fitted.evaluation(), version, promotions);
        log.info("Run {} finished: {} version {} {} ({})", run.runId(), version.name(), version.version(),
                result.aliases(), mlflow.runUrl(run));
        return result;
    }

    /**
     * A random search over the model's declared {@link SearchSpace}: one parent run and one child run per trial.
     * Trials are fitted and compared on a validation cut of the train part (a second hold-out of it, seed + 1),
     * never on the test part; the best trial is refitted on the whole train part, evaluated on the test part
     * and published from the parent run like a train run. A trial that fails is marked FAILED and the search
     * goes on.
     */
    RunResult tune(String type, Map<String, String> fixed, int trials, HoldoutSplit splitter, String runName,
                   boolean promote) throws IOException, SQLException {
        mlflow.ping();
        new AlsTrainer(type, fixed);
        SearchSpace space;
        try {
            space = SearchSpace.of(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        if (trials < 1) {
            throw new InvalidRequestException("--trials must be at least 1, got " + trials, null);
        }
        HoldoutSplit validation = splitter.validation();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("model_type", type);
        tags.put("run_type", "tune");
        TrackedRun parent = mlflow.startRun(runName, engineTags(tags));
        try (RatingsSnapshotReader.SnapshotRead read = startSpark(parent).read()) {
            SparkSnapshot snapshot = read.snapshot();
            mlflow.tracker().setTags(parent.runId(), snapshot.tags());
            mlflow.logDataset(parent, snapshot.tags(), TrainingRun.TRAINING);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("model_type", type);
            params.put("trials", Integer.toString(trials));
            params.put("search_seed", Long.toString(splitter.seed()));
            params.putAll(space.params(fixed));
            params.putAll(splitter.params());
            validation.params().forEach((name, value) -> params.put("validation_" + name, value));
            params.putAll(evaluator.settings().params());
            params.putAll(sparkParams());
            mlflow.tracker().logParams(parent.runId(), params);
            Dataset<Row> split = splitter.split(snapshot.ratings());
            Dataset<Row> inner = validation.split(split.filter(not(col("test"))).drop("test"));
            try {
                AlsTrainer best = search(parent, type, fixed, space, trials, splitter.seed(), inner, snapshot, runName);
                inner.unpersist();
                Map<String, String> bestTags = new LinkedHashMap<>();
                best.params().forEach((name, value) -> bestTags.put("best." + name, value));
                mlflow.tracker().setTags(parent.runId(), bestTags);
                log.info("Refitting the best trial on the whole train part: {}", best.params());
                Fitted fitted = fitAndEvaluate(best, split, snapshot.movieIds());
                mlflow.tracker().logFinalMetrics(parent.runId(), fitted.metrics());
                String config = ModelConfig.key(best.type(), best.params(), splitter.params());
                RunResult result = publishAndPromote(parent, best, config, fitted, snapshot, split, promote);
                mlflow.tracker().finishRun(parent.runId());
                return result;
            } finally {
                inner.unpersist();
                split.unpersist();
            }
        } catch (Exception | Error e) {
            mlflow.fail(parent, e);
            throw e;
        }
    }

    private AlsTrainer search(TrackedRun parent, String type, Map<String, String> fixed, SearchSpace space, int trials,
                              long seed, Dataset<Row> inner, SparkSnapshot snapshot, String runName) {
        String metric = promoter.metric();
        SplittableRandom random = new SplittableRandom(seed);
        AlsTrainer best = null;
        double bestValue = Double.NaN;
        for (int trial = 1; trial <= trials; trial++) {
            AlsTrainer trainer = new AlsTrainer(type, space.sample(fixed, random));
            Map<String, String> tags = new LinkedHashMap<>(snapshot.tags());
            tags.put("model_type", type);
            tags.put("mlflow.parentRunId", parent.runId());
            tags.put("trial", Integer.toString(trial));
            tags.put("evaluated_on", "validation");
            TrackedRun child = mlflow.startRun((runName != null ? runName : "tune-" + parent.runId().substring(0, 8))
                    + "-trial-" + trial, engineTags(tags));
            log.info("Trial {}/{}: {}", trial, trials, trainer.params());
            try {
                mlflow.logDataset(child, snapshot.tags(), TrainingRun.TRAINING);
                Map<String, String> params = new LinkedHashMap<>();
                params.put("model_type", type);
                params.putAll(trainer.params());
                mlflow.tracker().logParams(child.runId(), params);
                Fitted fitted = fitAndEvaluate(trainer, inner, snapshot.movieIds());
                mlflow.tracker().logFinalMetrics(child.runId(), fitted.metrics());
                mlflow.tracker().finishRun(child.runId());
                if (!fitted.evaluation().has(metric)) {
                    throw new InvalidRequestException("model '" + type + "' has no " + metric
                            + " to compare trials by; choose another promotion metric", null);
                }
                double value = fitted.evaluation().get(metric);
                mlflow.tracker().logMetric(parent.runId(), "trial_" + metric, value, trial);
                if (best == null || value != bestValue && Promotion.beats(metric, value, bestValue, 0)) {
                    best = trainer;
                    bestValue = value;
                }
                log.info("Trial {}/{}: validation {} = {} (best so far {})", trial, trials, metric, value, bestValue);
            } catch (InvalidRequestException e) {
                mlflow.fail(child, e);
                throw e;
            } catch (RuntimeException e) {
                mlflow.fail(child, e);
                log.warn("Trial {}/{} failed, the search goes on: {}", trial, trials, e.getMessage());
            }
        }
        if (best == null) {
            throw new IllegalStateException("every one of the " + trials + " trials failed");
        }
        return best;
    }

    /** Writes and uploads every artifact, then registers the version: never a version with missing files. */
    private ModelVersion publish(TrackedRun run, AlsTrainer trainer, String config, Recommender model,
                                 Map<String, Double> metrics, SparkSnapshot snapshot) throws IOException, SQLException {
        Path dir = Files.createDirectories(settings.workDir()).resolve(run.runId());
        try {
            Path modelDir = dir.resolve("model");
            SavedModels.save(model, ModelManifest.of(trainer.type(), trainer.params(), Instant.now()), modelDir);
            ContentIndex content = new ContentIndexBuilder(dataSource()).build();
            content.save(modelDir.resolve("content"));
            Path reports = Files.createDirectories(dir.resolve("run"));
            EvaluationReport.write(reports.resolve("evaluation.json"), trainer.type(), trainer.params(), metrics,
                    snapshot.tags());
            Plots.metricsAtK(metrics, Files.createDirectories(reports.resolve("plots")).resolve("metrics_at_k.png"));
            int files = mlflow.artifacts().uploadDirectory(reports, run.artifactUri());
            log.info("Uploaded {} artifact files to {}", files, run.artifactUri());
            Map<String, String> params = new LinkedHashMap<>();
            params.put("model_type", trainer.type());
            params.putAll(trainer.params());
            return mlflow.publishModel(run, trainer.type(), params, metrics, snapshot.tags(), modelDir,
                    reports.resolve("evaluation.json"), Map.of("model_type", trainer.type(), ModelConfig.CONFIG_TAG, config,
                            ModelConfig.CHECKSUM_TAG, snapshot.checksum(), ENGINE_TAG, "spark"));
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** Scores a registered version (the champion when {@code version} is null) on today's split, as a run of its own. */
    RunResult evaluate(String version, HoldoutSplit splitter, String runName) throws IOException, SQLException {
        mlflow.ping();
        ModelVersion target = mlflow.versionOrChampion(version);
        Path dir = Files.createTempDirectory(Files.createDirectories(settings.workDir()), "evaluate-" + target.version() + "-");
        try {
            mlflow.artifacts().downloadDirectory(target.source(), dir);
            Recommender model = SavedModels.load(dir);
            TrackedRun run = mlflow.startRun(runName != null ? runName
                    : "evaluate-" + target.name() + "-v" + target.version(), engineTags(EvaluationRun.tags(model, target)));
            try (RatingsSnapshotReader.SnapshotRead read = startSpark(run).read()) {
                SparkSnapshot snapshot = read.snapshot();
                mlflow.tracker().setTags(run.runId(), snapshot.tags());
                mlflow.logDataset(run, snapshot.tags(), TrainingRun.EVALUATION);
                Map<String, String> params = new LinkedHashMap<>(splitter.params());
                params.putAll(evaluator.settings().params());
                params.putAll(sparkParams());
                mlflow.tracker().logParams(run.runId(), params);
                Dataset<Row> split = splitter.split(snapshot.ratings());
                Evaluation evaluation;
                try {
                    evaluation = evaluator.evaluate(model, split, snapshot.movieIds());
                } finally {
                    split.unpersist();
                }
                mlflow.tracker().logFinalMetrics(run.runId(), evaluation.asMap());
                mlflow.tracker().finishRun(run.runId());
                mlflow.registry().setModelVersionTag(target.name(), target.version(), "last_evaluation.run_id",
                        run.runId());
                log.info("{} version {} on the current data: {}", target.name(), target.version(), evaluation);
                return new RunResult(run.runId(), mlflow.runUrl(run), evaluation, target, List.of());
            } catch (Exception | Error e) {
                mlflow.fail(run, e);
                throw e;
            }
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** Starts the Spark session for a started run (tagging its application id) and answers the snapshot reader. */
    private RatingsSnapshotReader startSpark(TrackedRun run) {
        spark = sessions.get();
        mlflow.tracker().setTags(run.runId(), Map.of("spark.app_id", spark.sparkContext().applicationId()));
        return new RatingsSnapshotReader(spark, settings, partitions);
    }

    private Map<String, String> engineTags(Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.put(ENGINE_TAG, "spark");
        all.put("spark.master", master);
        return all;
    }

    private Map<String, String> sparkParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("engine", "spark");
        params.put("spark_version", spark.version());
        params.put("spark_read_partitions", Integer.toString(partitions));
        params.put("spark_executor_memory", spark.conf().get("spark.executor.memory", "1g"));
        params.put("spark_executor_cores", spark.conf().get("spark.executor.cores", "all of a worker's"));
        return params;
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(settings.jdbcUrl());
        dataSource.setUser(settings.dbUser());
        dataSource.setPassword(settings.dbPassword());
        return dataSource;
    }
}
