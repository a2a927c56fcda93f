package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.mlflow.MlflowRegistry;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-up without a model: with none registered the app serves cold-start answers and says so; with MLflow
 * unreachable it serves the version cached by an earlier run. Each case starts the whole application on a
 * random port against {@code movies_test} and the real MLflow server.
 */
@Tag("integration")
class ModelStartupTest {

    private static final String ADMIN = "startup-admin";
    private static final String PASSWORD = "startup-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path cacheDir;

    private ConfigurableApplicationContext start(String modelName, String trackingUri) {
        return start(modelName, trackingUri, "PT1H");
    }

    private ConfigurableApplicationContext start(String modelName, String trackingUri, String pollInterval) {
        return new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + System.getProperty("test.db.url",
                        "jdbc:postgresql://localhost:5432/movies_test"),
                "--serving.admin.username=" + ADMIN, "--serving.admin.password=" + PASSWORD,
                "--serving.model.name=" + modelName, "--serving.model.tracking-uri=" + trackingUri,
                "--serving.model.tracking-username=" + TestModels.SERVING_LOGIN.username(),
                "--serving.model.tracking-password=" + TestModels.SERVING_LOGIN.password(),
                "--serving.model.cache-dir=" + cacheDir, "--serving.model.poll-interval=" + pollInterval);
    }

    private JsonNode call(ConfigurableApplicationContext app, String method, String path, int expectedStatus)
            throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    /** GET /api/model until it names a model (the start-up load runs in the background), at most 30 s. */
    private JsonNode awaitModel(ConfigurableApplicationContext app) throws Exception {
        return awaitVersion(app, 0);
    }

    /** GET /api/model until it names a model of a version other than {@code other}, at most 30 s. */
    private JsonNode awaitVersion(ConfigurableApplicationContext app, int other) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode model = call(app, "GET", "/api/model", 200);
        while ((!model.path("loaded").asBoolean() || model.path("version").asInt() == other)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            model = call(app, "GET", "/api/model", 200);
        }
        return model;
    }

    @Test
    void withNoModelRegisteredTheAppServesColdStartAnswersAndSaysSo() throws Exception {
        try (ConfigurableApplicationContext app = start("movierec-never-registered-" + UUID.randomUUID(),
                TestModels.URL)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            jdbc.execute("truncate users, ratings, tags, movies");
            jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                    + "(1, 'Toy Story', 'toy story', 1995, '{animation}'), (2, 'Jumanji', 'jumanji', 1995, '{}'), "
                    + "(3, 'Heat', 'heat', 1995, '{crime}')");
            jdbc.update("insert into users (user_id) values (42), (43)");
            // user 43: movie 1 at 5.0, movie 2 at 4.0; user 42 rated movie 1 (1.0), which it must not be offered
            jdbc.update("insert into ratings (user_id, movie_id, rating, rated_at) values "
                    + "(43, 1, 5.0, now()), (43, 2, 4.0, now()), (42, 1, 1.0, now())");
            jdbc.queryForObject("select rebuild_movie_rating_stats()", Long.class);   // as the ingestion does

            JsonNode reload = call(app, "POST", "/api/model/reload", 200);
            assertThat(reload.path("outcome").asString()).isEqualTo("NO_VERSION");
            JsonNode model = call(app, "GET", "/api/model", 200);
            assertThat(model.path("loaded").asBoolean()).isFalse();
            assertThat(model.path("message").asString()).contains("No ranker is loaded");
            assertThat(model.path("predictor").path("loaded").asBoolean()).isFalse();
            assertThat(call(app, "GET", "/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");

            JsonNode answer = call(app, "GET", "/api/users/42/recommendations", 200);
            assertThat(answer.path("strategy").asString()).isEqualTo("cold-start");
            // movie 2 is liked once (4.0); movie 3 has no ratings and is not ranked
            assertThat(answer.path("items").valueStream().map(i -> i.path("movieId").asInt())).containsExactly(2);
            assertThat(answer.path("items").get(0).path("score").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void byDefaultTheAppListensOnLoopbackOnly() throws Exception {
        try (ConfigurableApplicationContext app = start("movierec-never-registered-" + UUID.randomUUID(),
                TestModels.URL)) {
            assertThat(app.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            call(app, "GET", "/actuator/health/liveness", 200);
            // every other address of this machine is refused (a machine with loopback only has none to try)
            for (InetAddress address : Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses).filter(a -> !a.isLoopbackAddress()).toList()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 2000);
                    }
                }).as("connecting to %s:%d", address, port).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void withMlflowDownTheVersionCachedByAnEarlierRunIsServed() throws Exception {
        TestModels models = new TestModels();
        try {
            int version = models.register(TestModels.factorModel(), 0.87);
            models.champion(version);
            try (ConfigurableApplicationContext first = start(models.name(), TestModels.URL)) {
                assertThat(awaitModel(first).path("version").asInt()).isEqualTo(version);
            }
            assertThat(hasCachedPointer()).isTrue();
            try (ConfigurableApplicationContext second = start(models.name(), "http://127.0.0.1:9")) {
                JsonNode model = awaitModel(second);
                assertThat(model.path("loaded").asBoolean()).isTrue();
                assertThat(model.path("version").asInt()).isEqualTo(version);
                assertThat(model.path("runId").asString()).isEqualTo(models.runIdOf(version));
                assertThat(model.path("metrics").path("rmse").asDouble()).isEqualTo(0.87);
                JsonNode reload = call(second, "POST", "/api/model/reload", 200);
                assertThat(reload.path("outcome").asString()).isEqualTo("UNREACHABLE");
                assertThat(reload.path("model").path("version").asInt()).isEqualTo(version);
            }
        } finally {
            models.delete();
        }
    }

    @Test
    void withMlflowDownBothRolesOfOneVersionAreServedFromTheCache() throws Exception {
        TestModels models = new TestModels();
        try {
            int version = models.register(TestModels.factorModel(), 0.87);
            models.champion(version);
            models.predictorChampion(version);
            try (ConfigurableApplicationContext first = start(models.name(), TestModels.URL)) {
                JsonNode model = awaitBothRoles(first);
                assertThat(model.path("version").asInt()).isEqualTo(version);
                assertThat(model.path("predictor").path("version").asInt()).isEqualTo(version);
            }
            try (ConfigurableApplicationContext second = start(models.name(), "http://127.0.0.1:9")) {
                JsonNode model = awaitBothRoles(second);
                assertThat(model.path("version").asInt()).isEqualTo(version);
                assertThat(model.path("predictor").path("loaded").asBoolean()).as(model.toString()).isTrue();
                assertThat(model.path("predictor").path("version").asInt()).isEqualTo(version);
                assertThat(model.path("predictor").path("metrics").path("rmse").asDouble()).isEqualTo(0.87);
            }
        } finally {
            models.delete();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRemovedAliasLeavesTheVersionLoadedBeforeServingAndSaysSoOnce(CapturedOutput output) throws Exception {
        TestModels models = new TestModels();
        try {
            int version = models.register(TestModels.factorModel(), 0.87);
            models.champion(version);
            models.predictorChampion(version);
            try (ConfigurableApplicationContext app = start(models.name(), TestModels.URL)) {
                awaitBothRoles(app);
                new MlflowRegistry(TestModels.URL).deleteAlias(models.name(), TestModels.CHAMPION);
                JsonNode reload = call(app, "POST", "/api/model/reload", 200);
                assertThat(reload.path("outcome").asString()).isEqualTo("NO_VERSION");
                assertThat(reload.path("predictor").path("outcome").asString()).isEqualTo("UNCHANGED");
                call(app, "POST", "/api/model/reload", 200);   // asked again: still gone, not logged again

                JsonNode model = call(app, "GET", "/api/model", 200);
                assertThat(model.path("loaded").asBoolean()).isTrue();
                assertThat(model.path("version").asInt()).isEqualTo(version);
                assertThat(model.path("aliasRemovedAt").asString()).isNotBlank();
                assertThat(model.path("message").asString()).contains("no version", "'champion'", "version " + version);
                assertThat(model.path("predictor").has("aliasRemovedAt")).isFalse();
                assertThat(call(app, "GET", "/actuator/health", 200).path("components").path("model").path("details")
                        .path("aliasRemovedAt").asString()).isEqualTo(model.path("aliasRemovedAt").asString());
                assertThat(output.getOut().split("under the alias champion any more", -1)).hasSize(2);
                assertThat(metrics(app)).contains("movierec_model_alias_removed{model=\"" + models.name()
                        + "\",role=\"ranker\"} 1.0", "movierec_model_alias_removed{model=\"" + models.name()
                        + "\",role=\"predictor\"} 0.0");

                models.champion(version);
                assertThat(call(app, "POST", "/api/model/reload", 200).path("outcome").asString())
                        .isEqualTo("UNCHANGED");
                JsonNode back = call(app, "GET", "/api/model", 200);
                assertThat(back.has("aliasRemovedAt")).as(back.toString()).isFalse();
                assertThat(back.has("message")).isFalse();
                assertThat(output.getOut()).contains("names version " + version + " again");
                assertThat(metrics(app)).contains("movierec_model_alias_removed{model=\"" + models.name()
                        + "\",role=\"ranker\"} 0.0");
            }
        } finally {
            models.delete();
        }
    }

    /** The Prometheus metrics, as text (the administrator's). */
    private String metrics(ConfigurableApplicationContext app) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** GET /api/model until both the ranker and the predictor are loaded, at most 30 s. */
    private JsonNode awaitBothRoles(ConfigurableApplicationContext app) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode model = call(app, "GET", "/api/model", 200);
        while (!(model.path("loaded").asBoolean() && model.path("predictor").path("loaded").asBoolean())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            model = call(app, "GET", "/api/model", 200);
        }
        return model;
    }

    @Test
    void theAliasIsPolledAndANewChampionServedWithoutAReload() throws Exception {
        TestModels models = new TestModels();
        try {
            int first = models.register(TestModels.factorModel(), 0.9);
            models.champion(first);
            try (ConfigurableApplicationContext app = start(models.name(), TestModels.URL, "PT0.5S")) {
                assertThat(awaitModel(app).path("version").asInt()).isEqualTo(first);
                // a movie ingested after the catalogue was read, then a model trained after it: the swap re-reads
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                jdbc.update("insert into movies (movie_id, title, title_key, year, genres) "
                        + "values (4242, 'Newcomer', 'newcomer', 2026, '{drama}') on conflict do nothing");
                call(app, "GET", "/api/movies/4242/similar", 404);
                int second = models.register(TestModels.popularityModel(), 1.1);
                models.champion(second);
                JsonNode model = awaitVersion(app, first);
                assertThat(model.path("version").asInt()).isEqualTo(second);
                assertThat(model.path("type").asString()).isEqualTo("popularity");
                assertThat(model.path("trainedAt").asString()).isNotBlank();
                assertThat(awaitStatus(app, "/api/movies/4242/similar", 200)).isEqualTo(200);
            } finally {
                deleteMovie(4242);
            }
        } finally {
            models.delete();
        }
    }

    /** The status of GET {@code path} once it is {@code expected}, or the last one after 30 s. */
    private int awaitStatus(ConfigurableApplicationContext app, String path, int expected) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        return status;
    }

    private static void deleteMovie(int movieId) {
        new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test"), "movies", "movies"))
                .update("delete from movies where movie_id = ?", movieId);
    }

    /** Whether the cache holds a {@code current} pointer for some model. */
    private boolean hasCachedPointer() throws Exception {
        try (var models = Files.list(cacheDir)) {
            return models.anyMatch(model -> Files.isRegularFile(model.resolve("current")));
        }
    }
}
