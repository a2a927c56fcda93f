package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Bearer tokens: issued for a password, honoured with the same rules as HTTP Basic, refused when not genuine or when
 * their claims are not those the API issues.
 */
class TokenApiTest extends ApiTest {

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");
    private static final Login BOB = new Login("bob@example.org", "bob-password");

    @Test
    void aTokenIssuedForThePasswordActsAsTheUser() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        long bob = signUp("Bob", BOB.username(), BOB.password());

        Reply issued = call(HttpMethod.POST, "/api/auth/token", ADA, null);

        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.body().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(issued.body().path("expiresIn").asLong()).isEqualTo(3600);
        assertThat(issued.body().path("userId").asLong()).isEqualTo(ada);
        Login token = Login.bearer(issued.body().path("accessToken").asString());
        assertThat(get("/api/users/" + ada, token).body().path("email").asString()).isEqualTo(ADA.username());
        assertThat(call(HttpMethod.POST, "/api/users/" + ada + "/ratings", token,
                toJson(java.util.Map.of("movieId", 1, "rating", 4.5))).status()).isEqualTo(201);
        assertThat(get("/api/users/" + bob, token).status()).isEqualTo(403);
        assertThat(get("/api/users", token).status()).isEqualTo(403);
    }

    @Test
    void theAdministratorsTokenReachesEverything() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        Login admin = Login.bearer(call(HttpMethod.POST, "/api/auth/token", ADMIN_LOGIN, null)
                .body().path("accessToken").asString());

        assertThat(get("/api/users/" + ada, admin).status()).isEqualTo(200);
        assertThat(get("/api/users?page=0&size=5", admin).status()).isEqualTo(200);
    }

    @Test
    void aTokenNeedsThePasswordNotAnotherToken() {
        signUp("Ada", ADA.username(), ADA.password());

        assertThat(call(HttpMethod.POST, "/api/auth/token", ANONYMOUS, null).status()).isEqualTo(401);
        assertThat(call(HttpMethod.POST, "/api/auth/token", new Login(ADA.username(), "wrong-password"), null)
                .status()).isEqualTo(401);
        Login token = Login.bearer(call(HttpMethod.POST, "/api/auth/token", ADA, null)
                .body().path("accessToken").asString());
        Reply withToken = call(HttpMethod.POST, "/api/auth/token", token, null);
        assertThat(withToken.status()).isEqualTo(401);
        assertThat(withToken.headers().getContentType()).hasToString("application/problem+json");
        assertThat(withToken.detail()).contains("password", "HTTP Basic").doesNotContain("not valid or has expired");
        assertThat(withToken.headers().get(HttpHeaders.WWW_AUTHENTICATE))
                .containsExactly("Basic realm=\"movierec\"");
    }

    @Test
    void tokensSignedWithTheKeyButWithOddClaimsAre401ProblemDetails() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String issuer = "\"iss\":\"movierec-serving\",\"sub\":\"" + ADA.username() + "\"";
        String common = issuer + ",\"gen\":0";

        for (String claims : new String[] {
                common + ",\"role\":\"USER\",\"uid\":" + ada,                                   // no exp
                common + ",\"exp\":\"tomorrow\",\"role\":\"USER\",\"uid\":" + ada,
                common + ",\"exp\":" + exp + ",\"role\":\"USER\",\"uid\":\"" + ada + "\"",         // uid a string
                common + ",\"exp\":" + exp + ",\"role\":\"USER\"",                              // no uid
                common + ",\"exp\":" + exp + ",\"role\":\"USER\",\"uid\":1.5",
                common + ",\"exp\":" + exp + ",\"role\":\"ROOT\",\"uid\":" + ada,
                common + ",\"exp\":" + exp + ",\"uid\":" + ada,                                   // no role
                common + ",\"exp\":" + exp + ",\"role\":[\"ADMIN\"]",
                "\"iss\":\"movierec-serving\",\"gen\":0,\"exp\":" + exp + ",\"role\":\"ADMIN\"",  // no sub
                issuer + ",\"exp\":" + exp + ",\"role\":\"USER\",\"uid\":" + ada,                  // no gen
                issuer + ",\"gen\":\"0\",\"exp\":" + exp + ",\"role\":\"USER\",\"uid\":" + ada,      // gen a string
                issuer + ",\"gen\":1,\"exp\":" + exp + ",\"role\":\"USER\",\"uid\":" + ada}) {     // not ada's gen
            Reply reply = get("/api/users/" + ada, Login.bearer(signClaims("{" + claims + "}")));
            assertThat(reply.status()).as(claims + ": " + reply.text()).isEqualTo(401);
            assertThat(reply.headers().getContentType()).as(claims).hasToString("application/problem+json");
            assertThat(reply.detail()).as(claims).contains("POST /api/auth/token");
            assertThat(reply.headers().get(HttpHeaders.WWW_AUTHENTICATE)).contains("Bearer error=\"invalid_token\"");
        }
        assertThat(get("/api/users/" + ada, Login.bearer(signClaims(
                "{" + common + ",\"exp\":" + exp + ",\"role\":\"USER\",\"uid\":" + ada + "}"))).status())
                .as("the same signer with the claims the API issues").isEqualTo(200);
    }

    @Test
    void forgedTamperedOrExpiredTokensAre401ProblemDetails() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        String genuine = call(HttpMethod.POST, "/api/auth/token", ADA, null).body().path("accessToken").asString();
        String tampered = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
        Instant now = Instant.now();

        for (String token : new String[] {
                tampered,
                "not-a-jwt",
                sign("another-secret-that-is-at-least-32-bytes", ada, now, now.plusSeconds(600)),
                sign(TOKEN_SECRET, ada, now.minusSeconds(7200), now.minusSeconds(3600))}) {
            Reply reply = get("/api/users/" + ada, Login.bearer(token));
            assertThat(reply.status()).as(token).isEqualTo(401);
            assertThat(reply.headers().getContentType()).hasToString("application/problem+json");
            assertThat(reply.detail()).contains("POST /api/auth/token");
            assertThat(reply.headers().get(HttpHeaders.WWW_AUTHENTICATE)).contains("Bearer error=\"invalid_token\"");
        }
        assertThat(get("/api/users/" + ada, Login.bearer(sign(TOKEN_SECRET, ada, now, now.plusSeconds(600))))
                .status()).as("the same claims, signed with the right key").isEqualTo(200);
    }

    /** A JWT of exactly these claims (JSON), signed with the API's key. */
    private static String signClaims(String claimsJson) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String content = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return content + "." + base64.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String secret, long userId, Instant issuedAt, Instant expiresAt) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var claims = JwtClaimsSet.builder().issuer("movierec-serving").subject(ADA.username())
                .issuedAt(issuedAt).expiresAt(expiresAt).claim("role", "USER").claim("uid", userId).claim("gen", 0)
                .build();
        return NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build()
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
