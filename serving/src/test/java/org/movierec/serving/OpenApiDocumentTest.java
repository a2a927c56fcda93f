package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * What the OpenAPI document says of a few operations, as a reader of {@code /v3/api-docs} finds it ({@link
 * OpenApiFuzzTest} checks it against the answers themselves); the document is saved as {@code target/openapi.json}.
 */
class OpenApiDocumentTest extends ApiTest {

    private JsonNode doc;

    @BeforeEach
    void document() throws IOException {
        Reply reply = get("/v3/api-docs", ANONYMOUS);
        assertThat(reply.status()).isEqualTo(200);
        doc = reply.body();
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("openapi.json"), reply.text());
    }

    @Test
    void everyOperationListsItsRefusalsAsProblemDetails() {
        JsonNode signUp = operation("/api/users", "post");
        assertThat(codes(signUp)).containsExactlyInAnyOrder("201", "400", "401", "409", "415", "429", "500", "503");
        assertThat(signUp.path("responses").path("429").path("headers").path("Retry-After").path("schema")
                .path("type").asString()).isEqualTo("integer");
        assertThat(signUp.path("responses").path("429").path("description").asString()).contains("sign-ups");
        assertThat(signUp.path("responses").path("409").path("content").path("application/problem+json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/ProblemDetail");
        assertThat(signUp.has("security")).isFalse();

        assertThat(codes(operation("/api/users/{id}", "delete")))
                .containsExactlyInAnyOrder("204", "400", "401", "403", "404", "405", "429", "500", "503");
        assertThat(codes(operation("/api/users/{id}/ratings/{movieId}", "delete")))
                .containsExactlyInAnyOrder("204", "400", "401", "403", "404", "405", "409", "429", "500", "503");
        assertThat(codes(operation("/api/users/{id}/recommendations", "get")))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "405", "429", "500", "503");
        assertThat(codes(operation("/api/auth/token", "post")))
                .containsExactlyInAnyOrder("200", "400", "401", "429", "500", "503");
        assertThat(codes(operation("/api/auth/logout", "post")))
                .containsExactlyInAnyOrder("204", "400", "401", "429", "500", "503");
        assertThat(codes(operation("/api/movies/similar", "get")))
                .containsExactlyInAnyOrder("200", "400", "401", "404", "409", "429", "500", "503");
        assertThat(operation("/api/movies/similar", "get").path("responses").path("429").path("description")
                .asString()).doesNotContain("sign-ups");
    }

    @Test
    void publicOperationsNeedNoCredentialsAndTheOthersNameTheirSchemes() {
        assertThat(operation("/api/movies", "get").has("security")).isFalse();
        assertThat(operation("/api/model", "get").has("security")).isFalse();
        assertThat(operation("/api/insights/catalog/types", "get").has("security")).isFalse();
        for (String[] secured : new String[][] {{"/api/model/reload", "post"}, {"/api/users", "get"},
                {"/api/users/{id}/ratings", "post"}, {"/api/auth/token", "post"}, {"/api/auth/logout", "post"}}) {
            assertThat(operation(secured[0], secured[1]).path("security").toString()).as(secured[0])
                    .contains("basicAuth");
        }
    }

    @Test
    void theLimitsCheckedInCodeAreInTheSchemas() {
        JsonNode longest = operation("/api/insights/catalog/longest", "get");
        assertThat(parameter(longest, "durationType").path("enum").toString()).isEqualTo("[\"min\",\"season\"]");
        assertThat(parameter(longest, "platform").path("enum").toString())
                .isEqualTo("[\"amazon\",\"disney\",\"hulu\",\"netflix\"]");
        assertThat(parameter(longest, "year").path("minimum").asInt()).isEqualTo(1800);
        assertThat(parameter(longest, "year").path("maximum").asInt()).isEqualTo(2100);
        assertThat(parameter(operation("/api/movies", "get"), "q").path("maxLength").asInt()).isEqualTo(200);
        assertThat(parameter(operation("/api/movies", "get"), "q").path("pattern").asString())
                .isEqualTo("^[^\\u0000-\\u001F\\u007F-\\u009F]*$");
        assertThat(parameter(operation("/api/users/{id}/ratings", "get"), "sort").path("pattern").asString())
                .contains("(ratedAt|rating)");
    }

    @Test
    void fieldsThatMayBeNullSaySo() {
        JsonNode similar = doc.path("components").path("schemas").path("SimilarTitles").path("properties");
        assertThat(similar.path("byModel").path("type").toString()).isEqualTo("[\"array\",\"null\"]");
        assertThat(similar.path("modelVersion").path("type").toString()).isEqualTo("[\"integer\",\"null\"]");
        assertThat(doc.path("components").path("schemas").path("MovieSummary").path("properties").path("title")
                .path("type").asString()).isEqualTo("string");
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = doc.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path).isFalse();
        return operation;
    }

    private static List<String> codes(JsonNode operation) {
        return operation.path("responses").propertyNames().stream().toList();
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        return operation.path("parameters").valueStream().filter(p -> p.path("name").asString().equals(name))
                .findFirst().orElseThrow().path("schema");
    }
}
