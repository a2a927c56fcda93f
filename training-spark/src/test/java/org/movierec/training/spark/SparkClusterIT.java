package org.movierec.training.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.FactorModel;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.model.UserRatings;
import org.movierec.training.data.RatingsReader;
import org.movierec.training.run.MlflowServer;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spark training job as users submit it: {@code bin/spark submit} (spark-submit of the built
 * training-spark.jar) to the standalone cluster that {@code bin/spark up} starts (a master and two 1-core
 * workers on 127.0.0.1), with two executors, against the real PostgreSQL (database movies_spark_test of
 * bin/services, its own so no other module's test meets it, loaded with the bundled ml-latest-small) and
 * the real MLflow server ({@code -Dmlflow.url}). What the run leaves in MLflow is read back through its REST
 * API, and the registered model is loaded as serving loads it.
 */
@Tag("integration")
class SparkClusterIT {

    private static final String DB_URL = System.getProperty("spark.test.db.url",
            "jdbc:postgresql://localhost:5432/movies_spark_test");
    private static final String MLFLOW_URL = System.getProperty("mlflow.url", "http://127.0.0.1:5000");
    private static final String MASTER = System.getProperty("spark.master.url", "spark://127.0.0.1:7077");
    private static final String MASTER_UI = System.getProperty("spark.master.ui", "http://127.0.0.1:8088");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String experiment = "test-spark-" + id;
    private final String registeredModel = "test-spark-" + id;
    private final MlflowClient client = MlflowServer.javaClient(MLFLOW_URL, MlflowCredentials.fromEnvironment());
    private final MlflowRegistry registry = new MlflowRegistry(MLFLOW_URL);

    @TempDir
    Path temp;

    @BeforeAll
    static void loadRatings() throws IOException, SQLException {
        Flyway.configure().dataSource(DB_URL, "movies", "movies").locations("classpath:db/migration").load().migrate();
        try (Connection db = DriverManager.getConnection(DB_URL, "movies", "movies")) {
            try (Statement clear = db.createStatement()) {
                clear.execute("truncate ratings, movies, tags, movie_links");
                clear.execute("create temporary table movies_csv (movie_id int, title text, genres text)");
                clear.execute("create temporary table ratings_csv (user_id bigint, movie_id int, rating numeric, ts bigint)");
            }
            copy(db, "movies_csv", SampleRatings.DIR.resolve("movies.csv"));
            copy(db, "ratings_csv", SampleRatings.DIR.resolve("ratings.csv"));
            try (Statement load = db.createStatement()) {
                load.execute("insert into movies (movie_id, title, title_key, genres) "
                        + "select movie_id, title, lower(title), string_to_array(genres, '|') from movies_csv");
                load.execute("insert into ratings (user_id, movie_id, rating, rated_at) "
                        + "select user_id, movie_id, rating, to_timestamp(ts) from ratings_csv");
            }
        }
    }

    private static void copy(Connection db, String table, Path csv) throws SQLException, IOException {
        try (Reader reader = Files.newBufferedReader(csv)) {
            db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin (format csv, header)", reader);
        }
    }

    @Test
    void trainsOnTheClusterWithTwoExecutorsAndRegistersAModelServingLoads() throws Exception {
        Path result = temp.resolve("result.json");
        Submitted train = submit(Map.of(), "train", "--model=als", "factors=16", "iterations=5",
                "--run-name=spark-it", "--result-file=" + result);
        assertThat(train.exitCode()).as(train.output()).isZero();

        JsonNode outcome = JSON.readTree(Files.readString(result));
        assertThat(outcome.get("registered_model").asString()).isEqualTo(registeredModel);
        assertThat(outcome.get("alias").asString()).isEqualTo("champion");
        // explicit ALS predicts ratings: it is the rating predictor's champion too
        assertThat(outcome.get("predictor_alias").asString()).isEqualTo("predictor-champion");
        Run run = client.getRun(outcome.get("run_id").asString());
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        Map<String, String> tags = tags(run);
        assertThat(tags).containsEntry("training.engine", "spark").containsEntry("spark.master", MASTER)
                .containsEntry("model_type", "als").containsEntry("data.ratings", "100836")
                .containsEntry("data.users", "610").containsEntry("data.movies", "9724");
        // the same snapshot identity as an in-JVM run: the checksum of the in-JVM reader over the same table
        assertThat(tags).containsEntry("data.checksum", new RatingsReader(dataSource()).read().checksum());

        Map<String, Double> metrics = new LinkedHashMap<>();
        run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
        assertThat(metrics).containsEntry("test_ratings", 19_940.0).containsKeys("ndcg_at_10", "fit_time_s");
        assertThat(metrics.get("rmse")).isBetween(0.7, 1.0);
        assertThat(run.getData().getParamsList()).anyMatch(p -> p.getKey().equals("factors") && p.getValue().equals("16"));

        // the application ran on the cluster with two 1-core executors, one on each worker
        JsonNode app = completedApp(tags.get("spark.app_id"));
        assertThat(app.get("cores").asInt()).isEqualTo(2);
        assertThat(app.get("state").asString()).isEqualTo("FINISHED");

        ModelVersion version = registry.getModelVersion(registeredModel, outcome.get("version").asInt());
        assertThat(version.tags()).containsEntry("training.engine", "spark").containsEntry("model_type", "als");
        Path downloaded = temp.resolve("model");
        new MlflowArtifacts(MLFLOW_URL).downloadDirectory(version.source(), downloaded);
        Recommender model = SavedModels.load(downloaded);
        assertThat(model).isInstanceOf(FactorModel.class);
        assertThat(((FactorModel) model).factors()).isEqualTo(16);
        float[] scores = model.score(new UserRatings(new int[] {0, 1}, new float[] {5f, 4.5f}));
        assertThat(scores).hasSize(model.items().size());
        for (float score : scores) {
            assertThat(score).isBetween(0.5f, 5f);
        }

        // evaluate scores the version on the same split in Spark: the numbers the train run logged
        Submitted evaluate = submit(Map.of(), "evaluate", "--version=" + version.version());
        assertThat(evaluate.exitCode()).as(evaluate.output()).isZero();
        Run evaluation = latestRun("evaluate");
        Map<String, Double> evaluated = new LinkedHashMap<>();
        evaluation.getData().getMetricsList().forEach(m -> evaluated.put(m.getKey(), m.getValue()));
        assertThat(evaluated.get("ndcg_at_10")).isCloseTo(metrics.get("ndcg_at_10"), within(1e-9));
        assertThat(evaluated.get("rmse")).isCloseTo(metrics.get("rmse"), within(1e-9));
    }

    @Test
    void anExecutorKilledDuringTheFitIsReplacedAndTheRunStillRegistersItsVersion() throws Exception {
        Path log = temp.resolve("killed.log");
        Path result = temp.resolve("killed.json");
        Process process = start(Map.of(), log, "train", "--model=als", "factors=16", "iterations=10",
                "--result-file=" + result);
        try {
            awaitLog(process, log, "Fitting als");
            // this application's executor: another one may be running on the cluster (bin/test runs the Airflow
            // DAG tests beside this build)
            Matcher app = Pattern.compile("\\(application (app-[\\w-]+),").matcher(Files.readString(log));
            assertThat(app.find()).as("the run logs its application id").isTrue();
            ProcessHandle executor = executorOf(app.group(1));
            assertThat(executor.destroyForcibly()).isTrue();
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the run did not end within 10 minutes").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("Spark noticed the executor's loss").containsIgnoringCase("lost executor");
        JsonNode outcome = JSON.readTree(Files.readString(result));
        Run run = client.getRun(outcome.get("run_id").asString());
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        // the lost partitions were read again from the same snapshot
        assertThat(tags(run)).containsEntry("data.ratings", "100836")
                .containsEntry("data.checksum", new RatingsReader(dataSource()).read().checksum());
        assertThat(registry.getModelVersion(registeredModel, outcome.get("version").asInt()).tags())
                .containsEntry("training.engine", "spark");
    }

    @Test
    void tuneComparesTrialsOnAValidationCutAndRegistersTheBestRefittedOnTheTrainPart() throws Exception {
        Path result = temp.resolve("tune.json");
        Submitted tune = submit(Map.of("SPARK_MASTER_URL", "local[2]"), "tune", "--model=als-implicit", "--trials=2",
                "factors=8", "iterations=3", "--result-file=" + result);
        assertThat(tune.exitCode()).as(tune.output()).isZero();

        JsonNode outcome = JSON.readTree(Files.readString(result));
        Run parent = client.getRun(outcome.get("run_id").asString());
        assertThat(tags(parent)).containsEntry("run_type", "tune").containsEntry("training.engine", "spark");
        assertThat(parent.getData().getParamsList()).anyMatch(p -> p.getKey().equals("validation_split_seed")
                && p.getValue().equals("43"));
        String experimentId = parent.getInfo().getExperimentId();
        List<Run> trials = client.searchRuns(List.of(experimentId),
                "tags.mlflow.parentRunId = '" + parent.getInfo().getRunId() + "'", ViewType.ACTIVE_ONLY, 10).getItems();
        assertThat(trials).hasSize(2).allSatisfy(trial -> {
            assertThat(trial.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
            assertThat(tags(trial)).containsEntry("evaluated_on", "validation");
            // the validation cut holds out a fifth of the train part, not the test part's 19,940 ratings
            assertThat(trial.getData().getMetricsList()).anyMatch(m -> m.getKey().equals("test_ratings")
                    && m.getValue() < 19_940);
        });
        assertThat(parent.getData().getMetricsList()).anyMatch(m -> m.getKey().equals("test_ratings")
                && m.getValue() == 19_940);
        ModelVersion version = registry.getModelVersion(registeredModel, outcome.get("version").asInt());
        assertThat(version.tags()).containsEntry("model_type", "als-implicit");
        assertThat(version.runId()).isEqualTo(parent.getInfo().getRunId());
    }

    @Test
    void skipUnchangedTrainsNothingWhenTheSameConfigurationSawTheSameSnapshot() throws Exception {
        Map<String, String> local = Map.of("SPARK_MASTER_URL", "local[2]");
        Path first = temp.resolve("first.json");
        Path second = temp.resolve("second.json");
        String[] args = {"train", "--model=als", "factors=4", "iterations=2", "--skip-unchanged"};
        Submitted trained = submit(local, concat(args, "--result-file=" + first));
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        Submitted again = submit(local, concat(args, "--result-file=" + second));
        assertThat(again.exitCode()).as(again.output()).isZero();

        JsonNode was = JSON.readTree(Files.readString(first));
        JsonNode now = JSON.readTree(Files.readString(second));
        assertThat(now.get("skipped").asBoolean()).isTrue();
        assertThat(now.get("version").asInt()).isEqualTo(was.get("version").asInt());
        assertThat(again.output()).contains("Input unchanged");
        assertThat(registry.searchModelVersions(registeredModel)).hasSize(1);
        // the second run was deleted: the experiment's active runs are the first one only
        String experimentId = client.getExperimentByName(experiment).orElseThrow().getExperimentId();
        assertThat(client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 10).getItems())
                .extracting(r -> r.getInfo().getRunId()).containsExactly(was.get("run_id").asString());
    }

    private static String[] concat(String[] args, String more) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

    @Test
    void aMasterThatDoesNotAnswerFailsTheRunWithExitCodeThreeAndRegistersNothing() throws Exception {
        Submitted submitted = submit(Map.of("SPARK_MASTER_URL", "spark://127.0.0.1:7"), "train", "--model=als");
        assertThat(submitted.exitCode()).as(submitted.output()).isEqualTo(3);
        assertThat(submitted.output()).contains("the Spark master spark://127.0.0.1:7 does not answer");
        Run run = latestRun(null);
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(tags(run).get("error")).contains("spark://127.0.0.1:7");
        assertThat(registry.searchModelVersions(registeredModel)).isEmpty();
    }

    @Test
    void ratingsLockedByAnotherSessionFailTheRunWithExitCodeThreeNamingTheLock() throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "movies", "movies")) {
            db.setAutoCommit(false);
            try (Statement lock = db.createStatement()) {
                // what an ingestion's table swap holds
                lock.execute("lock table ratings in access exclusive mode");
            }
            Submitted submitted = submit(Map.of("SPARK_MASTER_URL", "local[1]"), "train", "--model=als");
            db.rollback();
            assertThat(submitted.exitCode()).as(submitted.output()).isEqualTo(3);
            assertThat(submitted.output()).contains("lock timeout");
        }
        Run run = latestRun(null);
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(tags(run).get("error")).contains("lock timeout");
        assertThat(registry.searchModelVersions(registeredModel)).isEmpty();
    }

    @Test
    void postgresqlGoingAwayMidReadFailsTheRunWithExitCodeThreeAndARerunWorks() throws Exception {
        Path log = temp.resolve("unreachable.log");
        Process process = start(Map.of(), log, "train", "--model=als", "factors=4", "iterations=2");
        ExecutorService locker = Executors.newSingleThreadExecutor();
        try (Connection watcher = DriverManager.getConnection(DB_URL, "movies", "movies");
             Connection exclusive = DriverManager.getConnection(DB_URL, "movies", "movies")) {
            awaitLog(process, log, "Reading the ratings of users");
            // An exclusive lock queued behind the driver's snapshot transaction holds every partition's read
            // in its query, so the database goes away while the executors are reading.
            exclusive.setAutoCommit(false);
            Future<?> queued = locker.submit(() -> {
                try (Statement lock = exclusive.createStatement()) {
                    lock.execute("set lock_timeout = '2min'");
                    lock.execute("lock table ratings in access exclusive mode");
                }
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (readersWaiting(watcher) == 0) {
                assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("no partition started its read within 2 minutes").isLessThan(deadline);
                Thread.sleep(100);
            }
            try (Statement away = watcher.createStatement()) {
                away.execute("alter database movies_spark_test connection limit 0");
                // client sessions of this role only: an autovacuum worker in the database has no role, and only
                // a superuser may end it
                away.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid() "
                        + "and backend_type = 'client backend' and usename = current_user");
                assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the run did not end within 10 minutes").isTrue();
            } finally {
                try (Statement back = watcher.createStatement()) {
                    back.execute("alter database movies_spark_test connection limit -1");
                }
                queued.cancel(true);
            }
        } finally {
            locker.shutdownNow();
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("Database:");
        Run failed = latestRun(null);
        assertThat(failed.getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(tags(failed).get("error")).containsAnyOf("terminating connection", "too many connections");
        assertThat(registry.searchModelVersions(registeredModel)).isEmpty();

        Submitted rerun = submit(Map.of("SPARK_MASTER_URL", "local[2]"), "train", "--model=als", "factors=4",
                "iterations=2");
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        assertThat(registry.searchModelVersions(registeredModel)).hasSize(1);
    }

    /** The job's database sessions that wait for a lock inside a query on {@code ratings}. */
    private static int readersWaiting(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from pg_stat_activity where application_name = '"
                     + RatingsSnapshotReader.APPLICATION_NAME + "' and wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** An executor process of the application, once one runs (within a minute). */
    private static ProcessHandle executorOf(String appId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            Optional<ProcessHandle> executor = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .filter(p -> p.info().commandLine().orElse("").contains("--app-id " + appId))
                    .findFirst();
            if (executor.isPresent()) {
                return executor.get();
            }
            assertThat(System.nanoTime()).as("no executor of %s within a minute", appId).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitLog(Process process, Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.readString(log).contains(line)) {
            assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("'%s' was not logged within 5 minutes", line).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void sparkSettingsOutOfRangeAreRefusedBeforeSubmitting() throws Exception {
        Submitted submitted = submit(Map.of("SPARK_EXECUTOR_MEMORY", "lots"), "train", "--model=als");
        assertThat(submitted.exitCode()).isEqualTo(2);
        assertThat(submitted.output()).contains("SPARK_EXECUTOR_MEMORY must be a memory size such as 1g or 512m, got 'lots'");
        assertThat(client.getExperimentByName(experiment)).isEmpty();
    }

    @Test
    void aWrongCommandLineIsAUsageError() throws Exception {
        Submitted submitted = submit(Map.of("SPARK_MASTER_URL", "local[1]"), "train", "--model=ease");
        assertThat(submitted.exitCode()).as(submitted.output()).isEqualTo(2);
        assertThat(submitted.output()).contains("--model=ease is not a Spark model");
    }

    private record Submitted(int exitCode, String output) {
    }

    private Submitted submit(Map<String, String> settings, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, "submit-", ".log");
        Process process = start(settings, log, args);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("spark-submit did not end within 10 minutes: " + Files.readString(log));
        }
        return new Submitted(process.exitValue(), Files.readString(log));
    }

    /** {@code bin/spark submit ARGS} on the cluster (unless {@code settings} say otherwise), its output in {@code log}. */
    private Process start(Map<String, String> settings, Path log, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().addAll(List.of("bash", Path.of("..", "bin", "spark").toString(), "submit"));
        builder.command().addAll(List.of(args));
        Map<String, String> env = builder.environment();
        env.put("SPARK_MASTER_URL", MASTER);
        env.put("SPRING_DATASOURCE_URL", DB_URL);
        env.put("MLFLOW_TRACKING_URI", MLFLOW_URL);
        env.put("TRAINING_EXPERIMENT", experiment);
        env.put("TRAINING_REGISTERED_MODEL", registeredModel);
        env.put("TRAINING_WORK_DIR", temp.resolve("work").toString());
        env.putAll(settings);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private Run latestRun(String runType) {
        String experimentId = client.getExperimentByName(experiment).orElseThrow().getExperimentId();
        List<RunInfo> runs = client.searchRuns(List.of(experimentId), runType == null ? "" : "tags.run_type = '" + runType + "'",
                ViewType.ACTIVE_ONLY, 10).getItems().stream().map(Run::getInfo).toList();
        assertThat(runs).isNotEmpty();
        return client.getRun(runs.get(0).getRunId());
    }

    private static Map<String, String> tags(Run run) {
        Map<String, String> tags = new LinkedHashMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return tags;
    }

    private static JsonNode completedApp(String appId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(MASTER_UI + "/json/")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode app : JSON.readTree(new StringReader(response.body())).get("completedapps")) {
            if (app.get("id").asString().equals(appId)) {
                return app;
            }
        }
        throw new AssertionError("application " + appId + " is not among the master's completed applications: "
                + response.body());
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(DB_URL);
        dataSource.setUser("movies");
        dataSource.setPassword("movies");
        return dataSource;
    }
}
