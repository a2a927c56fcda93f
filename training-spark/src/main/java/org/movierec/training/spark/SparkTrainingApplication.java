package org.movierec.training.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.movierec.training.eval.EvaluationSettings;
import org.movierec.training.run.ExitCodes;
import org.movierec.training.run.InvalidRequestException;
import org.movierec.training.run.MlflowServer;
import org.movierec.training.run.ResultFile;
import org.movierec.training.run.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit training-spark.jar train|evaluate ...}: the training commands of {@code training.jar}
 * on Apache Spark, with the same options, settings (environment variables) and exit codes. Without a master
 * from spark-submit, it runs on {@code local[*]}.
 */
@Command(name = "training-spark.jar", mixinStandardHelpOptions = true, version = "movierec training on Spark",
        subcommands = {SparkTrainingApplication.Train.class, SparkTrainingApplication.Tune.class,
                SparkTrainingApplication.Evaluate.class},
        description = {"Trains Spark MLlib's ALS on a partitioned read of every rating in PostgreSQL, evaluates it "
                + "in Spark with the in-JVM evaluation's metrics, logs the run to MLflow and registers a version, "
                + "exactly as training.jar does for the in-JVM models.",
                "Run it with spark-submit (bin/spark submit ...); the master comes from --master, else local[*].",
                "Settings (environment): SPRING_DATASOURCE_URL/_USERNAME/_PASSWORD, MLFLOW_TRACKING_URI (and its login "
                + "MLFLOW_TRACKING_USERNAME/_PASSWORD), "
                        + "TRAINING_EXPERIMENT, TRAINING_REGISTERED_MODEL, TRAINING_PROMOTION_METRIC, "
                        + "TRAINING_PROMOTION_MIN_IMPROVEMENT, TRAINING_WORK_DIR (as training.jar).",
                "Exit codes: 0 done; 1 the run failed (marked FAILED in MLflow); 2 wrong command line; 3 MLflow, the "
                        + "database or the Spark cluster is unreachable, or there is no data yet."})
public final class SparkTrainingApplication {

