package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two serving instances over the same PostgreSQL ({@code movies_test}) and the real MLflow server, as two whole
 * applications on their own ports, each with its own model cache. They poll the registry only once an hour, so a new
 * champion reaches the second one within seconds only if the first one tells it (PostgreSQL NOTIFY, heard by LISTEN).
 */
@Tag("integration")
class ReplicasTest {

    private static final String ADMIN = "replicas-admin";
    private static final String PASSWORD = "replicas-admin-password";
    /** How soon the other instance must serve the new version. */
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestModels models = new TestModels();
    private int first;

    @TempDir
    Path cacheOfA;
    @TempDir
    Path cacheOfB;

    @BeforeEach
    void champion() throws Exception {
        first = models.register(TestModels.factorModel(), 0.9);
        models.champion(first);
    }

    @AfterEach
    void deleteModel() {
        models.delete();
    }

    private ConfigurableApplicationContext start(Path cacheDir, String pollInterval) {
        return new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + System.getProperty("test.db.url",
                        "jdbc:postgresql://localhost:5432/movies_test"),
                "--serving.admin.username=" + ADMIN, "--serving.admin.password=" + PASSWORD,
                "--serving.model.name=" + models.name(), "--serving.model.tracking-uri=" + TestModels.URL,
                "--serving.model.tracking-username=" + TestModels.SERVING_LOGIN.username(),
                "--serving.model.tracking-password=" + TestModels.SERVING_LOGIN.password(),
                "--serving.model.cache-dir=" + cacheDir, "--serving.model.poll-interval=" + pollInterval);
    }

    @Test
    void aReloadOnOneInstanceReachesTheOther() throws Exception {
        try (ConfigurableApplicationContext a = start(cacheOfA, "PT1H");
             ConfigurableApplicationContext b = start(cacheOfB, "PT1H")) {
            assertThat(awaitVersion(a, first, Duration.ofSeconds(30))).isEqualTo(first);
            assertThat(awaitVersion(b, first, Duration.ofSeconds(30))).isEqualTo(first);
            int second = models.register(TestModels.popularityModel(), 1.1);
            models.champion(second);
            assertThat(version(b)).as("b polls once an hour").isEqualTo(first);

            long started = System.nanoTime();
            JsonNode reload = call(a, "POST", "/api/model/reload");
            assertThat(reload.path("outcome").asString()).isEqualTo("LOADED");
            assertThat(reload.path("model").path("version").asInt()).isEqualTo(second);
            assertThat(awaitVersion(b, second, WITHIN)).as("b's version %s after the reload on a", WITHIN)
                    .isEqualTo(second);
            System.out.printf("b served version %d %d ms after the reload on a was asked for%n", second,
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(call(b, "GET", "/api/model").path("type").asString()).isEqualTo("popularity");
        }
    }

    @Test
    void aNewVersionOneInstanceFindsByPollingReachesTheOther() throws Exception {
        try (ConfigurableApplicationContext a = start(cacheOfA, "PT0.5S");
             ConfigurableApplicationContext b = start(cacheOfB, "PT1H")) {
            assertThat(awaitVersion(a, first, Duration.ofSeconds(30))).isEqualTo(first);
            assertThat(awaitVersion(b, first, Duration.ofSeconds(30))).isEqualTo(first);
            int second = models.register(TestModels.popularityModel(), 1.1);
            models.champion(second);
            assertThat(awaitVersion(a, second, WITHIN)).isEqualTo(second);
            assertThat(awaitVersion(b, second, WITHIN)).as("b's version %s after a's poll found it", WITHIN)
                    .isEqualTo(second);
        }
    }

    /** GET /api/model until it names {@code version}; the version served then, 0 for none. */
    private int awaitVersion(ConfigurableApplicationContext app, int version, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int served = version(app);
        while (served != version && System.nanoTime() < deadline) {
            Thread.sleep(50);
            served = version(app);
        }
        return served;
    }

    private int version(ConfigurableApplicationContext app) throws Exception {
        JsonNode model = call(app, "GET", "/api/model");
        return model.path("loaded").asBoolean() ? model.path("version").asInt() : 0;
    }

    private JsonNode call(ConfigurableApplicationContext app, String method, String path) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
