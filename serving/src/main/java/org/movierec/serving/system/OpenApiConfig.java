package org.movierec.serving.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its HTTP Basic security scheme ({@code /v3/api-docs}, {@code /swagger-ui.html}). */
@Configuration
@OpenAPIDefinition(info = @Info(title = "movierec serving API", version = "1",
        description = "Accounts, ratings, catalog insights, similar titles and recommendations. "
                + "Log in with HTTP Basic: your e-mail and password, or the administrator's credentials."))
@SecurityScheme(name = OpenApiConfig.BASIC_AUTH, type = SecuritySchemeType.HTTP, scheme = "basic")
public class OpenApiConfig {

    /** The security scheme's name, for {@code @SecurityRequirement(name = OpenApiConfig.BASIC_AUTH)}. */
    public static final String BASIC_AUTH = "basicAuth";
}