    private static final Logger log = LoggerFactory.getLogger(SparkTrainingApplication.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs a command line and answers its exit code (never exits the JVM: tests call it). Blank arguments, which a
     * scheduler's templates render for an option left out, are dropped.
     */
    static int run(String... args) {
        args = Arrays.stream(args).filter(arg -> !arg.isBlank()).toArray(String[]::new);
        CommandLine cli = new CommandLine(new SparkTrainingApplication());
        String models = modelsHelp();
        for (String command : List.of("train", "tune")) {
            cli.getSubcommands().get(command).getCommandSpec().usageMessage().footer(models);
        }
        cli.setExecutionExceptionHandler((e, line, parsed) -> exitCode(e));
        cli.setParameterExceptionHandler((e, line) -> {
            System.err.println("training-spark: " + e.getMessage() + " (see --help)");
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    /** Every model type with its hyper-parameters and their defaults, as training.jar's --help lists its own. */
    static String modelsHelp() {
        StringBuilder text = new StringBuilder("%nModel types and their hyper-parameters (name=default):%n");
        for (String type : AlsTrainer.TYPES) {
            text.append("  ").append(type).append(": ").append(String.join(" ", new AlsTrainer(type, Map.of()).params()
                    .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())).append("%n");
        }
        return text.toString();
    }

    /** The options of the split and the run, shared by the commands. */
    static final class RunOptions {
        @Option(names = "--split", defaultValue = "random",
                description = "random: the per-user hold-out of training.jar (the only split on Spark)")
        String split;

        @Option(names = "--test-fraction", defaultValue = "0.2", description = "share of each user's ratings held out")
        double testFraction;

        @Option(names = "--seed", defaultValue = "42", description = "seed of the split")
        long seed;

        @Option(names = "--run-name", description = "the MLflow run name")
        String runName;

        @Option(names = "--result-file", description = "write the outcome as JSON for a scheduler's next step")
        Path resultFile;

        @Option(names = "--partitions", defaultValue = "8",
                description = "user-id ranges the ratings are read in, in parallel (default ${DEFAULT-VALUE})")
        int partitions;

        /** The split asked for; a wrong split or number of partitions is refused before any run starts. */
        HoldoutSplit splitter() {
            if (partitions < 1) {
                throw new InvalidRequestException("--partitions must be at least 1, got " + partitions, null);
            }
            if (!split.equals("random")) {
                throw new InvalidRequestException("--split=" + split + " is not available on Spark; use --split=random "
                        + "(the per-user hold-out), or training.jar for temporal and kfold", null);
            }
            return new HoldoutSplit(testFraction, seed);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train one model with the given hyper-parameters (name=value), register it; it becomes "
                    + "champion if it beats the current one on the promotion metric.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--model", defaultValue = "als", description = "als: explicit ALS, a rating predictor; "
                + "als-implicit: implicit ALS, a top-N ranker (default ${DEFAULT-VALUE})")
        String model;

        @Parameters(paramLabel = "name=value", split = "\\s+", description = "hyper-parameters (one argument may hold "
                + "several, separated by spaces)")
        Map<String, String> hyperParameters = new LinkedHashMap<>();

        @Option(names = "--promote", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "--no-promote: register the version but never move the alias champion")
        boolean promote;

        @Option(names = "--skip-unchanged", description = "train nothing when the newest version of the same "
                + "configuration was trained on a snapshot with the same checksum")
        boolean skipUnchanged;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws IOException, SQLException {
            AlsTrainer trainer = new AlsTrainer(model, hyperParameters);
            HoldoutSplit splitter = options.splitter();
            return Job.run(options, run -> run.train(trainer, splitter, options.runName, promote, skipUnchanged));
        }
    }

    @Command(name = "tune", mixinStandardHelpOptions = true,
            description = "Random search over the model's declared space (fixed values as name=value): every trial is "
                    + "a child run, fitted and compared on a validation cut of the train part; the best is refitted on "
                    + "the whole train part, evaluated on the test part and registered like a train run.")
    static final class Tune implements Callable<Integer> {
        @Option(names = "--model", defaultValue = "als", description = "als or als-implicit")
        String model;

        @Parameters(paramLabel = "name=value", split = "\\s+", description = "hyper-parameters held fixed")
        Map<String, String> fixed = new LinkedHashMap<>();

        @Option(names = "--trials", defaultValue = "10", description = "trials (default ${DEFAULT-VALUE})")
        int trials;

        @Option(names = "--promote", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "--no-promote: register the version but never move the alias champion")
        boolean promote;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws IOException, SQLException {
            HoldoutSplit splitter = options.splitter();
            return Job.run(options, run -> run.tune(model, fixed, trials, splitter, options.runName, promote));
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Score a registered version (default: the champion) on the current data, in Spark, and "
                    + "log it as a run.")
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--version", description = "the version to score")
        String version;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws IOException, SQLException {
            HoldoutSplit splitter = options.splitter();
            return Job.run(options, run -> run.evaluate(version, splitter, options.runName));
        }
    }

    /** Sets up MLflow and Spark for a command, runs it, reports and writes the result file. */
    private static final class Job {

        interface Body {
            RunResult apply(SparkTrainingRun run) throws IOException, SQLException;
        }

        static int run(RunOptions options, Body body) throws IOException, SQLException {
            JobSettings settings = JobSettings.fromEnvironment(System.getenv());
            MlflowServer mlflow = MlflowServer.connect(settings.trackingUri(), settings.mlflowCredentials(),
                    settings.experiment(), settings.registeredModel(), System.getenv("GIT_COMMIT"), "training-spark.jar");
            mlflow.ping();
            SparkConf conf = new SparkConf();
            String master = conf.get("spark.master", "local[*]");
            SparkSession[] started = new SparkSession[1];
            try {
                EvaluationSettings evaluation = EvaluationSettings.defaults().withUserSample(settings.maxUsers(), options.seed)
                        .withThreads(1);
                Path checkpoints = settings.workDir().resolve("spark-checkpoints");
                SparkTrainingRun run = new SparkTrainingRun(
                        () -> started[0] = session(master, options.partitions, checkpoints), master, settings, mlflow,
                        new SparkEvaluator(evaluation), options.partitions);
                RunResult result = body.apply(run);
                result.print(System.out);
                if (options.resultFile != null) {
                    ResultFile.write(options.resultFile, result);
                }
                return ExitCodes.OK;
            } finally {
                if (started[0] != null) {
                    Optional<String> checkpointDir = Optional.ofNullable(started[0].sparkContext().getCheckpointDir()
                            .getOrElse(() -> null));
                    started[0].stop();
                    checkpointDir.filter(dir -> dir.startsWith("file:")).ifPresent(Job::deleteCheckpoints);
                }
            }
        }

        /** The run's checkpoints in a local folder, removed when it ends. */
        private static void deleteCheckpoints(String uri) {
            try {
                FileSystemUtils.deleteRecursively(Path.of(URI.create(uri)));
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Could not remove the checkpoints in {}: {}", uri, e.getMessage());
            }
        }

        /**
         * The session on {@code master} (spark-submit's, else {@code local[*]}); a standalone master must answer
         * first. Unless set, shuffles use as many partitions as the read.
         */
        private static SparkSession session(String master, int partitions, Path checkpoints) {
            checkMasterAnswers(master);
            SparkConf conf = new SparkConf();
            SparkSession.Builder builder = SparkSession.builder().appName("movierec-training").master(master);
            if (!conf.contains("spark.sql.shuffle.partitions")) {
                builder.config("spark.sql.shuffle.partitions", partitions);
            }
            SparkSession spark = builder.getOrCreate();
            if (spark.sparkContext().getCheckpointDir().isEmpty()) {
                // ALS checkpoints its factors every 10 iterations when it can: without it, the lineage of a long
                // fit overflows the stack. A local folder serves one machine; a cluster of several sets
                // spark.checkpoint.dir to a shared file system.
                spark.sparkContext().setCheckpointDir(checkpoints.toString());
            }
            spark.sparkContext().addSparkListener(new StageProgress());
            log.info("Spark {} on {} (application {}, web UI {})", spark.version(), spark.sparkContext().master(),
                    spark.sparkContext().applicationId(), spark.sparkContext().uiWebUrl().getOrElse(() -> "off"));
            return spark;
        }

        private static void checkMasterAnswers(String master) {
            if (!master.startsWith("spark://")) {
                return;
            }
            for (String address : master.substring("spark://".length()).split(",")) {
                URI uri = URI.create("spark://" + address);
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
                    return;
                } catch (IOException | IllegalArgumentException e) {
                    log.warn("Spark master {} does not answer: {}", address, e.getMessage());
                }
            }
            throw new SparkUnavailableException("the Spark master " + master + " does not answer (is the cluster up? "
                    + "bin/spark status)");
        }
    }

    /** The Spark cluster cannot be reached: exit code 3, like an unreachable database or MLflow. */
    static final class SparkUnavailableException extends IllegalStateException {
        SparkUnavailableException(String message) {
            super(message);
        }
    }

    /** How Spark says that its executors or its context went away, rather than a task's code failing. */
    private static final Pattern LOST = Pattern.compile("ExecutorLostFailure|SparkContext (was|has been) shut down"
            + "|stopped SparkContext|All masters are unresponsive");

    /**
     * The exit code of a failed command: a usage error 2; an unreachable database (also when an executor's
     * read failed), MLflow or Spark cluster, or executors lost beyond Spark's retries 3; anything else 1.
     */
    static int exitCode(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                log.error("Database: {}", sql.getMessage());
                return ExitCodes.UNAVAILABLE;
            }
            if (cause instanceof SparkUnavailableException) {
                log.error("Spark: {}", cause.getMessage());
                return ExitCodes.UNAVAILABLE;
            }
        }
        if ((e instanceof SparkException || e instanceof IllegalStateException) && LOST.matcher(
                String.valueOf(e.getMessage())).find()) {
            log.error("Spark: {}", e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.forFailure(e, log);
    }
}
