package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.jdbc.Sql;

/**
 * The OpenAPI document tells the truth: Schemathesis ({@code bin/requirements/schemathesis.txt}, in the virtual
 * environment that {@code bin/schemathesis install} makes under MOVIEREC_HOME, which {@code bin/test} runs) reads
 * {@code /v3/api-docs} of this application, on a random port over the test database with the insight fixtures, and
 * sends every operation requests that the document allows and requests that it does not, with all its checks
 * ({@code --checks all}: no server error, every status, content type, header and body as documented, what the document
 * allows accepted and what it does not refused, authentication enforced, methods not documented answered 405 with
 * Allow) and a fixed seed; {@code src/test/schemathesis/schemathesis.toml} holds its settings, with the reason for each
 * exception. Operations that need credentials are sent the administrator's bearer token (so the stateful phase can
 * follow the users it signs up), the token endpoint a real user's e-mail and password. Any finding fails the test with
 * Schemathesis's own report (also in {@code target/schemathesis.log}). Fails, never skips, when the virtual
 * environment is missing or was made from another requirements file.
 */
@Sql("/insights/fixtures.sql")
class OpenApiFuzzTest extends ApiTest {

    /** The seed of every run, so a finding can be replayed. */
    static final int SEED = 42;
    /**
     * Test cases per operation and phase: about 2,200 requests, half a minute of Schemathesis on two cores; a longer
     * run with {@code -Dopenapi.fuzz.max-examples=N}.
     */
    static final int MAX_EXAMPLES = Integer.getInteger("openapi.fuzz.max-examples", 30);

    private static final Path REQUIREMENTS = Path.of("../bin/requirements/schemathesis.txt");
    private static final Path CONFIG = Path.of("src/test/schemathesis/schemathesis.toml");
    private static final Path LOG = Path.of("target/schemathesis.log");

    @LocalServerPort
    private int port;

    @Test
    void everyAnswerIsTheOneTheDocumentPromises() throws Exception {
        Path venv = venv();
        Login ada = new Login("ada@example.org", "analytical-engine");
        signUp("Ada", ada.username(), ada.password());
        Map<String, String> environment = Map.of(
                "MOVIEREC_FUZZ_ADMIN_TOKEN", token(ADMIN_LOGIN),
                "MOVIEREC_FUZZ_USER_BASIC", ada.authorization().substring("Basic ".length()));
        List<String> command = List.of(venv.resolve("bin/st").toString(), "--config-file",
                CONFIG.toAbsolutePath().toString(), "run",
                "http://localhost:" + port + "/v3/api-docs", "--checks", "all", "--seed", Integer.toString(SEED),
                "--max-examples", Integer.toString(MAX_EXAMPLES), "--workers", "1", "--generation-database", "none",
                "--no-color");
        Files.createDirectories(LOG.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile())
                .directory(LOG.getParent().toFile());   // Hypothesis keeps its own files in the working directory
        builder.environment().putAll(environment);
        Process st = builder.start();
        boolean ended = st.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            st.destroyForcibly();
        }
        String report = Files.readString(LOG, StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(ended).as("Schemathesis ended within 5 minutes:%n%s", report).isTrue();
        assertThat(st.exitValue()).as("Schemathesis's findings (exit code):%n%s", report).isZero();
    }

    private String token(Login login) {
        Reply reply = call(HttpMethod.POST, "/api/auth/token", login, null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body().path("accessToken").asString();
    }

    /** The virtual environment, made from the requirements file as it is now (its sha256 is kept in it). */
    private static Path venv() throws IOException, NoSuchAlgorithmException {
        String home = System.getenv("MOVIEREC_HOME");
        Path venv = (home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".local/share/movierec")
                : Path.of(home)).resolve("schemathesis-venv");
        String wanted = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(REQUIREMENTS)));
        Path stamp = venv.resolve(".requirements.sha256");
        assertThat(Files.isExecutable(venv.resolve("bin/st")) && Files.isRegularFile(stamp)
                && Files.readString(stamp).strip().equals(wanted))
                .as("Schemathesis is installed from %s in %s: run `bash bin/schemathesis install` (bin/test does)",
                        REQUIREMENTS, venv)
                .isTrue();
        return venv;
    }
}
