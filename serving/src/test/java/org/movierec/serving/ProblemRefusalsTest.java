package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal is a problem detail, also those given before the API's controllers see the request: by Spring
 * Security's firewall (paths that are not normalised, methods it does not know), by Tomcat (headers over its limit, a
 * request line it cannot read, TRACE) and on the error page.
 */
class ProblemRefusalsTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void pathsThatAreNotNormalisedAre400ProblemDetails() {
        long ada = signUp("Ada", "ada@example.org", "analytical-engine");
        String basic = "Authorization: " + ADMIN_LOGIN.authorization();
        for (String target : new String[] {
                "/api/users/" + ada + "/../" + ada,
                "/api/users/" + ada + "/./ratings",
                "/api/users/" + ada + "/%2e%2e/" + ada,
                "/api/users/" + ada + "/%2E%2E/" + ada,
                "/api/users/%2e%2e",
                "//api/movies",
                "/api//movies",
                "/api/users/" + ada + "%2Fratings",
                "/api/users/" + ada + "%2fratings",
                "/api/movies/1%5Csimilar",
                "/api/movies;jsessionid=1",
                "/api/movies/%25",
                "/api/movies/%00"}) {
            RawHttp.Reply reply = RawHttp.send(port, "GET", target, basic);
            JsonNode problem = assertProblem(reply, 400, "GET " + target);
            assertThat(problem.path("detail").asString()).as(target).isNotBlank();
        }
    }

    @Test
    void methodsTheApiDoesNotKnowAre405sWithAllow() {
        long ada = signUp("Ada", "ada@example.org", "analytical-engine");
        Map<String, String> allowed = Map.of(
                "/api/movies", "GET, HEAD",
                "/api/users", "GET, HEAD, POST",
                "/api/users/" + ada, "GET, HEAD, PUT, PATCH, DELETE",
                "/api/auth/token", "POST",
                "/api/model/reload", "POST");
        allowed.forEach((path, allow) -> {
            for (String method : new String[] {"QUERY", "PROPFIND", "FOO"}) {
                RawHttp.Reply reply = RawHttp.send(port, method, path);
                JsonNode problem = assertProblem(reply, 405, method + " " + path);
                assertThat(reply.header("Allow")).as(method + " " + path).isEqualTo(allow);
                assertThat(problem.path("detail").asString()).contains(method, allow);
            }
        });

        RawHttp.Reply trace = RawHttp.send(port, "TRACE", "/api/movies");
        assertProblem(trace, 405, "TRACE /api/movies");
        assertThat(trace.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void headersOverTheServersLimitAreA400ProblemDetail() {
        RawHttp.Reply reply = RawHttp.send(port, "GET", "/api/movies", "Authorization: Bearer " + "x".repeat(20_000));

        JsonNode problem = assertProblem(reply, 400, "a 20 KB Authorization header");
        assertThat(problem.path("detail").asString()).contains("headers", "at most 8 KB");
        assertThat(RawHttp.send(port, "GET", "/api/movies", "X-Padding: " + "y".repeat(6_000)).status())
                .as("under the limit").isEqualTo(200);
    }

    @Test
    void requestLinesTomcatCannotReadAreProblemDetails() {
        assertProblem(RawHttp.send(port, "G(E)T", "/api/movies"), 400, "a method with ( and )");
        assertProblem(RawHttp.send(port, "GET", "/api/movies?q=a|b{c}"), 400, "a query with | { }");
    }

    private static JsonNode assertProblem(RawHttp.Reply reply, int status, String what) {
        assertThat(reply.status()).as(what + ": " + RawHttp.abbreviate(reply.body())).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(what + ": " + RawHttp.abbreviate(reply.body()))
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.path("title").asString()).as(what).isNotBlank();
        return problem;
    }
}
