package org.movierec.serving.system;

import java.util.HashSet;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Writes two rules of what the API takes in into the OpenAPI document. The rule of {@link ControlCharacters}: every
 * text, a string parameter or a string field of a request body, gets the pattern {@link ControlCharacters#PATTERN}
 * unless it has a pattern or a list of values of its own (those leave control characters out already); answers are
 * left as they are. And Spring MVC's reading of an empty query parameter ({@code ?page=}): a parameter with a default
 * takes its default, an optional one that is not text is absent, so either is {@code allowEmptyValue}.
 */
@Component
class OpenApiInputs implements OpenApiCustomizer, Ordered {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        Set<String> bodies = new HashSet<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            parameters(operation);
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> {
                    String ref = media.getSchema() == null ? null : media.getSchema().get$ref();
                    if (ref != null) {
                        bodies.add(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                });
            }
        }));
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        bodies.forEach(name -> {
            Schema<?> body = openApi.getComponents().getSchemas().get(name);
            if (body != null && body.getProperties() != null) {
                body.getProperties().values().forEach(OpenApiInputs::plainText);
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static void parameters(Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> {
                plainText(parameter.getSchema());
                Schema<?> schema = parameter.getSchema();
                if ("query".equals(parameter.getIn()) && schema != null && (schema.getDefault() != null
                        || !Boolean.TRUE.equals(parameter.getRequired()) && !isString(schema))) {
                    parameter.setAllowEmptyValue(true);
                }
            });
        }
    }

    private static void plainText(Schema<?> schema) {
        if (schema != null && isString(schema) && schema.getPattern() == null && schema.getEnum() == null) {
            schema.setPattern(ControlCharacters.PATTERN);
        }
    }

    private static boolean isString(Schema<?> schema) {
        return "string".equals(schema.getType()) || schema.getTypes() != null && schema.getTypes().contains("string");
    }
}
