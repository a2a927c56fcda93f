package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testing.Polling;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serving started while PostgreSQL (the cluster of bin/pg-faults, {@link FaultCluster}) is stopped, and MLflow cannot
 * be reached either: it starts, live and not ready, serves the version cached by an earlier run, answers what needs
 * the database 503; when the database is started it applies the migrations, reads the catalogue and becomes ready by
 * itself.
 */
@Tag("integration")
class DatabaseAtStartTest {

    private static final String ADMIN = "faults-admin";
    private static final String PASSWORD = "faults-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path cacheDir;

    @Test
    void servingStartsWithoutTheDatabaseAndBecomesReadyWhenItComes() throws Exception {
        JdbcClient db = FaultCluster.ready();
        db.sql("truncate users, ratings, tags, movies, movie_rating_stats").update();
        db.sql("insert into movies (movie_id, title, title_key, year, genres) select n, 'Movie ' || n, 'movie ' || n, "
                + "1995, '{drama}' from generate_series(1, 8) n").update();
        db.sql("insert into users (user_id, origin, name) values (1, 'platform', 'Reader')").update();
        db.sql("insert into ratings (user_id, movie_id, rating, rated_at) values (1, 1, 5.0, now())").update();
        db.sql("select rebuild_movie_rating_stats()").query(Long.class).single();
        TestModels models = new TestModels();
        try {
            int version = models.register(TestModels.factorModel(), 0.87);
            models.champion(version);
            try (ConfigurableApplicationContext first = start(models.name(), TestModels.URL)) {
                assertThat(Polling.await(() -> get(first, "/api/model").path("version").asInt() == version,
                        Duration.ofSeconds(30))).as("version %d served by the first start", version).isTrue();
            }
            FaultCluster.stop();
            try (ConfigurableApplicationContext app = start(models.name(), "http://127.0.0.1:9")) {
                assertThat(Polling.await(() -> get(app, "/api/model").path("loaded").asBoolean(), Duration.ofSeconds(30)))
                        .as("the cached version loaded").isTrue();
                assertThat(get(app, "/api/model").path("version").asInt()).isEqualTo(version);
                assertThat(send(app, "/actuator/health/liveness").statusCode()).isEqualTo(200);
                assertThat(send(app, "/actuator/health/readiness").statusCode()).isEqualTo(503);
                HttpResponse<String> movie = send(app, "/api/movies/1");
                assertThat(movie.statusCode()).as(movie.body()).isEqualTo(503);
                assertThat(movie.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(JSON.readTree(movie.body()).path("detail").asString()).contains("database is unavailable");

                FaultCluster.start();
                long started = System.nanoTime();
                assertThat(Polling.await(() -> send(app, "/actuator/health/readiness").statusCode() == 200,
                        Duration.ofSeconds(30))).as("ready within 30 s of the database's start").isTrue();
                System.out.printf("ready %d ms after the database was started%n",
                        (System.nanoTime() - started) / 1_000_000);
                assertThat(get(app, "/api/movies/1").path("title").asString()).isEqualTo("Movie 1");
                JsonNode top = get(app, "/api/users/1/recommendations?n=3");
                assertThat(top.path("strategy").asString()).isEqualTo("model");
                assertThat(top.path("modelVersion").asInt()).isEqualTo(version);
                assertThat(top.path("items").size()).as("%s", top).isEqualTo(3);
            }
        } finally {
            if (!FaultCluster.answers()) {
                FaultCluster.start();
            }
            models.delete();
        }
    }

    private ConfigurableApplicationContext start(String modelName, String trackingUri) {
        return new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + FaultCluster.URL,
                "--serving.admin.username=" + ADMIN, "--serving.admin.password=" + PASSWORD,
                "--serving.model.name=" + modelName, "--serving.model.tracking-uri=" + trackingUri,
                "--serving.model.cache-dir=" + cacheDir, "--serving.model.poll-interval=PT1H");
    }

    private JsonNode get(ConfigurableApplicationContext app, String path) throws Exception {
        HttpResponse<String> response = send(app, path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * GET with the administrator's credentials, except for the public model and health endpoints, asked without
     * any: checking a login reads its token generation from the database (a login is answered 503 without it).
     */
    private HttpResponse<String> send(ConfigurableApplicationContext app, String path) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = Traffic.request("http://localhost:" + port + path);
        if (!path.startsWith("/api/model") && !path.startsWith("/actuator/health")) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
