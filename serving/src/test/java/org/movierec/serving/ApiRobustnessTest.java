package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Malformed input is a 400 naming what is wrong, never a 5xx; the OpenAPI document and probes are public. */
class ApiRobustnessTest extends ApiTest {

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");

    @Test
    void malformedBodiesAndWrongTypesAreBadRequests() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        String ratings = "/api/users/" + ada + "/ratings";

        Reply malformed = call(HttpMethod.POST, ratings, ADA, "{\"movieId\": 1, \"rating\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).startsWith("The request body is not valid JSON");
        assertThat(malformed.headers().getContentType()).hasToString("application/problem+json");

        assertBadField(call(HttpMethod.POST, ratings, ADA, "{\"movieId\": 1, \"rating\": \"good\"}"), "rating");
        assertBadField(call(HttpMethod.POST, ratings, ADA, "{\"movieId\": \"one\", \"rating\": 3}"), "movieId");
        assertBadField(call(HttpMethod.POST, ratings, ADA, "{\"movieId\": 99999999999, \"rating\": 3}"), "movieId");
        assertBadField(call(HttpMethod.POST, ratings, ADA, "{\"movieId\": [1], \"rating\": 3}"), "movieId");
        assertBadField(call(HttpMethod.POST, "/api/users", ANONYMOUS,
                "{\"name\": {\"first\": \"A\"}, \"email\": \"a@example.org\", \"password\": \"long enough\"}"), "name");
        assertThat(call(HttpMethod.POST, ratings, ADA, "[1, 2]").status()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, ratings, ADA, "").status()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/api/users", ANONYMOUS, "null").status()).isEqualTo(400);

        assertBadField(get(ratings + "?page=many", ADA), "page");
        assertBadField(get(ratings + "?page=99999999999999999999", ADA), "page");
        assertBadField(get("/api/users/not-a-number", ADMIN_LOGIN), "id");
        assertBadField(get("/api/users/99999999999999999999999/ratings", ADMIN_LOGIN), "id");
        assertBadField(call(HttpMethod.PUT, ratings + "/x", ADA, "{\"rating\": 3}"), "movieId");
        assertThat(get(ratings + "/99999999999", ADA).status()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, ratings, ADA, "{\"movieId\": 1, \"rating\": 1e999}").status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from ratings", Long.class)).isZero();
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiArePublic() {
        Reply doc = get("/v3/api-docs", ANONYMOUS);

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body().path("openapi").asString()).startsWith("3.");
        assertThat(doc.body().path("paths").has("/api/users")).isTrue();
        assertThat(doc.body().path("paths").has("/api/users/{id}/ratings")).isTrue();
        assertThat(doc.body().path("components").path("securitySchemes").path("basicAuth").path("scheme").asString())
                .isEqualTo("basic");
        assertThat(get("/swagger-ui/index.html", ANONYMOUS).text()).containsIgnoringCase("swagger");
    }

    @Test
    void healthProbesArePublicAndMetricsTheAdministrators() {
        for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Reply reply = get(probe, ANONYMOUS);
            assertThat(reply.status()).as(probe).isEqualTo(200);
            assertThat(reply.body().path("status").asString()).as(probe).isEqualTo("UP");
        }
        get("/api/users", ANONYMOUS);
        Reply anonymous = get("/actuator/prometheus", ANONYMOUS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text()).doesNotContain("http_server_requests");
        long user = signUp("Ada", "ada@example.org", "analytical-engine");
        assertThat(get("/actuator/prometheus", new Login("ada@example.org", "analytical-engine")).status())
                .as("a user (%d) is not the administrator", user).isEqualTo(403);
        Reply metrics = get("/actuator/prometheus", ADMIN_LOGIN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("http_server_requests_seconds_bucket");
        assertThat(get("/actuator/env", ADMIN_LOGIN).status()).isEqualTo(404);
    }

    @Test
    void unknownPathsAreProblemsToo() {
        Reply unknown = get("/api/nothing-here", ADMIN_LOGIN);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().getContentType()).hasToString("application/problem+json");
        assertThat(get("/api/nothing-here", ANONYMOUS).status()).isEqualTo(401);
    }

    private static void assertBadField(Reply reply, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.fields()).as(reply.text()).containsExactly(field);
        assertThat(reply.detail()).contains(field);
    }
}
