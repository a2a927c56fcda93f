package org.movierec.serving.system;

import io.swagger.v3.oas.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

/**
 * Issues and reads the API's bearer tokens: JWTs signed with HMAC-SHA256 whose subject is the login, with the
 * platform user's id in {@code uid} (absent for the administrator), the role in {@code role} and the account's token
 * generation in {@code gen} ({@link TokenGenerations}: a token of an older generation was ended). Checking one
 * costs microseconds, where a password check costs tens of milliseconds of bcrypt.
 */
@Component
class Tokens {

    static final String ISSUER = "movierec-serving";
    private static final Logger log = LoggerFactory.getLogger(Tokens.class);
    private static final MacAlgorithm ALGORITHM = MacAlgorithm.HS256;
    private static final int CHECKED_TOKENS = 4096;

    private final SecretKey key;
    private final TokenProperties properties;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    @Autowired
    Tokens(TokenProperties properties) {
        this(properties, Clock.systemUTC());
    }

    Tokens(TokenProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = new SecretKeySpec(keyBytes(properties.secret()), "HmacSHA256");
        this.encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(ALGORITHM).build();
    }

    private static byte[] keyBytes(String secret) {
        if (secret == null || secret.isEmpty()) {
            log.warn("No SERVING_TOKEN_SECRET (serving.token.secret): bearer tokens are signed with a random key "
                    + "made now, so they stop working on restart and on any other instance");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("serving.token.secret (SERVING_TOKEN_SECRET) has " + bytes.length
                    + " bytes; HMAC-SHA256 needs at least 32");
        }
        return bytes;
    }

    /** A signed token for the account, valid for {@code serving.token.ttl}. */
    IssuedToken issue(AccountPrincipal account) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(account.getUsername())
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .claim("role", account.isAdmin() ? AccountPrincipal.ADMIN : AccountPrincipal.USER)
                .claim("gen", account.generation());
        if (!account.isAdmin()) {
            claims.claim("uid", account.userId());
        }
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(ALGORITHM).build(), claims.build()));
        return new IssuedToken(jwt.getTokenValue(), "Bearer", properties.ttl().toSeconds(), account.userId());
    }

    /**
     * Checks signature, expiry (a token without one is refused; {@code serving.token.clock-skew} past it is allowed)
     * and issuer, and that the claims name an account as {@link #issue} writes them: a subject, a whole-number
     * {@code gen}, the role {@code ADMIN}, or the role {@code USER} with a whole-number {@code uid}. A token signed
     * with the key but otherwise made is refused like a forged one. A client sends the same token with every call until
     * it expires, so the last {@value #CHECKED_TOKENS} tokens that passed are remembered by their text (signature
     * included) and not parsed and checked again before their expiry; a token that failed is never remembered. Every
     * decoding, remembered or not, then asks {@code current} whether the token's account and generation still stand
     * ({@link TokenGenerations#current}): a token ended by a password change, a logout or a deletion is refused.
     */
    JwtDecoder decoder(Predicate<AccountPrincipal> current) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(ALGORITHM).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(timestamps, new JwtIssuerValidator(ISSUER),
                Tokens::accountClaims));
        ConcurrentLruCache<String, Jwt> checked = new ConcurrentLruCache<>(CHECKED_TOKENS, decoder::decode);
        return token -> {
            Jwt jwt = checked.get(token);
            if (!clock.instant().isBefore(jwt.getExpiresAt())) {
                checked.remove(token);
                jwt = decoder.decode(token);   // expired: the validator answers, with its allowance for clock skew
            }
            if (!current.test(account(jwt))) {
                throw new BadJwtException("The token was ended by a password change, a logout or the account's "
                        + "deletion");
            }
            return jwt;
        };
    }

    private static OAuth2TokenValidatorResult accountClaims(Jwt jwt) {
        Object role = jwt.getClaims().get("role");
        Object uid = jwt.getClaims().get("uid");
        Object generation = jwt.getClaims().get("gen");
        boolean account = (generation instanceof Long || generation instanceof Integer)
                && (AccountPrincipal.ADMIN.equals(role)
                || AccountPrincipal.USER.equals(role) && (uid instanceof Long || uid instanceof Integer));
        if (account && jwt.getSubject() != null && !jwt.getSubject().isBlank()) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token's sub, role, uid and gen claims do not name an account", null));
    }

    /** The caller a valid token stands for, as the same principal an HTTP Basic login gives. */
    static AbstractAuthenticationToken authentication(Jwt jwt) {
        AccountPrincipal account = account(jwt);
        return UsernamePasswordAuthenticationToken.authenticated(account, null, List.copyOf(account.getAuthorities()));
    }

    /** The account a valid token names, at the token's generation. */
    private static AccountPrincipal account(Jwt jwt) {
        long generation = ((Number) jwt.getClaim("gen")).longValue();
        return AccountPrincipal.ADMIN.equals(jwt.getClaimAsString("role"))
                ? AccountPrincipal.admin(jwt.getSubject(), null, generation)
                : AccountPrincipal.user(((Number) jwt.getClaim("uid")).longValue(), jwt.getSubject(), null, generation);
    }

    /**
     * The answer of {@code POST /api/auth/token}.
     *
     * @param accessToken the token to send as {@code Authorization: Bearer <accessToken>}
     * @param tokenType   always {@code Bearer}
     * @param expiresIn   seconds until it expires
     * @param userId      the platform user's id; null for the administrator
     */
    record IssuedToken(String accessToken, String tokenType, long expiresIn,
                       @Schema(types = {"integer", "null"}) Long userId) {
    }
}
