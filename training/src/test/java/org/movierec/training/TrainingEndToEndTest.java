package org.movierec.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.movierec.mlflow.ArtifactFile;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.training.run.MlflowServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training command end to end against the real PostgreSQL ({@code -Dtest.db.url}) and the real MLflow
 * server ({@code -Dmlflow.url}) that {@code bin/services up} starts: what a run leaves in MLflow is read back
 * through its REST API. The ratings are those of the first 60 users of the bundled ml-latest-small
 * ({@link SampleRatings}).
 */
@Tag("integration")
class TrainingEndToEndTest {

    private static final String DB_URL = System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test");
    private static final String MLFLOW_URL = System.getProperty("mlflow.url", "http://127.0.0.1:5000");
    private static int fixtureRatings;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String experiment = "test-training-" + id;
    private final String registeredModel = "test-movierec-" + id;
    private final MlflowClient client = MlflowServer.javaClient(MLFLOW_URL, MlflowCredentials.fromEnvironment());
    private final MlflowRegistry registry = new MlflowRegistry(MLFLOW_URL);
    private final MlflowArtifacts artifacts = new MlflowArtifacts(MLFLOW_URL);

    @TempDir
    Path temp;

    @BeforeAll
    static void loadRatings() throws IOException, SQLException {
        fixtureRatings = SampleRatings.load(DB_URL);
    }

    @AfterEach
    void deleteWhatTheTestCreated() {
        if (!registry.searchModelVersions(registeredModel).isEmpty() || registry.getModelVersionByAlias(registeredModel,
                "champion").isPresent()) {
            registry.deleteRegisteredModel(registeredModel);
        }
        client.getExperimentByName(experiment).ifPresent(e -> client.deleteExperiment(e.getExperimentId()));
        client.close();
    }

    /** Runs the application as {@code java -jar training.jar} would, with the test's settings first. */
    private int training(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        for (String setting : List.of("--spring.datasource.url=" + DB_URL, "--training.mlflow.tracking-uri=" + MLFLOW_URL,
                "--training.mlflow.experiment=" + experiment, "--training.mlflow.registered-model=" + registeredModel,
                "--training.work-dir=" + temp.resolve("work"), "--training.search.trials=0")) {
            String key = setting.substring(0, setting.indexOf('=') + 1);
            if (all.stream().noneMatch(arg -> arg.startsWith(key))) {
                all.add(setting);
            }
        }
        try {
            return TrainingApplication.run(all.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException("training " + all + " failed", e);
        }
    }

    private ModelVersion version(int number) {
        return registry.getModelVersion(registeredModel, number);
    }

    @Test
    void aRunIsTrackedWithItsArtifactsAndItsVersionBecomesTheFirstChampion() throws IOException {
        assertThat(training("train", "--model=mf", "--run-name=e2e-mf", "factors=8", "epochs=3")).isZero();

        ModelVersion version = version(1);
        Run run = client.getRun(version.runId());
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.getInfo().getRunName()).isEqualTo("e2e-mf");
        Map<String, String> params = run.getData().getParamsList().stream()
                .collect(Collectors.toMap(p -> p.getKey(), p -> p.getValue()));
        assertThat(params).containsEntry("model_type", "mf").containsEntry("factors", "8").containsEntry("epochs", "3")
                .containsEntry("learning_rate", "0.01").containsEntry("split_method", "random_holdout")
                .containsEntry("split_seed", "42").containsEntry("eval_liked_threshold", "3.5");
        Map<String, Double> metrics = run.getData().getMetricsList().stream()
                .collect(Collectors.toMap(m -> m.getKey(), m -> m.getValue()));
        assertThat(metrics).containsKeys("rmse", "mae", "f1_liked", "precision_at_10", "recall_at_10", "ndcg_at_10",
                "map_at_10", "hit_rate_at_10", "coverage_at_10", "fit_time_s", "score_latency_ms_p95");
        assertThat(metrics.get("rmse")).isBetween(0.5, 1.5);
        assertThat(client.getMetricHistory(version.runId(), "train_loss")).extracting(m -> m.getStep())
                .containsExactly(1L, 2L, 3L);
        assertThat(client.getMetricHistory(version.runId(), "validation_loss")).hasSize(3);
        Map<String, String> tags = run.getData().getTagsList().stream()
                .collect(Collectors.toMap(t -> t.getKey(), t -> t.getValue()));
        assertThat(tags).containsEntry("data.ratings", Integer.toString(fixtureRatings))
                .containsEntry("data.users", "60").containsEntry("model_type", "mf")
                .containsEntry("promotion.decision", "champion").containsEntry("registered_version", "1");
        assertThat(tags.get("data.checksum")).matches("[0-9a-f]{16}");
        assertThat(tags.get("mlflow.source.git.commit")).matches("[0-9a-f]{40}");

        String artifactUri = run.getInfo().getArtifactUri();
        assertThat(artifacts.list(artifactUri)).extracting(ArtifactFile::name)
                .containsExactlyInAnyOrder("evaluation.json", "plots");
        assertThat(artifacts.list(artifactUri + "/plots")).extracting(ArtifactFile::name)
                .contains("learning_curve.png", "metrics_at_k.png");
        Path downloaded = temp.resolve("downloaded");
        artifacts.downloadDirectory(version.source(), downloaded);
        Recommender model = SavedModels.load(downloaded);
        assertThat(model.type()).isEqualTo("mf");
        assertThat(Files.exists(downloaded.resolve("content/content-features.txt"))).isTrue();

        assertThat(registry.getModelVersionByAlias(registeredModel, "champion")).map(ModelVersion::version).contains(1);
        assertThat(version.tags()).containsEntry("promotion.decision", "champion").containsEntry("model_type", "mf")
                .containsEntry("data.checksum", tags.get("data.checksum"));
        assertThat(version.description()).startsWith("**mf** model, trained on the ratings snapshot " + tags.get("data.checksum"))
                .contains("compared on `ndcg_at_10`", "Decision: **champion**", "there was no ranker champion");
    }

