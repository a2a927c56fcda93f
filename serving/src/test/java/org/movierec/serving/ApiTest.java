package org.movierec.serving;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the API tests: the whole application on a random port, called over real HTTP, against
 * the real PostgreSQL test database ({@code -Dtest.db.url}); users, ratings and movies start empty,
 * with three fixture movies. The users are truncated behind the application's back between tests, so it reads the
 * token generations on every request ({@code revocation-check} 0: nothing cached outlives a truncation), and the
 * tests log in wrongly and sign up far more often than people do, so the limits on both are out of the way
 * ({@code LoginLimitsTest} tests them with their own settings).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${test.db.url:jdbc:postgresql://localhost:5432/movies_test}",
        "serving.admin.username=" + ApiTest.ADMIN,
        "serving.admin.password=" + ApiTest.ADMIN_PASSWORD,
        "serving.token.secret=" + ApiTest.TOKEN_SECRET,
        "serving.model.name=movierec-none-for-api-tests",
        "serving.model.cache-dir=target/model-cache-api-tests",
        "serving.token.revocation-check=PT0S",
        "serving.login.failures-per-account=1000000", "serving.login.failures-per-address=1000000",
        "serving.login.sign-ups-per-address=1000000"})
@Tag("integration")
abstract class ApiTest {

    static final String ADMIN = "root-admin";
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String TOKEN_SECRET = "a-token-signing-secret-for-the-tests-only";

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private RestClient http;

    /** An HTTP answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
    record Reply(int status, HttpHeaders headers, JsonNode body, String text) {

        String detail() {
            return body == null ? null : body.path("detail").asString();
        }

        /** The fields the problem detail's {@code errors} name. */
        java.util.List<String> fields() {
            return body.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        }
    }

    /** Credentials: an e-mail and password for HTTP Basic, or a bearer token ({@link #bearer}). */
    record Login(String username, String password) {

        static Login bearer(String token) {
            return new Login(null, token);
        }

        String authorization() {
            return username == null ? "Bearer " + password
                    : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes());
        }
    }

    static final Login ANONYMOUS = null;
    static final Login ADMIN_LOGIN = new Login(ADMIN, ADMIN_PASSWORD);

    @BeforeEach
    void emptyTables() {
        jdbc.execute("truncate users, ratings, tags, movies, movie_rating_stats");
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(1, 'Toy Story', 'toy story', 1995, '{adventure,animation}'), "
                + "(2, 'Jumanji', 'jumanji', 1995, '{adventure}'), "
                + "(3, 'Heat', 'heat', 1995, '{action,crime}'), "
                + "(4, 'Sabrina', 'sabrina', 1995, '{comedy}')");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /**
     * What the ingestion does after it loads ratings: rebuilds each movie's figures ({@code movie_rating_stats})
     * from the {@code ratings} table, for tests that write ratings straight into it.
     */
    void ratingsIngested() {
        jdbc.queryForObject("select rebuild_movie_rating_stats()", Long.class);
    }

    Reply call(HttpMethod method, String path, Login login, String body) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (login != null) {
            request.header(HttpHeaders.AUTHORIZATION, login.authorization());
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, response) -> {
            String text = new String(response.getBody().readAllBytes());
            JsonNode node = null;
            if (!text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                node = json.readTree(text);
            }
            return new Reply(response.getStatusCode().value(), response.getHeaders(), node, text);
        });
    }

    Reply get(String path, Login login) {
        return call(HttpMethod.GET, path, login, null);
    }

    String toJson(Map<String, ?> body) {
        return json.writeValueAsString(body);
    }

    /** Signs a user up and returns their id. */
    long signUp(String name, String email, String password) {
        Reply reply = call(HttpMethod.POST, "/api/users", ANONYMOUS,
                toJson(Map.of("name", name, "email", email, "password", password)));
        if (reply.status() != 201) {
            throw new AssertionError("sign-up of " + email + " answered " + reply.status() + ": " + reply.text());
        }
        return reply.body().path("id").asLong();
    }
}
