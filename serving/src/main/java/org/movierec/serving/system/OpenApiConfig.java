package org.movierec.serving.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's title and its security schemes, HTTP Basic and bearer tokens ({@code /v3/api-docs},
 * {@code /swagger-ui.html}).
 */
@Configuration
@OpenAPIDefinition(info = @Info(title = "movierec serving API", version = "1",
        description = "Accounts, ratings, catalog insights, similar titles and recommendations. "
                + "Log in with HTTP Basic (your e-mail and password, or the administrator's credentials), or send "
                + "the bearer token that POST /api/auth/token gives for them. Every refusal is a problem detail "
                + "(application/problem+json): 400 for invalid input (the field or parameter named in errors[].field; "
                + "text must not contain control characters, tab and line breaks included), for a path that is not "
                + "normalised and for request headers over 8 KB; 401 for missing or bad credentials; 403 for "
                + "another user's resource; 404 for an unknown one; 405, with Allow, for a method the path does not "
                + "answer; 409 for a clash; 415 for a body that is not JSON. Each operation lists the statuses it can "
                + "answer."))
@SecurityScheme(name = OpenApiConfig.BASIC_AUTH, type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(name = OpenApiConfig.BEARER_AUTH, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class OpenApiConfig {

    /** The security scheme's name, for {@code @SecurityRequirement(name = OpenApiConfig.BASIC_AUTH)}. */
    public static final String BASIC_AUTH = "basicAuth";
    /** The bearer token scheme's name. */
    public static final String BEARER_AUTH = "bearerAuth";
}
