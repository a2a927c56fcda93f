package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two serving instances over the same PostgreSQL ({@code movies_test}), as two whole applications on their own ports
 * with the same token signing key and the default settings otherwise ({@code serving.token.revocation-check} one
 * second): a token, or a password remembered, ended on one instance is refused by the other within the interval.
 */
@Tag("integration")
class RevocationReplicasTest {

    private static final String SECRET = "a-token-signing-secret-for-the-replica-tests";
    /** The default revocation-check, and what a request may take on top of it on a loaded machine. */
    private static final Duration WITHIN = Duration.ofMillis(1_000 + 1_500);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        a = start("a");
        b = start("b");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {a, b}) {
            if (app != null) {
                app.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(String name) {
        return new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + System.getProperty("test.db.url",
                        "jdbc:postgresql://localhost:5432/movies_test"),
                "--serving.token.secret=" + SECRET,
                "--serving.model.name=movierec-none-for-revocation-tests",
                "--serving.model.cache-dir=target/model-cache-revocation-" + name);
    }

    private record Account(long id, String email, String password) {
    }

    private Account signUp(String password) throws Exception {
        String email = "replica-" + System.nanoTime() + "@example.org";
        HttpResponse<String> created = send(a, "POST", "/api/users", null, "{\"name\": \"R\", \"email\": \"" + email
                + "\", \"password\": \"" + password + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Account(JSON.readTree(created.body()).path("id").asLong(), email, password);
    }

    private String token(ConfigurableApplicationContext app, Account account) throws Exception {
        HttpResponse<String> issued = send(app, "POST", "/api/auth/token", basic(account.email(), account.password()),
                null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        return "Bearer " + JSON.readTree(issued.body()).path("accessToken").asString();
    }

    private static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Asks GET /api/users/{id} on b until it is a 401, at most {@link #WITHIN}: how long that took. */
    private Duration refusedOnB(Account account, String authorization) throws Exception {
        long started = System.nanoTime();
        long deadline = started + WITHIN.toNanos();
        int status;
        do {
            status = send(b, "GET", "/api/users/" + account.id(), authorization, null).statusCode();
            if (status != 401) {
                Thread.sleep(20);
            }
        } while (status != 401 && System.nanoTime() < deadline);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(status).as("b's answer %s after the change on a", took).isEqualTo(401);
        return took;
    }

    @Test
    void aLogoutOnOneInstanceEndsTheTokenOnTheOther() throws Exception {
        Account account = signUp("replica-password");
        String token = token(a, account);
        assertThat(send(b, "GET", "/api/users/" + account.id(), token, null).statusCode()).isEqualTo(200);

        assertThat(send(a, "POST", "/api/auth/logout", token, null).statusCode()).isEqualTo(204);
        assertThat(send(a, "GET", "/api/users/" + account.id(), token, null).statusCode()).as("on a, at once")
                .isEqualTo(401);
        System.out.printf("logout on a: the token refused on b %d ms later%n", refusedOnB(account, token).toMillis());
    }

    @Test
    void aPasswordChangeOnOneInstanceEndsTheTokenAndTheRememberedPasswordOnTheOther() throws Exception {
        Account account = signUp("replica-password");
        String token = token(b, account);
        String password = basic(account.email(), account.password());
        assertThat(send(b, "GET", "/api/users/" + account.id(), token, null).statusCode()).isEqualTo(200);
        assertThat(send(b, "GET", "/api/users/" + account.id(), password, null).statusCode())
                .as("the password, now remembered on b").isEqualTo(200);

        assertThat(send(a, "PATCH", "/api/users/" + account.id(), password, "{\"password\": \"another-password\"}")
                .statusCode()).isEqualTo(200);
        System.out.printf("password change on a: the token refused on b %d ms later, the old password %d ms later%n",
                refusedOnB(account, token).toMillis(), refusedOnB(account, password).toMillis());
        assertThat(send(b, "GET", "/api/users/" + account.id(), basic(account.email(), "another-password"), null)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aDeletionOnOneInstanceEndsTheTokenOnTheOther() throws Exception {
        Account account = signUp("replica-password");
        String token = token(a, account);
        assertThat(send(b, "GET", "/api/users/" + account.id(), token, null).statusCode()).isEqualTo(200);

        assertThat(send(a, "DELETE", "/api/users/" + account.id(), token, null).statusCode()).isEqualTo(204);
        System.out.printf("deletion on a: the token refused on b %d ms later%n", refusedOnB(account, token).toMillis());
    }

    private HttpResponse<String> send(ConfigurableApplicationContext app, String method, String path,
            String authorization, String json) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
