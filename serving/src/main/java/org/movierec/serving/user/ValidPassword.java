package org.movierec.serving.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A password of at least 8 characters and at most 72 bytes in UTF-8 (what bcrypt takes in whole);
 * null passes, so optional fields can carry it ({@code @NotNull} where one is required).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidPassword.Validator.class)
@interface ValidPassword {

    int MIN_CHARACTERS = 8;
    int MAX_BYTES = 72;

    String message() default "must be at least 8 characters and at most 72 bytes in UTF-8";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the length in characters and the size in bytes. */
    class Validator implements ConstraintValidator<ValidPassword, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || (value.codePointCount(0, value.length()) >= MIN_CHARACTERS
                    && value.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES);
        }
    }
}
