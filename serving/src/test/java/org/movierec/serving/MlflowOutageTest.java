package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testing.Polling;
import org.movierec.testing.TcpRelay;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MLflow registry going away while serving polls it five times a second, and coming back: the version loaded goes
 * on serving, the outage is logged once (not at each poll), its end once, and a new champion is loaded after it.
 * MLflow is the real server, reached through a {@link TcpRelay} the test stops and starts.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("integration")
class MlflowOutageTest {

    private static final String DOWN = "cannot be asked for";
    private static final String BACK = "answers again";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path cacheDir;

    @Test
    void aPollThatCannotReachTheRegistryKeepsTheModelAndIsLoggedOnceUntilItAnswers(CapturedOutput output)
            throws Exception {
        TestModels models = new TestModels();
        try (TcpRelay mlflow = new TcpRelay(TestModels.URL).start()) {
            int first = models.register(TestModels.factorModel(), 0.9);
            models.champion(first);
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ServingApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + System.getProperty("test.db.url",
                            "jdbc:postgresql://localhost:5432/movies_test"),
                    "--serving.model.name=" + models.name(), "--serving.model.tracking-uri=" + mlflow.url(),
                    "--serving.model.cache-dir=" + cacheDir, "--serving.model.poll-interval=PT0.2S")) {
                assertThat(Polling.await(() -> version(app) == first, Duration.ofSeconds(30))).as("version %d served", first)
                        .isTrue();

                mlflow.stop();
                // a poll caught mid-request by the stop may wait out MlflowHttp's 60 s request timeout before it fails
                assertThat(Polling.await(() -> output.getOut().contains(DOWN), Duration.ofSeconds(70)))
                        .as("the outage logged").isTrue();
                Thread.sleep(2_000);   // about ten polls of each role
                assertThat(version(app)).as("the version served while MLflow is down").isEqualTo(first);
                assertThat(occurrences(output.getOut(), DOWN)).as("lines saying MLflow cannot be asked").isEqualTo(1);

                mlflow.start();
                assertThat(Polling.await(() -> output.getOut().contains(BACK), Duration.ofSeconds(10)))
                        .as("its end logged").isTrue();
                int second = models.register(TestModels.popularityModel(), 1.1);
                models.champion(second);
                assertThat(Polling.await(() -> version(app) == second, Duration.ofSeconds(30)))
                        .as("version %d loaded once MLflow answers", second).isTrue();
                assertThat(occurrences(output.getOut(), DOWN)).isEqualTo(1);
                assertThat(occurrences(output.getOut(), BACK)).isEqualTo(1);
            }
        } finally {
            models.delete();
        }
    }

    /** The version GET /api/model names, 0 for none. */
    private int version(ConfigurableApplicationContext app) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = http.send(Traffic.request("http://localhost:" + port + "/api/model").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode model = JSON.readTree(response.body());
        return model.path("loaded").asBoolean() ? model.path("version").asInt() : 0;
    }

    private static int occurrences(String text, String part) {
        return text.split(part, -1).length - 1;
    }
}
