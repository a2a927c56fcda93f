package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testing.Polling;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A restart finding its cached model torn (a file changed since it was cached, as a crash of the machine during a
 * swap, or a full disk, can leave it; here one byte of the model's parameter array flipped, the size unchanged, which
 * the model would load with a wrong value): the
 * cached copy is refused, never served; with the registry reachable the version is fetched again and served, and
 * without it serving starts with no model (not ready) rather than a wrong one. The registry is the real MLflow
 * server ({@code -Dmlflow.url}).
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
class ModelCacheRecoveryTest {

    private static final String REFUSED = "The cached ranker is refused, and fetched from the registry again";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path cacheDir;

    @Test
    void aTornCachedModelIsRefusedAndTheVersionFetchedFromTheRegistryAgain(CapturedOutput output) throws Exception {
        TestModels models = new TestModels();
        try {
            int version = models.register(TestModels.factorModel(), 0.9);
            models.champion(version);
            try (ConfigurableApplicationContext app = start(models.name(), TestModels.URL)) {
                assertThat(Polling.await(() -> version(app) == version, Duration.ofSeconds(30))).isTrue();
            }

            Path torn = flipAByteOfTheModelsParameters(models.name());
            int mark = output.getOut().length();
            try (ConfigurableApplicationContext app = start(models.name(), TestModels.URL)) {
                assertThat(Polling.await(() -> version(app) == version, Duration.ofSeconds(30)))
                        .as("version %d served", version).isTrue();
                String log = output.getOut().substring(mark);
                assertThat(log).contains(REFUSED).contains("does not match its checksum")
                        .contains("Serving " + models.name() + " version " + version + " as the ranker")
                        .doesNotContain("from the cache");
            }
            assertThat(torn).as("the refused folder deleted").doesNotExist();

            flipAByteOfTheModelsParameters(models.name());
            int secondMark = output.getOut().length();
            try (ConfigurableApplicationContext app = start(models.name(), "http://127.0.0.1:9")) {
                assertThat(Polling.await(() -> output.getOut().substring(secondMark).contains(REFUSED),
                        Duration.ofSeconds(30)))
                        .as("the torn copy refused with the registry down").isTrue();
                Thread.sleep(1_000);
                assertThat(version(app)).as("no model served rather than a torn one").isZero();
            }
        } finally {
            models.delete();
        }
    }

    /**
     * Flips one bit of the last byte of the cached version's parameter array (the factor model's params.f32: the high
     * byte of its last float, little-endian); answers the cached folder.
     */
    private Path flipAByteOfTheModelsParameters(String modelName) throws Exception {
        Path root = cacheDir.resolve(modelName);
        Path folder = root.resolve(Files.readString(root.resolve("current")).strip());
        Path params = folder.resolve("model").resolve("params.f32");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(params, bytes);
        return folder;
    }

    private ConfigurableApplicationContext start(String modelName, String trackingUri) {
        return new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + System.getProperty("test.db.url",
                        "jdbc:postgresql://localhost:5432/movies_test"),
                "--serving.model.name=" + modelName, "--serving.model.tracking-uri=" + trackingUri,
                "--serving.model.cache-dir=" + cacheDir, "--serving.model.poll-interval=PT1H");
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
}
