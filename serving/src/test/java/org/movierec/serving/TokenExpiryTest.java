package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/** A token is refused from its expiry on, with the default clock-skew allowance (none). */
@TestPropertySource(properties = "serving.token.ttl=PT2S")
class TokenExpiryTest extends ApiTest {

    @Test
    void anExpiredTokenIsRefusedWithoutAllowance() throws InterruptedException {
        long ada = signUp("Ada", "ada@example.org", "analytical-engine");
        Reply issued = call(HttpMethod.POST, "/api/auth/token", new Login("ada@example.org", "analytical-engine"),
                null);
        assertThat(issued.body().path("expiresIn").asLong()).isEqualTo(2);
        Login token = Login.bearer(issued.body().path("accessToken").asString());
        assertThat(get("/api/users/" + ada, token).status()).isEqualTo(200);

        // exp is in whole seconds: at most 2 s from now; 1 s more and it is past whatever the rounding
        Instant expired = Instant.now().plusSeconds(3);
        while (Instant.now().isBefore(expired)) {
            Thread.sleep(100);
        }
        Reply reply = get("/api/users/" + ada, token);
        assertThat(reply.status()).as("1 s past the expiry: %s", reply.text()).isEqualTo(401);
        assertThat(reply.detail()).contains("not valid or has expired");
    }
}
