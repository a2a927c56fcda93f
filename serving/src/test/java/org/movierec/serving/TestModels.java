package org.movierec.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.model.ContentIndex;
import org.movierec.model.EaseModel;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.ModelManifest;
import org.movierec.model.PopularityModel;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers small models in the real MLflow server ({@code -Dmlflow.url}, default http://127.0.0.1:5000) the
 * way training does: a run holding {@code model/} and {@code evaluation.json}, a model version whose source is
 * the run's {@code model} folder, and the alias. It logs in as the MLflow user of {@code MLFLOW_TRACKING_USERNAME}
 * and {@code MLFLOW_TRACKING_PASSWORD}, one that may write (bin/test exports training's); the serving application
 * under test reads as serving's own user ({@link #SERVING_LOGIN}).
 */
final class TestModels implements AfterAllCallback {

    static final String URL = System.getProperty("mlflow.url", "http://127.0.0.1:5000");
    /** Serving's MLflow user, which may only read: {@code MLFLOW_SERVING_USERNAME}/{@code _PASSWORD}, default bin/services'. */
    static final MlflowCredentials SERVING_LOGIN = MlflowCredentials.of(
            System.getenv().getOrDefault("MLFLOW_SERVING_USERNAME", "serving"),
            System.getenv().getOrDefault("MLFLOW_SERVING_PASSWORD", "movierec-serving-dev"));
    static final String CHAMPION = "champion";
    static final String PREDICTOR_CHAMPION = "predictor-champion";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MlflowRegistry registry = new MlflowRegistry(URL);
    private final MlflowArtifacts artifacts = new MlflowArtifacts(URL);
    private final String name = "movierec-serving-test-" + UUID.randomUUID();

    /** The serving application's MLflow server and serving's login, as properties of a test's application context. */
    static void servingMlflowProperties(DynamicPropertyRegistry registry) {
        registry.add("serving.model.tracking-uri", () -> URL);
        registry.add("serving.model.tracking-username", SERVING_LOGIN::username);
        registry.add("serving.model.tracking-password", SERVING_LOGIN::password);
    }

    /**
     * The properties of a test's application context that serve this registered model: its name, MLflow and serving's
     * login, polling once an hour (a test reloads when it needs to) and a cache folder of its own.
     */
    void servingProperties(DynamicPropertyRegistry registry) {
        registry.add("serving.model.name", this::name);
        servingMlflowProperties(registry);
        registry.add("serving.model.poll-interval", () -> "PT1H");
        registry.add("serving.model.cache-dir", () -> "target/model-cache-" + name);
    }

    String name() {
        return name;
    }

    /**
     * Fixture model 1: a one-factor MF over movies 1..8. Global mean 3.5, item biases 0.5, 0.4, ... -0.2,
     * factor +1 for movies 1-4 and -1 for 5-8, fold-in penalty 0.1: liking movies 1-4 lifts the others of 1-4.
     */
    static FactorModel factorModel() {
        IdIndex items = IdIndex.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8});
        float[] bias = {0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 0.0f, -0.1f, -0.2f};
        FloatMatrix factors = new FloatMatrix(8, 1, new float[] {1, 1, 1, 1, -1, -1, -1, -1});
        return new FactorModel(FactorModel.MF_TYPE, items, 3.5f, bias, factors, 0.1f, 0.5f, 5.0f);
    }

    /** Fixture model 2: popularity scores 1..8 for movies 1..8 (movie 8 first). */
    static PopularityModel popularityModel() {
        return new PopularityModel(IdIndex.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8}),
                new float[] {1, 2, 3, 4, 5, 6, 7, 8});
    }

    /**
     * Fixture model 3: EASE over movies 1..8 that models movies 1-4 only (5-8 score {@link EaseModel#UNMODELLED});
     * having rated movie 1 scores movies 2, 3, 4 at 0.5, 0.4, 0.3.
     */
    static EaseModel easeModelOfFirstFour() {
        return new EaseModel(IdIndex.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8}), new int[] {0, 3, 3, 3, 3, 3, 3, 3, 3},
                new int[] {1, 2, 3}, new float[] {0.5f, 0.4f, 0.3f}, new int[] {0, 1, 2, 3});
    }

    /** Saves the model into a new run with an evaluation holding {@code rmse} and registers it; returns the version. */
    int register(Recommender model, double rmse) throws IOException {
        return register(model, rmse, null);
    }

    /** The same with {@code content} saved into {@code model/content} as training does (none when null). */
    int register(Recommender model, double rmse, ContentIndex content) throws IOException {
        Path dir = Files.createTempDirectory("test-model");
        SavedModels.save(model, ModelManifest.of(model.type(), Map.of(), Instant.now()), dir.resolve("model"));
        if (content != null) {
            content.save(dir.resolve("model").resolve("content"));
        }
        Files.writeString(dir.resolve("evaluation.json"), "{\"model_type\":\"" + model.type()
                + "\",\"metrics\":{\"rmse\":" + rmse + "}}");
        return registerFolder(dir);
    }

    /** Registers a version whose {@code model.json} is not JSON. */
    int registerCorrupt() throws IOException {
        Path dir = Files.createTempDirectory("test-model");
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model").resolve(SavedModels.MANIFEST), "{\"format\": \"movierec-model\", ");
        Files.writeString(dir.resolve("model").resolve(SavedModels.ITEM_IDS), "garbage");
        return registerFolder(dir);
    }

    private int registerFolder(Path dir) throws IOException {
        try {
            return registerUploaded(dir);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private int registerUploaded(Path dir) {
        JsonNode run = post("runs/create", Map.of("experiment_id", "0", "start_time", System.currentTimeMillis()))
                .path("run").path("info");
        String runId = run.path("run_id").asString();
        String artifactUri = run.path("artifact_uri").asString();
        artifacts.uploadDirectory(dir, artifactUri);
        registry.createRegisteredModel(name);
        return registry.createModelVersion(name, MlflowArtifacts.resolve(artifactUri, "model"), runId, Map.of())
                .version();
    }

    String runIdOf(int version) {
        return registry.getModelVersion(name, version).runId();
    }

    void champion(int version) {
        registry.setAlias(name, CHAMPION, version);
    }

    /** Points the rating predictor's alias at {@code version}. */
    void predictorChampion(int version) {
        registry.setAlias(name, PREDICTOR_CHAMPION, version);
    }

    void delete() {
        registry.deleteRegisteredModel(name);
    }

    /** As a test class's {@code @RegisterExtension}: deletes the registered model after the class's tests. */
    @Override
    public void afterAll(ExtensionContext context) {
        delete();
    }

    private static JsonNode post(String path, Map<String, ?> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(URL + "/api/2.0/mlflow/" + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            MlflowCredentials login = MlflowCredentials.fromEnvironment();
            if (login.present()) {
                request.header("Authorization", login.basicAuthorization());
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("MLflow " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("MLflow at " + URL + " is not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
