package org.movierec.serving.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bearer tokens of {@code POST /api/auth/token} ({@code serving.token.*}).
 *
 * @param secret          the HMAC-SHA256 signing key, at least 32 bytes ({@code SERVING_TOKEN_SECRET}); empty: a random
 *                        key made on start, so tokens do not survive a restart nor work on another instance
 * @param ttl             how long a token is valid
 * @param clockSkew       how long past its expiry a token is still taken, for clocks that differ between the instance
 *                        that issued it and the one that checks it
 * @param revocationCheck how long an instance trusts an account's token generation it read from the database: a token
 *                        ended on another instance (password change, logout, deletion) is refused here at most this
 *                        much later; on the instance that ended it, at once. Zero: read on every request
 */
@Validated
@ConfigurationProperties("serving.token")
record TokenProperties(String secret, @NotNull Duration ttl, @NotNull Duration clockSkew,
                       @NotNull Duration revocationCheck) {
}