    @Test
    void mlflowShowsTheRunAsModelTrainingWithItsDatasetAndItsLoggedModelLinkedToTheVersion() {
        assertThat(training("train", "--model=popularity")).isZero();
        assertThat(training("train", "--model=bias", "epochs=2")).isZero();

        JsonNode experimentAnswer = mlflow("experiments/get-by-name?experiment_name=" + experiment).path("experiment");
        assertThat(experimentAnswer.path("tags").toString())
                .contains("{\"key\":\"mlflow.experimentKind\",\"value\":\"custom_model_development\"}");
        List<String> digests = new ArrayList<>();
        for (int number : List.of(1, 2)) {
            ModelVersion version = version(number);
            JsonNode run = mlflow("runs/get?run_id=" + version.runId()).path("run");
            JsonNode input = run.path("inputs").path("dataset_inputs").get(0);
            assertThat(input.path("dataset").path("name").asString()).isEqualTo("ratings");
            assertThat(input.path("dataset").path("digest").asString()).isEqualTo(version.tags().get("data.checksum"));
            assertThat(input.path("dataset").path("source").asString()).contains("\"table\":\"ratings\"")
                    .contains("\"snapshot_latest_rated_at\":\"" + version.tags().get("data.latest_rated_at") + "\"");
            assertThat(input.path("dataset").path("profile").asString())
                    .contains("\"ratings\":" + fixtureRatings, "\"users\":60");
            assertThat(input.path("tags").toString()).contains("{\"key\":\"mlflow.data.context\",\"value\":\"training\"}");
            digests.add(input.path("dataset").path("digest").asString());

            String modelId = run.path("outputs").path("model_outputs").get(0).path("model_id").asString();
            JsonNode logged = mlflow("logged-models/" + modelId).path("model");
            assertThat(logged.path("info").path("status").asString()).isEqualTo("LOGGED_MODEL_READY");
            assertThat(logged.path("info").path("source_run_id").asString()).isEqualTo(version.runId());
            String loggedArtifacts = logged.path("info").path("artifact_uri").asString();
            assertThat(version.source()).isEqualTo(loggedArtifacts + "/model");
            // serving reads the evaluation report beside the model folder, as it did in the run's artifacts
            assertThat(artifacts.list(loggedArtifacts)).extracting(ArtifactFile::name)
                    .containsExactlyInAnyOrder("model", "evaluation.json");
            assertThat(logged.path("info").path("tags").toString()).contains("mlflow.modelVersions")
                    .contains(registeredModel);
            assertThat(logged.path("data").path("params").toString()).contains("{\"key\":\"model_type\",\"value\":\""
                    + version.tags().get("model_type") + "\"}");
            assertThat(logged.path("data").path("metrics").toString()).contains("\"key\":\"ndcg_at_10\"")
                    .contains("\"dataset_digest\":\"" + version.tags().get("data.checksum") + "\"");
        }
        assertThat(digests.get(0)).as("the same snapshot, the same dataset").isEqualTo(digests.get(1));
    }

