package org.movierec.serving.system;

import java.lang.annotation.Annotation;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes {@code @Schema(nullable = true)} on a field of an answer mean what it says in the OpenAPI 3.1 document, whose
 * JSON Schema has no {@code nullable} (swagger-core leaves it out there): {@code "null"} joins the field's types, so
 * {@code byModel} reads {@code "type": ["array", "null"]}. Every field that an answer can hold as {@code null} carries
 * the annotation; the others are never null.
 */
@Component
class OpenApiNullables implements PropertyCustomizer {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || !nullable(type.getCtxAnnotations())) {
            return property;
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
        } else if (property.getType() != null) {
            property.addType(property.getType());
            property.addType("null");
        }
        property.setNullable(null);
        return property;
    }

    private static boolean nullable(Annotation[] annotations) {
        if (annotations == null) {
            return false;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof io.swagger.v3.oas.annotations.media.Schema schema && schema.nullable()) {
                return true;
            }
        }
        return false;
    }
}
