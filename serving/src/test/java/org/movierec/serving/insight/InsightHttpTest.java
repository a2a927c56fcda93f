package org.movierec.serving.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.jdbc.Sql;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Tag;

/**
 * The base of the insight tests: the whole application on a random port over the real PostgreSQL
 * test database ({@code -Dtest.db.url}, migrated by Flyway on start), the fixtures of
 * {@code insights/fixtures.sql} loaded before each test, and requests sent over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=${test.db.url:jdbc:postgresql://localhost:5432/movies_test}",
    "spring.datasource.username=${SPRING_DATASOURCE_USERNAME:movies}",
    "spring.datasource.password=${SPRING_DATASOURCE_PASSWORD:movies}",
    "serving.model.name=movierec-none-for-insight-tests",
    "serving.model.cache-dir=target/model-cache-insight-tests"})
@Sql("/insights/fixtures.sql")
@Tag("integration")
abstract class InsightHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** An answer: its status, its content type and its body as JSON (null when it is not JSON). */
    record Answer(int status, String contentType, String text) {
        JsonNode json() {
            return JSON.readTree(text);
        }
    }

    /** GET path with the query parameters given as name, value, name, value...; values URL-encoded. */
    Answer get(String path, String... parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < parameters.length; i += 2) {
            query.add(parameters[i] + "=" + URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return getRaw(path + query);
    }

    /** GET a path and query that must be a valid URI (already encoded). */
    Answer getRaw(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A 200 answer's JSON body. */
    JsonNode ok(String path, String... parameters) {
        Answer answer = get(path, parameters);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** A problem-details answer with the status, naming the parameter. */
    JsonNode problem(int status, String parameter, String path, String... parameters) {
        Answer answer = get(path, parameters);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode body = answer.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("parameter").asString()).isEqualTo(parameter);
        if (status == 400) {
            assertThat(body.path("detail").asString()).startsWith(parameter + ":");
        }
        return body;
    }
}
