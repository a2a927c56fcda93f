package org.movierec.serving.system;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Documents on every operation of the OpenAPI document the refusals it can answer, each a problem detail
 * ({@code application/problem+json}, the schema {@value #PROBLEM}), from what the operation is:
 * <ul>
 * <li>400 on every operation: invalid parameters or body (the limits are in their schemas), a path that is not
 * normalised, request headers over Tomcat's limit;</li>
 * <li>401 on every operation: missing or wrong credentials where the operation needs them, wrong ones sent to a public
 * operation (which needs none);</li>
 * <li>403 on an operation that needs credentials, except the token and logout endpoints: another user's resource, or
 * one only the administrator reaches;</li>
 * <li>404 on an operation with a path parameter: an unknown user, movie or rating (or a path parameter that makes a
 * path no operation has);</li>
 * <li>405 on an operation with a path parameter: a value that makes the path one of another operation's;</li>
 * <li>415 on an operation that takes a body: a body that is not {@code application/json};</li>
 * <li>429 on every operation, with {@code Retry-After}: HTTP Basic credentials sent after too many failed logins for
 * the account or from the address (any operation checks credentials sent), and on sign-up too many sign-ups from the
 * address;</li>
 * <li>500 on every operation: a server error (its detail says only that it is one);</li>
 * <li>503 on every operation: the database is unavailable for the moment (any operation may need it, if only to
 * check a login), with {@code Retry-After} ({@link DatabaseOutages}).</li>
 * </ul>
 * A response an operation declares itself ({@code @ApiResponse}: a 404 of the insights, a 409) keeps its description
 * and gets the problem's content too. The successful responses are the handlers' own, by {@code @ResponseStatus}
 * where springdoc would not find them: 201 and 204, and the 200 of a handler that declares an {@code @ApiResponse}
 * (springdoc then leaves its default response out).
 */
@Component
class OpenApiRefusals implements OpenApiCustomizer {

    /** The name of the problem detail's schema among the document's components. */
    static final String PROBLEM = "ProblemDetail";

    /** The token and logout endpoints: any account may call them, so they refuse none as not theirs (403). */
    private static final String AUTH_PATHS = "/api/auth/";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
                document(path, operation)));
    }

    private static void document(String path, Operation operation) {
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean pathParameters = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
        Map<String, String> refusals = new TreeMap<>();
        refusals.put("400", "Invalid input: the detail and errors[].field (or parameter) name what is wrong");
        refusals.put("401", secured ? "Missing or wrong credentials (HTTP Basic or a bearer token)"
                : "Wrong credentials sent (this operation needs none)");
        if (secured && !path.startsWith(AUTH_PATHS)) {
            refusals.put("403", "Another user's resource, or one only the administrator reaches");
        }
        if (pathParameters) {
            refusals.put("404", "No such resource (an unknown user, movie or rating)");
            refusals.put("405", "A path parameter that makes the path one of another operation's, whose methods "
                    + "Allow lists");
        }
        if (operation.getRequestBody() != null) {
            refusals.put("415", "A body that is not application/json");
        }
        refusals.put("429", "Too many failed logins for the account or from the client address (HTTP Basic "
                + "credentials sent)" + ("/api/users".equals(path) && operation.getRequestBody() != null
                ? ", or too many sign-ups from the address" : "") + ": try again after Retry-After seconds");
        refusals.put("500", "A server error");
        refusals.put("503", "The database is unavailable for the moment: try again after Retry-After seconds");
        Map<String, ApiResponse> all = new TreeMap<>();
        if (operation.getResponses() != null) {
            all.putAll(operation.getResponses());
        }
        refusals.forEach((code, meaning) -> all.putIfAbsent(code, new ApiResponse().description(meaning)));
        all.get("429").addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                .description("Seconds until a login (or a sign-up) from here is checked again")
                .schema(new IntegerSchema().minimum(BigDecimal.ONE)));
        ApiResponses responses = new ApiResponses();   // in the order of their codes
        all.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
            responses.addApiResponse(code, response);
        });
        operation.setResponses(responses);
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 7807 problem detail; a 400 may add errors (field and message) or parameter, a "
                        + "404 suggestions, a 409 candidates")
                .addProperty("type", new StringSchema().description("about:blank"))
                .addProperty("title", new StringSchema().description("the status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what was refused and why"))
                .addProperty("instance", new StringSchema().description("the path asked"));
    }

    private static Content problemContent() {
        return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }
}
