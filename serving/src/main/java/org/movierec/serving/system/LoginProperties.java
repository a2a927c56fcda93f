package org.movierec.serving.system;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on password guessing and sign-ups, and how long a password check that passed is remembered
 * ({@code serving.login.*}). Each limit is a token bucket (Bucket4j) of {@code n} attempts refilled at {@code n} per
 * window, kept in this instance's memory.
 *
 * @param failuresPerAccount failed HTTP Basic logins allowed per login name (any case) within {@code failureWindow}
 * @param failuresPerAddress failed HTTP Basic logins allowed per client address within {@code failureWindow}
 * @param failureWindow      the window of both
 * @param signUpsPerAddress  sign-ups allowed per client address within {@code signUpWindow}
 * @param signUpWindow       the window of sign-ups
 * @param rememberedFor      how long a login name and password that passed the bcrypt check are taken without it again
 *                           (while the account's token generation is unchanged); zero: never remembered
 */
@Validated
@ConfigurationProperties("serving.login")
record LoginProperties(@Min(1) int failuresPerAccount, @Min(1) int failuresPerAddress, @NotNull Duration failureWindow,
                       @Min(1) int signUpsPerAddress, @NotNull Duration signUpWindow, @NotNull Duration rememberedFor) {
}
