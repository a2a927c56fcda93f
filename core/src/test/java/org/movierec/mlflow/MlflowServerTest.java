package org.movierec.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Artifacts and registry calls against the real tracking server that {@code bin/services up} starts
 * ({@code -Dmlflow.url}, default http://127.0.0.1:5000), with authentication: the calls are made as the MLflow user
 * of {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD} (training's, which bin/test exports),
 * and serving's user ({@code MLFLOW_SERVING_USERNAME} and {@code MLFLOW_SERVING_PASSWORD}, default bin/services' own)
 * is tried where serving must be refused. Each test makes its own experiment, run and model and deletes them at the
 * end.
 */
@Tag("integration")
class MlflowServerTest {

    private static final String URL = System.getProperty("mlflow.url", "http://127.0.0.1:5000");

    @TempDir
    Path tmp;

    private static final MlflowCredentials SERVING = MlflowCredentials.of(
            System.getenv().getOrDefault("MLFLOW_SERVING_USERNAME", "serving"),
            System.getenv().getOrDefault("MLFLOW_SERVING_PASSWORD", "movierec-serving-dev"));

    private final MlflowHttp http = new MlflowHttp(URL, MlflowCredentials.fromEnvironment());
    private final MlflowArtifacts artifacts = new MlflowArtifacts(URL);
    private final MlflowRegistry registry = new MlflowRegistry(URL);
    private final String unique = "core-mlflow-test-" + UUID.randomUUID();
    private String experimentId;
    private String runId;
    private String runArtifactUri;

    @BeforeEach
    void createRun() {
        artifacts.ping();
        experimentId = MlflowHttp.text(http.post(MlflowHttp.API + "mlflow/experiments/create",
                Map.of("name", unique)), "experiment_id");
        JsonNode run = http.post(MlflowHttp.API + "mlflow/runs/create",
                Map.of("experiment_id", experimentId, "start_time", System.currentTimeMillis())).path("run").path("info");
        runId = MlflowHttp.text(run, "run_id");
        runArtifactUri = MlflowHttp.text(run, "artifact_uri");
    }

    @AfterEach
    void deleteEverything() {
        try {
            registry.deleteRegisteredModel(unique);
        } catch (MlflowException e) {
            // with authentication the deletion of a model that does not exist is refused (403), without it is a 404
            assertThatThrownBy(() -> http.get(MlflowHttp.API + "mlflow/registered-models/get", Map.of("name", unique)))
                    .as("deleted already").isInstanceOf(MlflowException.class)
                    .satisfies(absent -> assertThat(((MlflowException) absent).errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST"));
        }
        http.delete(MlflowHttp.API + "mlflow-artifacts/artifacts/" + MlflowArtifacts.proxyPath(runArtifactUri), Map.of());
        http.post(MlflowHttp.API + "mlflow/experiments/delete", Map.of("experiment_id", experimentId));
    }

    @Test
    void aDirectoryTreeComesBackByteIdentical() throws IOException {
        assertThat(runArtifactUri).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
        Path model = tmp.resolve("model");
        byte[] factors = new byte[300_000];
        new Random(42).nextBytes(factors);
        write(model.resolve("factors.bin"), factors);
        write(model.resolve("meta/params.json"), "{\"rank\": 32}".getBytes(StandardCharsets.UTF_8));
        write(model.resolve("meta/item ids/süß.txt"), "1\n2\n".getBytes(StandardCharsets.UTF_8));
        write(model.resolve("empty.txt"), new byte[0]);
        String modelUri = MlflowArtifacts.resolve(runArtifactUri, "model");

        assertThat(artifacts.uploadDirectory(model, modelUri)).isEqualTo(4);

        assertThat(artifacts.list(modelUri)).containsExactlyInAnyOrder(
                new ArtifactFile("empty.txt", false, 0), new ArtifactFile("factors.bin", false, 300_000),
                new ArtifactFile("meta", true, 0));
        assertThat(artifacts.list(MlflowArtifacts.resolve(modelUri, "meta"))).containsExactlyInAnyOrder(
                new ArtifactFile("params.json", false, 12), new ArtifactFile("item ids", true, 0));
        assertThat(artifacts.list(MlflowArtifacts.resolve(runArtifactUri, "nothing-here"))).isEmpty();

        Path copy = tmp.resolve("copy");
        assertThat(artifacts.downloadDirectory(modelUri, copy)).isEqualTo(4);
        assertThat(files(copy)).isEqualTo(files(model));
        for (String relative : files(model)) {
            assertThat(copy.resolve(relative)).as(relative).hasSameBinaryContentAs(model.resolve(relative));
        }

        Path single = tmp.resolve("single/params.json");
        artifacts.downloadFile(MlflowArtifacts.resolve(modelUri, "meta/params.json"), single);
        assertThat(single).hasContent("{\"rank\": 32}");
        assertThatThrownBy(() -> artifacts.downloadDirectory(MlflowArtifacts.resolve(runArtifactUri, "nothing-here"), tmp.resolve("none")))
                .isInstanceOf(MlflowException.class)
                .hasMessageStartingWith("MLflow artifacts: no files under " + runArtifactUri + "/nothing-here");
        assertThatThrownBy(() -> artifacts.downloadFile(MlflowArtifacts.resolve(modelUri, "missing.bin"), tmp.resolve("missing.bin")))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: No such artifact");
    }

    @Test
    void versionsAliasesAndTagsOfARegisteredModel() throws IOException {
        Path model = tmp.resolve("model");
        write(model.resolve("factors.bin"), new byte[] {1, 2, 3});
        String modelUri = MlflowArtifacts.resolve(runArtifactUri, "model");
        artifacts.uploadDirectory(model, modelUri);

        assertThat(registry.createRegisteredModel(unique)).isTrue();
        assertThat(registry.createRegisteredModel(unique)).as("already exists").isFalse();
        assertThat(registry.getModelVersionByAlias(unique, "champion")).as("alias not set").isEmpty();
        assertThat(registry.getModelVersionByAlias(unique + "-absent", "champion")).as("no such model").isEmpty();
        assertThat(registry.getAliases(unique)).contains(Map.of());
        assertThat(registry.getAliases(unique + "-absent")).as("no such model").isEmpty();

        ModelVersion first = registry.createModelVersion(unique, modelUri, runId, Map.of("ndcg_at_10", "0.3125"));
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.ready()).isTrue();
        assertThat(first.source()).isEqualTo(modelUri);
        assertThat(first.runId()).isEqualTo(runId);
        assertThat(first.tags()).isEqualTo(Map.of("ndcg_at_10", "0.3125"));
        ModelVersion second = registry.createModelVersion(unique, modelUri, runId, Map.of());
        assertThat(second.version()).isEqualTo(2);

        registry.setAlias(unique, "champion", 1);
        assertThat(registry.getModelVersionByAlias(unique, "champion")).get()
                .satisfies(v -> assertThat(v.version()).isEqualTo(1))
                .satisfies(v -> assertThat(v.aliases()).containsExactly("champion"));
        registry.setAlias(unique, "champion", 2);
        assertThat(registry.getModelVersionByAlias(unique, "champion").map(ModelVersion::version)).contains(2);
        registry.setAlias(unique, "predictor-champion", 1);
        assertThat(registry.getAliases(unique)).contains(Map.of("champion", 2, "predictor-champion", 1));

        registry.setModelVersionTag(unique, 1, "retired", "true");
        assertThat(registry.getModelVersion(unique, 1).tags()).isEqualTo(Map.of("ndcg_at_10", "0.3125", "retired", "true"));
        assertThat(registry.getModelVersion(unique, 2).tags()).isEmpty();
        assertThat(registry.searchModelVersions(unique)).extracting(ModelVersion::version).containsExactly(2, 1);

        registry.deleteAlias(unique, "champion");
        assertThat(registry.getModelVersionByAlias(unique, "champion")).isEmpty();
        assertThatThrownBy(() -> registry.getModelVersion(unique, 3))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(404))
                .hasMessageContaining("RESOURCE_DOES_NOT_EXIST");

        registry.deleteRegisteredModel(unique);
        assertThat(registry.searchModelVersions(unique)).isEmpty();
    }

    @Test
    void servingsUserReadsTheRegistryAndArtifactsButCannotMoveAnAliasAndNoLoginIsRefused() throws IOException {
        Path model = tmp.resolve("model");
        write(model.resolve("factors.bin"), new byte[] {1, 2, 3});
        String modelUri = MlflowArtifacts.resolve(runArtifactUri, "model");
        artifacts.uploadDirectory(model, modelUri);
        registry.createRegisteredModel(unique);
        registry.createModelVersion(unique, modelUri, runId, Map.of());
        registry.createModelVersion(unique, modelUri, runId, Map.of());
        registry.setAlias(unique, "champion", 1);

        MlflowRegistry servingRegistry = new MlflowRegistry(URL, SERVING);
        MlflowArtifacts servingArtifacts = new MlflowArtifacts(URL, SERVING);
        assertThat(servingRegistry.getModelVersionByAlias(unique, "champion").map(ModelVersion::version)).contains(1);
        assertThat(servingRegistry.getAliases(unique)).contains(Map.of("champion", 1));
        assertThat(servingRegistry.getAliases(unique + "-absent")).as("no such model").isEmpty();
        servingArtifacts.downloadDirectory(modelUri, tmp.resolve("served"));
        assertThat(tmp.resolve("served/factors.bin")).hasBinaryContent(new byte[] {1, 2, 3});

        assertThatThrownBy(() -> servingRegistry.setAlias(unique, "champion", 2))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(403))
                .hasMessageContaining("MLflow user '" + SERVING.username() + "' (MLFLOW_TRACKING_USERNAME) lacks the permission");
        assertThatThrownBy(() -> servingRegistry.deleteAlias(unique, "champion"))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> servingRegistry.createModelVersion(unique, modelUri, runId, Map.of()))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> servingArtifacts.uploadFile(model.resolve("factors.bin"),
                MlflowArtifacts.resolve(modelUri, "replaced.bin")))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(403));
        assertThat(registry.getModelVersionByAlias(unique, "champion").map(ModelVersion::version)).contains(1);

        MlflowRegistry anonymous = new MlflowRegistry(URL, MlflowCredentials.NONE);
        assertThatThrownBy(() -> anonymous.getModelVersionByAlias(unique, "champion"))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(401))
                .hasMessageContaining("requires a login: set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD");
        assertThatThrownBy(() -> new MlflowArtifacts(URL, MlflowCredentials.NONE).list(modelUri))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(401));
        MlflowRegistry wrongPassword = new MlflowRegistry(URL, MlflowCredentials.of(SERVING.username(), "not-the-password"));
        assertThatThrownBy(() -> wrongPassword.getModelVersion(unique, 1))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(401))
                .hasMessageContaining("refused the login of MLflow user '" + SERVING.username() + "'");
    }

    @Test
    void aLoggedModelIsTheRunsOutputWithItsDatasetParamsAndMetricsAndBecomesAVersion() throws IOException {
        MlflowTracking tracking = new MlflowTracking(URL, MlflowCredentials.fromEnvironment());
        MlflowTracking.Dataset ratings = new MlflowTracking.Dataset("ratings", "00c0ffee12345678", "postgresql",
                "{\"table\":\"ratings\"}", "{\"ratings\":3}");
        tracking.logDatasetInput(runId, ratings, "training");
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 130; i++) {   // more than one request takes
            params.put("p" + i, Integer.toString(i));
        }
        MlflowTracking.LoggedModel created = tracking.createLoggedModel(experimentId, "ease", "ease", runId, params,
                Map.of("model_type", "ease"));
        assertThat(created.status()).isEqualTo("LOGGED_MODEL_PENDING");
        assertThat(created.artifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/models/" + created.modelId()
                + "/artifacts");
        Path model = tmp.resolve("model");
        write(model.resolve("factors.bin"), new byte[] {1, 2, 3});
        artifacts.uploadDirectory(model, created.artifactUri());
        tracking.logModelMetrics(runId, created.modelId(), Map.of("ndcg_at_10", 0.25), ratings);
        assertThat(tracking.finalizeLoggedModel(created.modelId(), true).status()).isEqualTo("LOGGED_MODEL_READY");
        tracking.logModelOutput(runId, created.modelId());

        registry.createRegisteredModel(unique);
        ModelVersion version = registry.createModelVersionFromLoggedModel(unique, created.artifactUri(), runId,
                created.modelId(), Map.of("model_type", "ease"));
        registry.setModelVersionDescription(unique, version.version(), "ease, compared on ndcg_at_10");

        assertThat(registry.getModelVersion(unique, version.version()).description()).isEqualTo("ease, compared on ndcg_at_10");
        assertThat(artifacts.list(version.source())).containsExactly(new ArtifactFile("factors.bin", false, 3));
        JsonNode run = http.get(MlflowHttp.API + "mlflow/runs/get", Map.of("run_id", runId)).path("run");
        JsonNode input = run.path("inputs").path("dataset_inputs").get(0);
        assertThat(MlflowHttp.text(input.path("dataset"), "digest")).isEqualTo("00c0ffee12345678");
        assertThat(MlflowHttp.text(input.path("tags").get(0), "value")).isEqualTo("training");
        assertThat(MlflowHttp.text(run.path("outputs").path("model_outputs").get(0), "model_id")).isEqualTo(created.modelId());
        JsonNode logged = http.get(MlflowHttp.API + "mlflow/logged-models/" + created.modelId(), Map.of()).path("model");
        assertThat(logged.path("data").path("params")).hasSize(130);
        JsonNode metric = logged.path("data").path("metrics").get(0);
        assertThat(MlflowHttp.text(metric, "dataset_digest")).isEqualTo("00c0ffee12345678");
        assertThat(metric.path("value").asDouble()).isEqualTo(0.25);
        assertThat(logged.path("info").path("tags").toString())
                .contains("mlflow.modelVersions").contains("\\\"name\\\": \\\"" + unique + "\\\"");
        assertThatThrownBy(() -> registry.createModelVersionFromLoggedModel(unique, runArtifactUri, runId,
                created.modelId(), Map.of()))
                .as("a source outside the logged model's artifacts").isInstanceOf(MlflowException.class)
                .hasMessageContaining("INVALID_PARAMETER_VALUE");
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }
}
