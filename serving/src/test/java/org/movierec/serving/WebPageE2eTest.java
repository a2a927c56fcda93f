package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web page end to end in a real browser: {@code src/test/e2e/web-page.mjs} drives headless Chromium
 * (Debian's {@code /usr/bin/chromium}, or {@code $CHROMIUM}) through playwright-core against this application on
 * a random port, the real PostgreSQL and a model registered in the real MLflow server (the one-factor MF of
 * {@link TestModels#factorModel()} with the content index of {@link SimilarAndPredictionApiTest#contentIndex()}).
 * The script signs up, rates three titles, sees the recommendations change from cold start to the model's, looks
 * at similar titles and an insight, and saves screenshots under {@code target/e2e-screenshots}. It fails, never
 * skips, when Node, playwright-core ({@code npm ci} in {@code src/test/e2e}, which {@code bin/test} runs) or the
 * browser is missing.
 */
class WebPageE2eTest extends ApiTest {

    @RegisterExtension
    static final TestModels MODELS = new TestModels();
    private static final Path E2E = Path.of("src/test/e2e");
    private static final Path SCREENSHOTS = Path.of("target/e2e-screenshots");

    @LocalServerPort
    private int port;

    @BeforeAll
    static void registerModel() throws Exception {
        MODELS.champion(MODELS.register(TestModels.factorModel(), 0.91, SimilarAndPredictionApiTest.contentIndex()));
    }

    @DynamicPropertySource
    static void modelSettings(DynamicPropertyRegistry registry) {
        MODELS.servingProperties(registry);
    }

    /** Movies 1..8; MovieLens ratings that put Se7en and Alien first in the cold-start ranking; platforms. */
    @BeforeEach
    void fixtures() {
        jdbc.execute("truncate catalog_titles, catalog_title_movies, movie_links");
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(5, 'Alien', 'alien', 1979, '{Horror,Sci-Fi}'), "
                + "(6, 'Amelie', 'amelie', 2001, '{Comedy,Romance}'), "
                + "(7, 'Up', 'up', 2009, '{Adventure,Animation}'), "
                + "(8, 'Se7en', 'se7en', 1995, '{Crime,Thriller}')");
        jdbc.update("insert into users (user_id) values (1), (2), (3)");
        jdbc.update("insert into ratings (user_id, movie_id, rating, rated_at) values "
                + "(1, 8, 5, now()), (2, 8, 5, now()), (3, 8, 4.5, now()), (1, 5, 5, now()), (2, 5, 4.5, now()), "
                + "(1, 1, 3, now()), (2, 2, 2.5, now()), (3, 3, 3, now()), (3, 4, 2, now()), (1, 6, 3, now()), "
                + "(2, 7, 3.5, now())");
        ratingsIngested();
        jdbc.update("insert into catalog_titles (title_id, platform, show_id, type, title, title_key, rating) values "
                + "('ns1', 'netflix', 's1', 'movie', 'heat', 'heat', 'r'), "
                + "('as1', 'amazon', 's1', 'movie', 'heat', 'heat', 'r'), "
                + "('hs1', 'hulu', 's1', 'movie', 'up', 'up', 'g'), "
                + "('ns2', 'netflix', 's2', 'movie', 'se7en', 'se7en', 'r'), "
                + "('ds1', 'disney', 's1', 'tv show', 'the mandalorian', 'mandalorian the', 'tv-14')");
        jdbc.update("insert into catalog_title_movies (title_id, movie_id) values "
                + "('ns1', 3), ('as1', 3), ('hs1', 7), ('ns2', 8)");
        Reply reload = call(HttpMethod.POST, "/api/model/reload", ADMIN_LOGIN, null);
        assertThat(reload.status()).as(reload.text()).isEqualTo(200);
        assertThat(reload.body().path("model").path("loaded").asBoolean()).as(reload.text()).isTrue();
    }

    @Test
    void aNewUserRatesThreeTitlesAndGetsTheModelsRecommendations() throws Exception {
        assertThat(E2E.resolve("node_modules/playwright-core")).as("playwright-core is installed: run "
                + "`npm ci` in serving/src/test/e2e (bin/test does)").isDirectory();
        Path log = Files.createDirectories(Path.of("target")).resolve("e2e-web-page.log");
        Process node = new ProcessBuilder("node", "web-page.mjs", "http://localhost:" + port,
                SCREENSHOTS.toAbsolutePath().toString())
                .directory(E2E.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = node.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            node.destroyForcibly();
        }
        String output = read(log);
        System.out.println(output);
        assertThat(ended).as("the browser test ended within 3 minutes:%n%s", output).isTrue();
        assertThat(node.exitValue()).as("the browser test's exit code:%n%s", output).isZero();
        assertThat(SCREENSHOTS.resolve("desktop.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("phone.png")).isNotEmptyFile();
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
