package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Without {@code server.forward-headers-strategy} (the default, {@code none}) the client's address is the connection's:
 * an X-Forwarded-For the client sends does not make it another client of the limits ({@code LoginLimitsTest} has the
 * balancer's setting, {@code native}).
 */
@TestPropertySource(properties = "serving.login.sign-ups-per-address=2")
class ForwardedAddressTest extends ApiTest {

    @LocalServerPort
    private int port;

    private int signUpFrom(String forwardedFor, String email) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (req, response) -> { }).build()
                .post().uri("/api/users").header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"N\", \"email\": \"" + email + "\", \"password\": \"a-password\"}")
                .exchange((req, response) -> {
                    if (response.getStatusCode().value() == 429) {
                        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
                    }
                    return response.getStatusCode().value();
                });
    }

    @Test
    void aForwardedForHeaderIsNotBelievedUnlessTheSettingSaysSo() {
        assertThat(signUpFrom("198.51.100.7", "first@example.org")).isEqualTo(201);
        assertThat(signUpFrom("198.51.100.8", "second@example.org")).isEqualTo(201);
        assertThat(signUpFrom("198.51.100.9", "third@example.org")).as("the same connection's address, a third time")
                .isEqualTo(429);
    }
}