    @Test
    void monitorScoresEachChampionOnTheRatingsAfterItsSnapshotWeekByWeekAndMarksADrop() throws Exception {
        assertThat(training("train", "--model=popularity")).isZero();
        assertThat(training("train", "--model=bias", "epochs=2")).isZero();
        int ranker = registry.getModelVersionByAlias(registeredModel, "champion").orElseThrow().version();
        int predictor = registry.getModelVersionByAlias(registeredModel, "predictor-champion").orElseThrow().version();
        Instant snapshot = Instant.parse(version(ranker).tags().get("data.latest_rated_at"));
        Path result = temp.resolve("monitor.json");
        JsonMapper json = JsonMapper.builder().build();
        try (Connection db = DriverManager.getConnection(DB_URL, "movies", "movies")) {
            // week 1: ratings like the old ones arrive (a few of the known ones, made again two days later)
            Map<String, Instant> moved = new LinkedHashMap<>();
            try (Statement select = db.createStatement(); ResultSet rows = select.executeQuery(
                    "select user_id, movie_id, rated_at from ratings where (user_id * 31 + movie_id) % 20 = 0")) {
                while (rows.next()) {
                    moved.put(rows.getLong(1) + "," + rows.getInt(2), rows.getTimestamp(3).toInstant());
                }
            }
            try (PreparedStatement update = db.prepareStatement("update ratings set rated_at = ? where user_id = ? and movie_id = ?")) {
                for (String key : moved.keySet()) {
                    update.setTimestamp(1, Timestamp.from(snapshot.plus(Duration.ofDays(2))));
                    update.setLong(2, Long.parseLong(key.split(",")[0]));
                    update.setInt(3, Integer.parseInt(key.split(",")[1]));
                    update.addBatch();
                }
                update.executeBatch();
            }
            assertThat(training("monitor", "--result-file=" + result)).isZero();
            JsonNode first = json.readTree(Files.readString(result));
            assertThat(first.path("drops")).as(first.toString()).isEmpty();
            assertThat(first.path("checks")).hasSize(2);
            JsonNode firstRanker = first.path("checks").get(0);
            assertThat(firstRanker.path("role").asString()).isEqualTo("ranker");
            assertThat(firstRanker.path("version").asInt()).isEqualTo(ranker);
            assertThat(firstRanker.path("new_ratings").asInt()).isEqualTo(moved.size()).isGreaterThan(100);
            assertThat(firstRanker.path("figure").isNumber()).isTrue();
            assertThat(firstRanker.path("snapshot").asString()).isEqualTo(snapshot.toString());
            assertThat(first.path("checks").get(1).path("version").asInt()).isEqualTo(predictor);
            assertThat(version(ranker).tags()).containsEntry("monitor.ranker.drop", "false");

            // week 2: the old ratings are back where they were; users now love the films nobody watched and
            // hate the most popular ones
            try (PreparedStatement update = db.prepareStatement("update ratings set rated_at = ? where user_id = ? and movie_id = ?")) {
                for (Map.Entry<String, Instant> row : moved.entrySet()) {
                    update.setTimestamp(1, Timestamp.from(row.getValue()));
                    update.setLong(2, Long.parseLong(row.getKey().split(",")[0]));
                    update.setInt(3, Integer.parseInt(row.getKey().split(",")[1]));
                    update.addBatch();
                }
                update.executeBatch();
            }
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into ratings (user_id, movie_id, rating, rated_at)
                    select u.user_id, m.movie_id, m.rating, ? from (select distinct user_id from ratings) u
                    cross join ((select movie_id, 5.0 as rating from ratings group by movie_id order by count(*), movie_id
                                 limit 30)
                                union all
                                (select movie_id, 0.5 from ratings group by movie_id order by count(*) desc, movie_id
                                 limit 10)) m
                    on conflict do nothing""")) {
                insert.setTimestamp(1, Timestamp.from(snapshot.plus(Duration.ofDays(9))));
                insert.executeUpdate();
            }
            // the default rule compares with the baselines, which fail on such ratings as badly; this test sets the
            // second rule: a drop of more than 80% against the champion's own test figure
            assertThat(training("monitor", "--max-relative-drop=0.8", "--result-file=" + result)).isZero();
            JsonNode second = json.readTree(Files.readString(result));
            assertThat(second.path("drops")).as(second.toString()).hasSize(2);
            assertThat(second.path("drops").get(0).asString())
                    .startsWith("DROP: ranker champion " + registeredModel + " version " + ranker + " ("
                            + version(ranker).tags().get("model_type") + ")")
                    .contains("ndcg_at_10", "worse than its own test figure", "(allowed 80.0%)");
            assertThat(second.path("drops").get(1).asString())
                    .startsWith("DROP: predictor champion " + registeredModel + " version " + predictor)
                    .contains("rmse");
            assertThat(version(ranker).tags()).containsEntry("monitor.ranker.drop", "true");

            String runId = second.path("checks").get(0).path("run_id").asString();
            assertThat(runId).isEqualTo(firstRanker.path("run_id").asString());
            List<org.mlflow.api.proto.Service.Metric> points = client.getMetricHistory(runId, "new_ratings");
            assertThat(points).hasSize(2);
            assertThat(points.get(1).getStep() - points.get(0).getStep()).isEqualTo(1);
            assertThat(client.getMetricHistory(runId, "drop")).extracting(m -> m.getValue()).containsExactly(0.0, 1.0);
            assertThat(client.getMetricHistory(runId, "baseline_ndcg_at_10")).hasSize(2);
            JsonNode run = mlflow("runs/get?run_id=" + runId).path("run");
            assertThat(run.path("info").path("run_name").asString()).isEqualTo("monitor-ranker");
            assertThat(run.path("inputs").path("dataset_inputs").toString()).contains("\"value\":\"evaluation\"");

            // a version no better than the dropped champion takes its place: the minimum improvement is waived
            assertThat(training("train", "--model=popularity", "half_life_days=36500")).isZero();
            ModelVersion challenger = version(registry.searchModelVersions(registeredModel).get(0).version());
            assertThat(challenger.tags().get("promotion.reason")).contains("waived: the champion dropped");
        } finally {
            try (Connection db = DriverManager.getConnection(DB_URL, "movies", "movies");
                 PreparedStatement delete = db.prepareStatement("delete from ratings where rated_at > ?")) {
                delete.setTimestamp(1, Timestamp.from(snapshot));
                delete.executeUpdate();
            }
        }
    }

    /**
     * The link {@code bin/demo} prints, in headless Chromium ({@code serving/src/test/e2e/mlflow-ui.mjs}, with the
     * playwright-core that {@code npm ci} installs there; {@code bin/test} does): the runs table in the Model
     * training view, with the run and its dataset. Fails, never skips, when Node, playwright-core or the browser
     * is missing.
     */
    @Test
    void theMlflowLinkTheDemoPrintsOpensTheRunsTableInABrowser() throws Exception {
        assertThat(training("train", "--model=popularity", "--run-name=browser-" + id)).isZero();
        ProcessBuilder demo = new ProcessBuilder("bash", "../bin/demo", "mlflow-link", experiment);
        demo.environment().put("MLFLOW_TRACKING_URI", MLFLOW_URL);
        Process linkProcess = demo.redirectErrorStream(true).start();
        String link = new String(linkProcess.getInputStream().readAllBytes()).strip();
        assertThat(linkProcess.waitFor()).isZero();
        String experimentId = client.getExperimentByName(experiment).orElseThrow().getExperimentId();
        assertThat(link).isEqualTo(MLFLOW_URL + "/#/experiments/" + experimentId + "?workflowType=machine_learning");

        Process browser = new ProcessBuilder("node", "../serving/src/test/e2e/mlflow-ui.mjs", link, "browser-" + id,
                "target/e2e-screenshots/mlflow-runs.png").redirectErrorStream(true).start();
        String output = new String(browser.getInputStream().readAllBytes());
        assertThat(browser.waitFor()).as(output).isZero();
        assertThat(output).contains("runs table with browser-" + id);
    }

    /** A GET of MLflow's REST API, for what the Java client does not read (MLflow 3 inputs, outputs, logged models). */
    private static JsonNode mlflow(String pathAndQuery) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MLFLOW_URL + "/api/2.0/mlflow/" + pathAndQuery));
            MlflowCredentials credentials = MlflowCredentials.fromEnvironment();
            if (credentials.present()) {
                request.header("Authorization", credentials.basicAuthorization());
            }
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return JsonMapper.builder().build().readTree(answer.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVersionBecomesChampionOnlyWhenItBeatsTheChampionOnTheSameSplit() {
        assertThat(training("train", "--model=bias")).isZero();
        assertThat(training("train", "--model=popularity")).isZero();
        // the same model on the same data scores the same: not better by the minimum improvement
        assertThat(training("train", "--model=popularity")).isZero();

        ModelVersion second = version(2);
        double bias = Double.parseDouble(second.tags().get("promotion.champion_value"));
        double popularity = Double.parseDouble(second.tags().get("promotion.candidate_value"));
        assertThat(second.tags()).containsEntry("promotion.metric", "ndcg_at_10")
                .containsEntry("promotion.champion_version", "1")
                .containsEntry("promotion.decision", popularity >= bias + 0.001 ? "champion" : "challenger");
        ModelVersion third = version(3);
        assertThat(third.tags()).containsEntry("promotion.decision", "challenger");
        assertThat(Double.parseDouble(third.tags().get("promotion.candidate_value")))
                .isEqualTo(popularity);
        assertThat(registry.getModelVersionByAlias(registeredModel, "challenger")).map(ModelVersion::version).contains(3);
        assertThat(registry.getModelVersionByAlias(registeredModel, "champion")).map(ModelVersion::version)
                .contains(popularity >= bias + 0.001 ? 2 : 1);
    }

    @Test
    void theChallengerIsTheBestVersionButTheChampionOnTheLatestComparison() {
        assertThat(training("train", "--model=popularity")).isZero();
        assertThat(training("train", "--model=bias", "--no-promote")).isZero();
        assertThat(training("train", "--model=mf", "epochs=3", "--no-promote")).isZero();

        // neither may take the champion's place: each competes for challenger with the challenger of its day
        assertThat(version(2).tags()).containsEntry("promotion.decision", "challenger");
        double bias = Double.parseDouble(version(2).tags().get("promotion.candidate_value"));
        double mf = Double.parseDouble(version(3).tags().get("promotion.candidate_value"));
        int challenger = mf >= bias ? 3 : 2;
        assertThat(registry.getModelVersionByAlias(registeredModel, "challenger")).map(ModelVersion::version)
                .contains(challenger);
        assertThat(registry.getModelVersionByAlias(registeredModel, "champion")).map(ModelVersion::version).contains(1);
        if (challenger == 3) {
            assertThat(version(2).tags()).containsEntry("promotion.decision", "none");
            assertThat(version(2).tags().get("promotion.replaced")).startsWith("challenger until ")
                    .endsWith("replaced by version 3");
        } else {
            assertThat(version(3).tags()).containsEntry("promotion.decision", "none");
            assertThat(version(3).tags().get("promotion.reason")).contains("below the challenger (version 2");
        }
    }

    @Test
    void ratingPredictorsCompeteForThePredictorAliasesByRmseBesideTheRankers() throws IOException {
        Path result = temp.resolve("result.json");
        assertThat(training("train", "--model=popularity")).isZero();
        assertThat(version(1).tags()).containsEntry("promotion.decision", "champion")
                .doesNotContainKey("promotion.predictor.decision");
        assertThat(registry.getModelVersionByAlias(registeredModel, "predictor-champion")).isEmpty();

        assertThat(training("train", "--model=bias", "--result-file=" + result)).isZero();
        assertThat(version(2).tags()).containsEntry("promotion.predictor.decision", "champion")
                .containsEntry("promotion.predictor.metric", "rmse")
                .containsEntry("promotion.predictor.reason", "promoted: there was no predictor champion");
        assertThat(registry.getModelVersionByAlias(registeredModel, "predictor-champion")).map(ModelVersion::version)
                .contains(2);
        assertThat(Files.readString(result)).contains("\"predictor_alias\":\"predictor-champion\"");

        assertThat(training("train", "--model=knn", "--result-file=" + result)).isZero();
        Map<String, String> third = version(3).tags();
        assertThat(third).containsEntry("model_type", "knn");
        double candidate = Double.parseDouble(third.get("promotion.predictor.candidate_value"));
        double champion = Double.parseDouble(third.get("promotion.predictor.champion_value"));
        assertThat(third).containsEntry("promotion.predictor.champion_version", "2");
        boolean promoted = candidate <= champion - 0.001;   // lower RMSE is better
        assertThat(registry.getModelVersionByAlias(registeredModel, "predictor-champion")).map(ModelVersion::version)
                .contains(promoted ? 3 : 2);
        assertThat(registry.getModelVersionByAlias(registeredModel, "predictor-challenger")).map(ModelVersion::version)
                .contains(promoted ? 2 : 3);
        if (promoted) {
            // the old champion lost the alias and says so
            assertThat(version(2).tags()).containsEntry("promotion.predictor.decision", "challenger");
            assertThat(version(2).tags().get("promotion.predictor.replaced")).startsWith("champion until ")
                    .endsWith("replaced by version 3");
        }
        assertThat(Files.readString(result)).contains("\"predictor_alias\":\""
                + (promoted ? "predictor-champion" : "predictor-challenger") + "\"");
    }

    @Test
    void aBlendReportsTheValidationFiguresOfItsWeightsAsMetricsOfTheRun() {
        assertThat(training("train", "--model=blend", "--no-promote")).isZero();

        Map<String, Double> metrics = client.getRun(version(1).runId()).getData().getMetricsList().stream()
                .collect(Collectors.toMap(m -> m.getKey(), m -> m.getValue()));
        assertThat(metrics).containsKeys("rmse", "blend_validation_rmse", "blend_validation_rmse_one_weight_a_model");
        assertThat(metrics.get("blend_validation_rmse")).isBetween(0.3, 2.0);
    }

    @Test
    void noPromoteKeepsTheChampionWhereItIs() {
        assertThat(training("train", "--model=popularity")).isZero();
        assertThat(training("train", "--model=popularity", "half_life_days=0", "--no-promote")).isZero();

        assertThat(registry.getModelVersionByAlias(registeredModel, "champion")).map(ModelVersion::version).contains(1);
        assertThat(version(2).tags().get("promotion.reason")).startsWith("not promoted");
    }

    @Test
    void tuneJudgesEachTrialOnAValidationCutOfTheTrainPartAndRefitsTheBestForTheTestPart() {
        assertThat(training("tune", "--model=mf", "--trials=3", "--run-name=search", "epochs=2")).isZero();

        ModelVersion version = version(1);
        Run parent = client.getRun(version.runId());
        Map<String, String> parentTags = tags(parent);
        assertThat(parentTags).containsEntry("run_type", "tune").containsEntry("best.epochs", "2");
        assertThat(params(parent)).containsEntry("trials", "3").containsEntry("search.epochs", "fixed 2")
                .containsEntry("search.factors", "int[8, 200]").containsEntry("search_metric", "rmse")
                .containsEntry("validation_split_seed", "43").containsEntry("split_seed", "42");
        String experimentId = parent.getInfo().getExperimentId();
        List<Run> children = client.searchRuns(List.of(experimentId),
                "tags.mlflow.parentRunId = '" + parent.getInfo().getRunId() + "'", ViewType.ALL, 10).getItems();
        assertThat(children).hasSize(3).allSatisfy(child -> {
            assertThat(child.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
            assertThat(tags(child)).containsEntry("evaluated_on", "validation");
            // judged on the validation cut of the train part: the split of seed 43 of the seed-42 train part
            assertThat(params(child)).containsEntry("epochs", "2").containsKey("factors")
                    .containsEntry("split_seed", "43");
        });
        // trial 1 is the defaults
        assertThat(children).anySatisfy(child -> assertThat(params(child)).containsEntry("factors", "100"));
        // mf predicts ratings: the trials are compared by the predictor's metric, lower is better
        double best = children.stream().mapToDouble(child -> metrics(child).get("rmse")).min().orElseThrow();
        Run bestChild = children.stream().filter(child -> child.getInfo().getRunId()
                .equals(parentTags.get("best_trial_run_id"))).findFirst().orElseThrow();
        assertThat(metrics(bestChild).get("rmse")).isEqualTo(best);
        assertThat(params(bestChild).get("factors")).isEqualTo(parentTags.get("best.factors"));
        assertThat(client.getMetricHistory(parent.getInfo().getRunId(), "trial_validation_rmse")).hasSize(3);

        // the parent's figures are the test part's: what training the best trial's values outright gives
        assertThat(training("train", "--model=mf", "epochs=2", "factors=" + parentTags.get("best.factors"),
                "learning_rate=" + parentTags.get("best.learning_rate"), "reg=" + parentTags.get("best.reg"),
                "fold_in_reg_per_rating=" + parentTags.get("best.fold_in_reg_per_rating"), "--no-promote")).isZero();
        Map<String, Double> outright = metrics(client.getRun(version(2).runId()));
        assertThat(metrics(parent).get("rmse")).isEqualTo(outright.get("rmse")).isNotEqualTo(best);
        assertThat(metrics(parent).get("ndcg_at_10")).isEqualTo(outright.get("ndcg_at_10"));
    }

    @Test
    void trainSearchesTheHyperParametersItIsNotGivenWithTheConfiguredBudget() {
        assertThat(training("train", "--model=ease", "--training.search.trials=2", "--no-promote")).isZero();

        Run parent = client.getRun(version(1).runId());
        assertThat(params(parent)).containsEntry("trials", "2").containsEntry("search_metric", "ndcg_at_10")
                .containsEntry("search.lambda", "log[10, 5000]");
        assertThat(client.searchRuns(List.of(parent.getInfo().getExperimentId()),
                "tags.mlflow.parentRunId = '" + parent.getInfo().getRunId() + "'", ViewType.ALL, 10).getItems()).hasSize(2);

        // every hyper-parameter of the search given: nothing to search, one run
        assertThat(training("train", "--model=popularity", "half_life_days=0", "--training.search.trials=2",
                "--no-promote")).isZero();
        Run plain = client.getRun(version(2).runId());
        assertThat(params(plain)).doesNotContainKey("trials").containsEntry("half_life_days", "0.0");
    }

    @Test
    void evaluateScoresTheChampionOnTheCurrentDataAsARunOfItsOwn() {
        assertThat(training("train", "--model=popularity")).isZero();
        double trained = metrics(client.getRun(version(1).runId())).get("ndcg_at_10");

        assertThat(training("evaluate")).isZero();

        ModelVersion version = version(1);
        Run evaluation = client.getRun(version.tags().get("last_evaluation.run_id"));
        assertThat(tags(evaluation)).containsEntry("run_type", "evaluate").containsEntry("evaluated_version", "1");
        // the same data and split: the same figure as when it was trained
        assertThat(metrics(evaluation).get("ndcg_at_10")).isEqualTo(trained);
        assertThat(training("evaluate", "--version=7")).isEqualTo(1);
    }

    @Test
    void skipUnchangedTrainsNothingWhenTheSameConfigurationSawTheSameData() throws IOException {
        Path result = temp.resolve("result.json");
        assertThat(training("train", "--model=popularity", "--skip-unchanged", "--result-file=" + result)).isZero();
        assertThat(Files.readString(result)).contains("\"version\":1").contains("\"skipped\":false")
                .contains("\"alias\":\"champion\"").contains("\"run_url\":\"" + MLFLOW_URL + "/#/experiments/")
                .containsPattern("/runs/[0-9a-f]{32}\\?workflowType=machine_learning\"");
        assertThat(version(1).tags()).containsKey("data.checksum")
                .containsEntry("training.config", version(1).tags().get("training.config"));

        assertThat(training("train", "--model=popularity", "--skip-unchanged", "--result-file=" + result)).isZero();
        assertThat(Files.readString(result)).contains("\"version\":1").contains("\"skipped\":true");
        assertThat(registry.searchModelVersions(registeredModel)).hasSize(1);

        // another configuration, or no --skip-unchanged, trains
        assertThat(training("train", "--model=popularity", "half_life_days=3", "--skip-unchanged")).isZero();
        assertThat(training("train", "--model=popularity")).isZero();
        assertThat(registry.searchModelVersions(registeredModel)).hasSize(3);
    }

    @Test
    void promoteMovesTheChampionOnlyToABetterVersion() throws IOException {
        assertThat(training("train", "--model=popularity")).isZero();
        assertThat(training("train", "--model=bias", "--no-promote")).isZero();
        assertThat(registry.getModelVersionByAlias(registeredModel, "champion")).map(ModelVersion::version).contains(1);

        Path result = temp.resolve("result.json");
        assertThat(training("promote", "--version=2", "--result-file=" + result)).isZero();

        double candidate = Double.parseDouble(version(2).tags().get("promotion.candidate_value"));
        double champion = Double.parseDouble(version(2).tags().get("promotion.champion_value"));
        int expected = candidate >= champion + 0.001 ? 2 : 1;
        assertThat(version(2).tags().get("promotion.reason")).startsWith(expected == 2 ? "promoted" : "not promoted");
        assertThat(registry.getModelVersionByAlias(registeredModel, "champion")).map(ModelVersion::version)
                .contains(expected);
        assertThat(Files.readString(result)).contains("\"alias\":\"" + (expected == 2 ? "champion" : "challenger"));
        // the champion itself stays champion
        assertThat(training("promote", "--version=" + expected)).isZero();
        assertThat(registry.getModelVersionByAlias(registeredModel, "champion")).map(ModelVersion::version)
                .contains(expected);
        assertThat(training("promote", "--version=9")).isEqualTo(1);
    }

    private static Map<String, String> params(Run run) {
        return run.getData().getParamsList().stream().collect(Collectors.toMap(p -> p.getKey(), p -> p.getValue()));
    }

    private static Map<String, String> tags(Run run) {
        return run.getData().getTagsList().stream().collect(Collectors.toMap(t -> t.getKey(), t -> t.getValue()));
    }

    private static Map<String, Double> metrics(Run run) {
        return run.getData().getMetricsList().stream().collect(Collectors.toMap(m -> m.getKey(), m -> m.getValue()));
    }

    @Test
    void aRunThatFailsIsMarkedFailedAndRegistersNothing() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("work"), "a file where the work directory should be");

        assertThat(training("train", "--model=bias", "--training.work-dir=" + notADirectory.resolve("sub"))).isEqualTo(1);

        String experimentId = client.getExperimentByName(experiment).orElseThrow().getExperimentId();
        List<RunInfo> runs = client.searchRuns(List.of(experimentId), "", ViewType.ALL, 10).getItems().stream()
                .map(Run::getInfo).toList();
        assertThat(runs).singleElement().extracting(RunInfo::getStatus).isEqualTo(RunStatus.FAILED);
        assertThat(registry.searchModelVersions(registeredModel)).isEmpty();
    }

    @Test
    void anUnreachableServerIsReportedBeforeAnyWork() {
        assertThat(training("train", "--model=bias", "--training.mlflow.tracking-uri=http://127.0.0.1:9")).isEqualTo(3);
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        assertThat(training("train", "--model=word2vec")).isEqualTo(2);
        assertThat(training("train", "--model=mf", "factors=lots")).isEqualTo(2);
        assertThat(training("train")).isEqualTo(2);
    }
}
