package org.movierec.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error decoding and retries of the MLflow transport, against a local stand-in server. */
class MlflowHttpTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    @Test
    void mlflowErrorsNameMethodPathCodeAndMessageAndAreNotRetried() {
        answer(404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Registered Model with name=x not found\"}");
        MlflowRegistry registry = new MlflowRegistry(new MlflowHttp(url(), 3, Duration.ZERO));

        assertThatThrownBy(() -> registry.getModelVersion("x", 3))
                .isInstanceOf(MlflowException.class)
                .hasMessage("MLflow GET /api/2.0/mlflow/model-versions/get?" + queryOf("x", "3")
                        + " failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: Registered Model with name=x not found")
                .satisfies(e -> {
                    assertThat(((MlflowException) e).status()).isEqualTo(404);
                    assertThat(((MlflowException) e).errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
                });
        assertThat(requests).hasSize(1);
    }

    private static String queryOf(String name, String version) {
        // Map.of iterates in no fixed order: build the query the way the client does
        return MlflowHttp.queryString(Map.of("name", name, "version", version)).substring(1);
    }

    @Test
    void aMissingModelOrAliasIsEmptyButOtherErrorsAreThrown() {
        MlflowRegistry registry = new MlflowRegistry(new MlflowHttp(url(), 3, Duration.ZERO));
        answer(404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Registered Model with name=m not found\"}");
        assertThat(registry.getModelVersionByAlias("m", "champion")).isEmpty();

        answer(403, "{\"error_code\": \"PERMISSION_DENIED\", \"message\": \"no\"}");
        assertThatThrownBy(() -> registry.getModelVersionByAlias("m", "champion"))
                .hasMessageEndingWith("failed: HTTP 403 PERMISSION_DENIED: no");
    }

    @Test
    void serverErrorsOfIdempotentCallsAreRetriedABoundedNumberOfTimes() {
        answer(503, "upstream down");
        MlflowRegistry registry = new MlflowRegistry(new MlflowHttp(url(), 3, Duration.ZERO));

        assertThatThrownBy(() -> registry.searchModelVersions("m"))
                .hasMessageStartingWith("MLflow GET /api/2.0/mlflow/model-versions/search?")
                .hasMessageEndingWith("failed: HTTP 503: upstream down");
        assertThat(requests).hasSize(3);

        requests.clear();
        assertThatThrownBy(() -> registry.setAlias("m", "champion", 2))
                .hasMessage("MLflow POST /api/2.0/mlflow/registered-models/alias failed: HTTP 503: upstream down");
        assertThat(requests).as("a POST is not sent twice").hasSize(1);
    }

    @Test
    void theArtifactProxysFastApiErrorsAreDecodedToo() {
        answer(400, "{\"detail\":\"Artifact path refers to a directory, not a file: '1/r/artifacts/model'\"}");
        MlflowArtifacts artifacts = new MlflowArtifacts(new MlflowHttp(url(), 3, Duration.ZERO));

        assertThatThrownBy(() -> artifacts.downloadFile("mlflow-artifacts:/1/r/artifacts/model", java.nio.file.Path.of("target/never")))
                .hasMessage("MLflow GET /api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/model failed: HTTP 400: "
                        + "Artifact path refers to a directory, not a file: '1/r/artifacts/model'");
        assertThat(java.nio.file.Path.of("target/never")).doesNotExist();
    }

    @Test
    void anUnreachableServerIsReportedAfterTheRetriesAndPingFailsAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> new MlflowRegistry(closed).ping())
                .isInstanceOf(MlflowException.class)
                .hasMessage("MLflow tracking server at " + closed + " is not reachable: cannot connect (ConnectException) (GET /health)");
        assertThatThrownBy(() -> new MlflowRegistry(new MlflowHttp(closed, 2, Duration.ZERO)).createRegisteredModel("m"))
                .hasMessageStartingWith("MLflow tracking server at " + closed + " is not reachable: ")
                .hasMessageEndingWith("(POST /api/2.0/mlflow/registered-models/create)");
    }

    @Test
    void pingRequiresAHealthyAnswer() {
        answer(503, "starting");
        assertThatThrownBy(() -> new MlflowArtifacts(url()).ping())
                .hasMessage("MLflow tracking server at " + url() + " is not healthy: GET /health answered HTTP 503 starting");
        assertThat(requests).containsExactly("GET /health");

        answer(200, "OK");
        new MlflowArtifacts(url()).ping();
    }

    @Test
    void theBaseUrlMustBeAnHttpUrl() {
        assertThatThrownBy(() -> new MlflowRegistry("127.0.0.1:5000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MLflow tracking URL: expected an http(s) URL such as http://127.0.0.1:5000, got '127.0.0.1:5000'");
        assertThatThrownBy(() -> new MlflowRegistry("file:///tmp/mlruns")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MlflowHttp("http://127.0.0.1:5000/", MlflowCredentials.NONE).baseUrl()).isEqualTo("http://127.0.0.1:5000");
    }

    @Test
    void credentialsGoAsHttpBasicWithEveryRequestTransfersIncluded() throws IOException {
        MlflowCredentials training = MlflowCredentials.of("training", "pässword:with-colon");
        MlflowHttp http = new MlflowHttp(url(), training, 1, Duration.ZERO);
        answer(200, "{}");
        new MlflowRegistry(http).setAlias("m", "champion", 1);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("mlflow-http-test", ".bin");
        try {
            new MlflowArtifacts(http).uploadFile(file, "mlflow-artifacts:/1/run/artifacts/a.bin");
            answer(200, "x");
            new MlflowArtifacts(http).downloadFile("mlflow-artifacts:/1/run/artifacts/a.bin", file);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        // "training:pässword:with-colon" in UTF-8, Base64 (RFC 7617)
        assertThat(authorizations).hasSize(3).containsOnly("Basic dHJhaW5pbmc6cMOkc3N3b3JkOndpdGgtY29sb24=");

        authorizations.clear();
        answer(200, "{}");
        new MlflowRegistry(new MlflowHttp(url(), MlflowCredentials.NONE, 1, Duration.ZERO)).setAlias("m", "champion", 1);
        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void a401Or403NamesTheVariablesOfTheLogin() {
        answer(401, "You are not authenticated.");
        assertThatThrownBy(() -> new MlflowRegistry(new MlflowHttp(url(), MlflowCredentials.NONE, 1, Duration.ZERO))
                .getModelVersion("m", 1))
                .hasMessageStartingWith("MLflow GET /api/2.0/mlflow/model-versions/get?")
                .hasMessageEndingWith(" failed: HTTP 401: You are not authenticated. (the tracking server at " + url()
                        + " requires a login: set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)");
        MlflowHttp serving = new MlflowHttp(url(), MlflowCredentials.of("serving", "secret-password"), 1, Duration.ZERO);
        assertThatThrownBy(() -> new MlflowRegistry(serving).getModelVersion("m", 1))
                .hasMessageEndingWith("(the tracking server at " + url() + " refused the login of MLflow user 'serving':"
                        + " check MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)")
                .hasMessageNotContaining("secret-password");
        answer(403, "Permission denied");
        assertThatThrownBy(() -> new MlflowRegistry(serving).setAlias("m", "champion", 2))
                .isInstanceOf(MlflowException.class)
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(403))
                .hasMessage("MLflow POST /api/2.0/mlflow/registered-models/alias failed: HTTP 403: Permission denied"
                        + " (MLflow user 'serving' (MLFLOW_TRACKING_USERNAME) lacks the permission for this)");
    }

    @Test
    void credentialsComeInPairsAndNeverShowThePassword() {
        assertThat(MlflowCredentials.fromEnvironment(Map.of())).isEqualTo(MlflowCredentials.NONE);
        assertThat(MlflowCredentials.of(" ", "")).isEqualTo(MlflowCredentials.NONE);
        MlflowCredentials training = MlflowCredentials.fromEnvironment(
                Map.of("MLFLOW_TRACKING_USERNAME", "training", "MLFLOW_TRACKING_PASSWORD", "secret-password"));
        assertThat(training.present()).isTrue();
        assertThat(training.username()).isEqualTo("training");
        assertThat(training.toString()).doesNotContain("secret-password").contains("training");
        assertThatThrownBy(() -> MlflowCredentials.fromEnvironment(Map.of("MLFLOW_TRACKING_USERNAME", "training")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MLflow credentials: set both MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or neither"
                        + " (MLFLOW_TRACKING_PASSWORD is empty)");
        assertThatThrownBy(() -> MlflowCredentials.of(null, "secret-password"))
                .hasMessageEndingWith("(MLFLOW_TRACKING_USERNAME is empty)");
        assertThatThrownBy(() -> MlflowCredentials.of("a:b", "secret-password"))
                .hasMessage("MLFLOW_TRACKING_USERNAME: an HTTP Basic user name cannot contain ':'");
    }
}
