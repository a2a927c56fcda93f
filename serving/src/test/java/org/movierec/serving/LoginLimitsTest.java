package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The limits on password guessing and sign-ups, and the password checks remembered, over real HTTP: failed logins per
 * account (10 a minute, the default) and per client address, sign-ups per address. The client address is the one
 * X-Forwarded-For names, as behind the balancer ({@code server.forward-headers-strategy=native}; loopback is a trusted
 * proxy), so each test is a client of its own; the limiters keep their buckets for the whole application, so each
 * test also uses accounts of its own.
 */
@TestPropertySource(properties = {
        "server.forward-headers-strategy=native",
        "serving.login.failures-per-account=10", "serving.login.failures-per-address=20",
        "serving.login.failure-window=PT1M",
        "serving.login.sign-ups-per-address=5", "serving.login.sign-up-window=PT1H",
        "serving.login.remembered-for=PT1M"})
class LoginLimitsTest extends ApiTest {

    @org.springframework.boot.test.web.server.LocalServerPort
    private int port;

    /** An HTTP call from the client address {@code from} (X-Forwarded-For). */
    private Reply from(String from, HttpMethod method, String path, Login login, String body) {
        RestClient.RequestBodySpec request = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (req, response) -> { }).build()
                .method(method).uri(path).header("X-Forwarded-For", from);
        if (login != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                    .encodeToString((login.username() + ":" + login.password()).getBytes()));
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, response) -> new Reply(response.getStatusCode().value(), response.getHeaders(),
                null, new String(response.getBody().readAllBytes())));
    }

    /**
     * Wrong passwords from {@code from} until the first 429, at most {@code limit + 5}: the number of 401s before it.
     * The limit refills evenly (10 a minute: one more every 6 s), so the 429 comes after exactly {@code limit} failures
     * when they took less than one refill, and at most one more per refill they took.
     */
    private int failuresUntilRefused(String from, String account, String path, int limit, long refillMillis) {
        long started = System.currentTimeMillis();
        for (int failures = 0; failures < limit + 5; failures++) {
            Reply reply = from(from, HttpMethod.GET, path, new Login(account, "not-the-password"), null);
            if (reply.status() == 429) {
                long took = System.currentTimeMillis() - started;
                assertThat(failures).as("failures before the 429, in %d ms", took)
                        .isBetween(limit, limit + (int) (took / refillMillis));
                assertThat(Long.parseLong(reply.headers().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
                assertThat(reply.headers().getContentType()).hasToString("application/problem+json");
                System.out.printf("%d failed logins (%s) in %d ms, then a 429 (%s)%n", failures, account, took,
                        reply.text());
                return failures;
            }
            assertThat(reply.status()).as(reply.text()).isEqualTo(401);
        }
        throw new AssertionError("no 429 after " + (limit + 5) + " wrong passwords for " + account);
    }

    @Test
    void theEleventhWrongPasswordOfAnAccountIsRefusedUncheckedAndAnotherAccountStillLogsIn() {
        long ada = signUp("Ada", "ada-limits@example.org", "analytical-engine");
        long bob = signUp("Bob", "bob-limits@example.org", "bob-password");

        // exactly 10 when they took less than 6 s (one refill), one more per 6 s they took on a loaded machine
        failuresUntilRefused("203.0.113.1", "ada-limits@example.org", "/api/users/" + ada, 10, 6_000);
        Reply right = from("203.0.113.1", HttpMethod.GET, "/api/users/" + ada,
                new Login("ADA-limits@example.org", "analytical-engine"), null);
        assertThat(right.status()).as("the right password, unchecked (any case of the e-mail)").isEqualTo(429);
        assertThat(right.text()).contains("for this account");
        assertThat(right.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
        assertThat(right.headers().get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
        assertThat(from("203.0.113.9", HttpMethod.POST, "/api/auth/token",
                new Login("ada-limits@example.org", "analytical-engine"), null).status())
                .as("from another address too").isEqualTo(429);
        assertThat(from("203.0.113.1", HttpMethod.GET, "/api/users/" + bob,
                new Login("bob-limits@example.org", "bob-password"), null).status())
                .as("another account from the same address").isEqualTo(200);
    }

    @Test
    void anAddressIsRefusedAfterItsFailuresWhateverTheAccounts() {
        long started = System.currentTimeMillis();
        int failures = 0;
        Reply reply;
        do {
            reply = from("203.0.113.2", HttpMethod.GET, "/api/users/1",
                    new Login("nobody-" + failures + "@example.org", "a-password"), null);
            failures += reply.status() == 401 ? 1 : 0;
        } while (reply.status() == 401 && failures < 30);
        long took = System.currentTimeMillis() - started;
        assertThat(reply.status()).as(reply.text()).isEqualTo(429);
        assertThat(reply.text()).contains("from this address");
        assertThat(failures).as("in %d ms (one more each 3 s)", took).isBetween(20, 20 + (int) (took / 3_000));

        assertThat(from("203.0.113.3", HttpMethod.GET, "/api/users/1", new Login("nobody@example.org", "a-password"),
                null).status()).as("another address is checked").isEqualTo(401);
    }

    @Test
    void aRememberedPasswordIsTakenWithoutTheCheckUntilThePasswordChanges() {
        long grace = signUp("Grace", "grace-limits@example.org", "cobol-compiler");
        Login right = new Login("grace-limits@example.org", "cobol-compiler");
        assertThat(from("203.0.113.4", HttpMethod.GET, "/api/users/" + grace, right, null).status()).isEqualTo(200);

        failuresUntilRefused("203.0.113.4", right.username(), "/api/users/" + grace, 10, 6_000);
        assertThat(from("203.0.113.4", HttpMethod.GET, "/api/users/" + grace, right, null).status())
                .as("remembered: not checked, so not refused").isEqualTo(200);

        assertThat(from("203.0.113.4", HttpMethod.PATCH, "/api/users/" + grace, right,
                toJson(Map.of("password", "flow-matic-1959"))).status()).isEqualTo(200);
        Reply old = from("203.0.113.4", HttpMethod.GET, "/api/users/" + grace, right, null);
        assertThat(old.status()).as("the old password is no longer remembered, and is checked: refused unchecked")
                .isEqualTo(429);
    }

    @Test
    void aRememberedPasswordEndsWithThePasswordChange() {
        long hopper = signUp("Hopper", "hopper-limits@example.org", "cobol-compiler");
        Login right = new Login("hopper-limits@example.org", "cobol-compiler");
        assertThat(from("203.0.113.5", HttpMethod.GET, "/api/users/" + hopper, right, null).status()).isEqualTo(200);
        assertThat(from("203.0.113.5", HttpMethod.PUT, "/api/users/" + hopper, right,
                toJson(Map.of("name", "Hopper", "email", right.username(), "password", "flow-matic-1959"))).status())
                .isEqualTo(200);

        assertThat(from("203.0.113.5", HttpMethod.GET, "/api/users/" + hopper, right, null).status())
                .as("the old password").isEqualTo(401);
        assertThat(from("203.0.113.5", HttpMethod.GET, "/api/users/" + hopper,
                new Login(right.username(), "flow-matic-1959"), null).status()).as("the new one").isEqualTo(200);
    }

    @Test
    void theSixthSignUpFromAnAddressInAnHourIsRefused() {
        String body = "{\"name\": \"N\", \"email\": \"%s@example.org\", \"password\": \"a-password\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(from("198.51.100.1", HttpMethod.POST, "/api/users", null,
                    body.formatted("signup-" + i)).status()).isEqualTo(201);
        }
        Reply refused = from("198.51.100.1", HttpMethod.POST, "/api/users", null, body.formatted("signup-5"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(refused.text()).contains("Too many sign-ups from this address");
        long retryAfter = Long.parseLong(refused.headers().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).as("one more sign-up every 12 minutes").isBetween(600L, 720L);
        assertThat(jdbc.queryForObject("select count(*) from users where email = 'signup-5@example.org'", Long.class))
                .isZero();

        assertThat(from("198.51.100.2", HttpMethod.POST, "/api/users", null, body.formatted("signup-6")).status())
                .as("another address").isEqualTo(201);
    }
}
