package org.movierec.serving.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** The token decoder remembers the tokens it checked, but never past their expiry. */
class TokensTest {

    private static final String SECRET = "a-signing-key-of-at-least-32-bytes-for-tests";

    private Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final Tokens tokens = new Tokens(new TokenProperties(SECRET, Duration.ofMinutes(5),
            Duration.ofSeconds(60), Duration.ofSeconds(1)), clock);

    @Test
    void aCheckedTokenIsRememberedUntilItExpires() {
        String token = tokens.issue(AccountPrincipal.user(7, "ada@example.org", null, 0)).accessToken();
        JwtDecoder decoder = tokens.decoder(account -> true);

        Jwt first = decoder.decode(token);
        now = now.plus(Duration.ofMinutes(4));
        assertThat(decoder.decode(token)).as("remembered, not parsed again").isSameAs(first);
        assertThat(first.getSubject()).isEqualTo("ada@example.org");
        assertThat(first.<Number>getClaim("uid").longValue()).isEqualTo(7);

        now = now.plus(Duration.ofMinutes(1)).plusSeconds(61);   // past the expiry and the 60 s allowed for clock skew
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenDifferingFromARememberedOneInItsSignatureIsChecked() {
        String token = tokens.issue(AccountPrincipal.admin("admin", null, 0)).accessToken();
        JwtDecoder decoder = tokens.decoder(account -> true);
        assertThat(decoder.decode(token).getSubject()).isEqualTo("admin");

        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class);
    }
}
