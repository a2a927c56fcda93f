package org.movierec.serving.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bearer tokens of {@code POST /api/auth/token} ({@code serving.token.*}).
 *
 * @param secret the HMAC-SHA256 signing key, at least 32 bytes ({@code SERVING_TOKEN_SECRET}); empty: a random
 *               key made on start, so tokens do not survive a restart nor work on another instance
 * @param ttl    how long a token is valid
 */
@Validated
@ConfigurationProperties("serving.token")
record TokenProperties(String secret, @NotNull Duration ttl) {
}
