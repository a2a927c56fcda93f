package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A password or e-mail change, a logout and the account's deletion end the account's bearer tokens at once (on this
 * instance; {@code RevocationReplicasTest} for another), and no other account's.
 */
class TokenRevocationTest extends ApiTest {

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");
    private static final Login BOB = new Login("bob@example.org", "bob-password");

    private Login token(Login login) {
        Reply reply = call(HttpMethod.POST, "/api/auth/token", login, null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return Login.bearer(reply.body().path("accessToken").asString());
    }

    private void assertEnded(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(401);
        assertThat(reply.headers().getContentType()).hasToString("application/problem+json");
        assertThat(reply.headers().get(HttpHeaders.WWW_AUTHENTICATE)).contains("Bearer error=\"invalid_token\"");
    }

    @Test
    void aLogoutEndsEveryTokenOfTheAccountAndNoOther() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        long bob = signUp("Bob", BOB.username(), BOB.password());
        Login first = token(ADA);
        Login second = token(ADA);
        Login bobs = token(BOB);
        assertThat(get("/api/users/" + ada, first).status()).isEqualTo(200);

        Reply logout = call(HttpMethod.POST, "/api/auth/logout", second, null);
        assertThat(logout.status()).as(logout.text()).isEqualTo(204);

        assertEnded(get("/api/users/" + ada, first));
        assertEnded(get("/api/users/" + ada, second));
        assertEnded(call(HttpMethod.POST, "/api/auth/logout", second, null));
        assertThat(get("/api/users/" + bob, bobs).status()).as("another account's token").isEqualTo(200);
        assertThat(get("/api/users/" + ada, ADA).status()).as("the password still logs in").isEqualTo(200);
        assertThat(get("/api/users/" + ada, token(ADA)).status()).as("a token issued after").isEqualTo(200);
    }

    @Test
    void aLogoutWithThePasswordEndsTheTokensToo() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        Login token = token(ADA);
        assertThat(call(HttpMethod.POST, "/api/auth/logout", ADA, null).status()).isEqualTo(204);
        assertEnded(get("/api/users/" + ada, token));
        assertThat(call(HttpMethod.POST, "/api/auth/logout", ANONYMOUS, null).status()).isEqualTo(401);
    }

    @Test
    void theAdministratorsLogoutEndsTheirTokens() {
        Login admin = token(ADMIN_LOGIN);
        assertThat(get("/api/users", admin).status()).isEqualTo(200);
        assertThat(call(HttpMethod.POST, "/api/auth/logout", admin, null).status()).isEqualTo(204);
        assertEnded(get("/api/users", admin));
        assertThat(get("/api/users", token(ADMIN_LOGIN)).status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsTheTokensAndANameChangeDoesNot() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        Login token = token(ADA);
        assertThat(call(HttpMethod.PATCH, "/api/users/" + ada, token, toJson(Map.of("name", "Ada L."))).status())
                .isEqualTo(200);
        assertThat(get("/api/users/" + ada, token).status()).as("a new name").isEqualTo(200);

        assertThat(call(HttpMethod.PATCH, "/api/users/" + ada, token, toJson(Map.of("password", "difference-engine")))
                .status()).isEqualTo(200);
        assertEnded(get("/api/users/" + ada, token));
        assertThat(get("/api/users/" + ada, new Login(ADA.username(), "difference-engine")).status()).isEqualTo(200);
    }

    @Test
    void anEmailChangeEndsTheTokens() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        Login token = token(ADA);
        assertThat(call(HttpMethod.PUT, "/api/users/" + ada, token,
                toJson(Map.of("name", "Ada", "email", "lovelace@example.org"))).status()).isEqualTo(200);
        assertEnded(get("/api/users/" + ada, token));
        assertThat(get("/api/users/" + ada, ADA).status()).as("the old e-mail").isEqualTo(401);
    }

    @Test
    void aDeletionEndsTheTokens() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        Login token = token(ADA);
        Login other = token(ADA);
        assertThat(call(HttpMethod.DELETE, "/api/users/" + ada, token, null).status()).isEqualTo(204);
        assertEnded(get("/api/users/" + ada, other));
        assertEnded(call(HttpMethod.POST, "/api/auth/logout", other, null));
        // the same e-mail signed up again is another account: the old tokens do not name it
        long again = signUp("Ada", ADA.username(), ADA.password());
        assertThat(again).isNotEqualTo(ada);
        assertEnded(get("/api/users/" + again, other));
    }
}
