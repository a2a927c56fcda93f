package org.movierec.serving.rating;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A rating on the MovieLens scale: 0.5 to 5.0 in steps of 0.5 (null passes; pair with {@code @NotNull}). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HalfStep.Validator.class)
@interface HalfStep {

    String message() default "must be between 0.5 and 5.0 in steps of 0.5";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the range and that twice the value is a whole number. */
    class Validator implements ConstraintValidator<HalfStep, Double> {

        @Override
        public boolean isValid(Double value, ConstraintValidatorContext context) {
            return value == null || (value >= 0.5 && value <= 5.0 && value * 2 == Math.rint(value * 2));
        }
    }
}
