package org.movierec.mlflow;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP transport to an MLflow tracking server: JSON calls, file transfers, error decoding and a small
 * bounded retry. A request that never reached the server (connection refused, connect time-out) is tried
 * again; a 5xx answer is tried again for GET, PUT, PATCH and DELETE, which MLflow treats as idempotent; a 4xx answer
 * never is. With {@link MlflowCredentials} every request carries them as HTTP Basic credentials (the artifact proxy's
 * uploads and downloads too); a 401 or 403 answer says which variables name the MLflow user.
 */
final class MlflowHttp {

    static final String API = "/api/2.0/";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration JSON_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;
    private final MlflowCredentials credentials;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private final int attempts;
    private final Duration backoff;

    MlflowHttp(String baseUrl, MlflowCredentials credentials) {
        this(baseUrl, credentials, 3, Duration.ofMillis(500));
    }

    MlflowHttp(String baseUrl, int attempts, Duration backoff) {
        this(baseUrl, MlflowCredentials.NONE, attempts, backoff);
    }

    MlflowHttp(String baseUrl, MlflowCredentials credentials, int attempts, Duration backoff) {
        this.baseUrl = normalize(baseUrl);
        this.credentials = Objects.requireNonNull(credentials, "credentials (MlflowCredentials.NONE for none)");
        this.attempts = attempts;
        this.backoff = backoff;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    private static String normalize(String baseUrl) {
        URI uri;
        try {
            uri = baseUrl == null ? null : URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    "MLflow tracking URL: expected an http(s) URL such as http://127.0.0.1:5000, got '" + baseUrl + "'");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonMapper json() {
        return json;
    }

    /** Fails at once, without retries, when the server does not answer {@code GET /health} with 200. */
    void ping() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(PING_TIMEOUT).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable("GET", "/health", e);
        } catch (InterruptedException e) {
            throw interrupted("GET", "/health", e);
        }
        if (response.statusCode() != 200) {
            throw new MlflowException("MLflow tracking server at " + baseUrl + " is not healthy: GET /health answered HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()), response.statusCode(), null, null);
        }
    }

    JsonNode get(String path, Map<String, String> query) {
        return sendJson("GET", path + queryString(query), BodyPublishers.noBody());
    }

    JsonNode post(String path, Object body) {
        return sendJson("POST", path, BodyPublishers.ofString(json.writeValueAsString(body)));
    }

    /** A PATCH, which MLflow 3 uses to finalize a logged model and to update a model version. */
    JsonNode patch(String path, Object body) {
        return sendJson("PATCH", path, BodyPublishers.ofString(json.writeValueAsString(body)));
    }

    JsonNode delete(String path, Object body) {
        return sendJson("DELETE", path, BodyPublishers.ofString(json.writeValueAsString(body)));
    }

    /** Sends the file's bytes as the body of a PUT. */
    void putFile(String path, Path file) {
        BodyPublisher body;
        try {
            body = BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/octet-stream")
                .method("PUT", body);
        send("PUT", path, request, BodyHandlers.discarding());
    }

    /** Writes the answer to a GET into {@code target}, through a temporary file beside it. */
    void downloadTo(String path, Path target) {
        Path partial = null;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            partial = Files.createTempFile(parent, "." + target.getFileName(), ".part");
            send("GET", path, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), BodyHandlers.ofFile(partial));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MlflowException("MLflow GET " + path + ": cannot write " + target + ": " + e.getMessage(), 0, null, e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // best effort: only a leftover temporary file
                }
            }
        }
    }

    private JsonNode sendJson(String method, String path, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(JSON_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body);
        byte[] bytes = send(method, path, request, BodyHandlers.ofByteArray());
        try {
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (JacksonException e) {
            throw new MlflowException("MLflow " + method + " " + path + ": unreadable answer: " + e.getOriginalMessage(),
                    0, null, e);
        }
    }

    /** A 2xx answer's body, or a failed answer's text. */
    private record Answer<T>(T body, String error) {
    }

    /** Sends with the bounded retry; returns the body of a 2xx answer and turns the others into {@link MlflowException}. */
    private <T> T send(String method, String path, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        boolean idempotent = !"POST".equals(method);
        if (credentials.present()) {
            request.setHeader("Authorization", credentials.basicAuthorization());
        }
        HttpResponse.BodyHandler<Answer<T>> answers = info -> info.statusCode() / 100 == 2
                ? BodySubscribers.mapping(handler.apply(info), body -> new Answer<>(body, null))
                : BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8), text -> new Answer<>(null, text));
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<Answer<T>> response = client.send(request.build(), answers);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body().body();
                }
                if (status >= 500 && idempotent && attempt < attempts) {
                    pause(attempt, method, path);
                    continue;
                }
                throw error(method, path, status, response.body().error());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (attempt >= attempts) {
                    throw unreachable(method, path, e);
                }
                pause(attempt, method, path);
            } catch (IOException e) {
                throw unreachable(method, path, e);
            } catch (InterruptedException e) {
                throw interrupted(method, path, e);
            }
        }
    }

    private void pause(int attempt, String method, String path) {
        try {
            Thread.sleep(backoff.multipliedBy(attempt).toMillis());
        } catch (InterruptedException e) {
            throw interrupted(method, path, e);
        }
    }

    /** Decodes MLflow's {@code {"error_code", "message"}} answer, or FastAPI's {@code {"detail"}}. */
    MlflowException error(String method, String path, int status, String body) {
        String code = null;
        String message = abbreviate(body);
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                code = text(node, "error_code");
                String text = text(node, "message") != null ? text(node, "message") : text(node, "detail");
                if (text != null) {
                    message = text;
                }
            }
        } catch (JacksonException notJson) {
            // keep the raw body
        }
        return new MlflowException("MLflow " + method + " " + path + " failed: HTTP " + status
                + (code != null ? " " + code : "") + ": " + message + denial(status), status, code, null);
    }

    /** What a 401 or 403 of MLflow's basic-auth app means, and which settings to look at. */
    private String denial(int status) {
        String variables = MlflowCredentials.USERNAME_VARIABLE + " and " + MlflowCredentials.PASSWORD_VARIABLE;
        if (status == 401) {
            return credentials.present()
                    ? " (the tracking server at " + baseUrl + " refused the login of MLflow user '" + credentials.username()
                            + "': check " + variables + ")"
                    : " (the tracking server at " + baseUrl + " requires a login: set " + variables + ")";
        }
        if (status == 403 && credentials.present()) {
            return " (MLflow user '" + credentials.username() + "' (" + MlflowCredentials.USERNAME_VARIABLE
                    + ") lacks the permission for this)";
        }
        return "";
    }

    private MlflowException unreachable(String method, String path, Exception e) {
        return new MlflowException("MLflow tracking server at " + baseUrl + " is not reachable: " + reason(e)
                + " (" + method + " " + path + ")", 0, null, e);
    }

    /** The first message in the cause chain; the JDK client's ConnectException (connection refused) has none. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e instanceof ConnectException ? "cannot connect (ConnectException)" : e.getClass().getSimpleName();
    }

    private static MlflowException interrupted(String method, String path, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new MlflowException("MLflow " + method + " " + path + " interrupted", 0, null, e);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((key, value) -> joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
