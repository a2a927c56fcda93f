package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Control characters (U+0000 to U+001F, U+007F to U+009F; tab and line breaks included) are refused wherever text
 * comes in, JSON bodies and query parameters alike: a 400 problem detail naming the field or parameter, never the
 * 500 PostgreSQL's refusal of a NUL would be, and nothing is stored.
 */
class TextInputTest extends ApiTest {

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");
    private static final String RULE = "must not contain control characters";

    @Test
    void controlCharactersInJsonBodiesAre400sNamingTheField() {
        for (String odd : new String[] {"a\u0000b", "a\tb", "line\n", "\r", "a\u001fb", "a\u007fb", "a\u0085b"}) {
            assertRefused(call(HttpMethod.POST, "/api/users", ANONYMOUS,
                    toJson(Map.of("name", odd, "email", "zoe@example.org", "password", "long enough"))), "name");
            assertRefused(call(HttpMethod.POST, "/api/users", ANONYMOUS,
                    toJson(Map.of("name", "Zoe", "email", "zoe" + odd + "@example.org", "password", "long enough"))),
                    "email");
            assertRefused(call(HttpMethod.POST, "/api/users", ANONYMOUS,
                    toJson(Map.of("name", "Zoe", "email", "zoe@example.org", "password", "long enough" + odd))),
                    "password");
        }
        assertThat(jdbc.queryForObject("select count(*) from users", Long.class)).isZero();

        long ada = signUp("Ada", ADA.username(), ADA.password());
        assertRefused(call(HttpMethod.PATCH, "/api/users/" + ada, ADA, toJson(Map.of("name", "a\u0000b"))), "name");
        assertRefused(call(HttpMethod.PATCH, "/api/users/" + ada, ADA, toJson(Map.of("email", "a\u0000@b.org"))),
                "email");
        assertRefused(call(HttpMethod.PUT, "/api/users/" + ada, ADA,
                toJson(Map.of("name", "Ada", "email", ADA.username(), "password", "new\u0000password"))), "password");
        assertThat(get("/api/users/" + ada, ADA).body().path("name").asString()).isEqualTo("Ada");
    }

    @Test
    void textBeyondAsciiThatIsNotAControlCharacterIsKept() {
        long zoe = signUp("Zoë\u00a0Ñandú 日本 😀 \u202e", "zoe@example.org", "pässwörd 😀");

        assertThat(get("/api/users/" + zoe, new Login("zoe@example.org", "pässwörd 😀")).body().path("name").asString())
                .isEqualTo("Zoë\u00a0Ñandú 日本 😀 \u202e");
    }

    @Test
    void controlCharactersInQueryParametersAre400sNamingTheParameter() {
        long ada = signUp("Ada", ADA.username(), ADA.password());

        assertRefused(get("/api/movies/similar?title=\u0000", ANONYMOUS), "title");
        assertRefused(get("/api/movies/similar?title=Toy\tStory", ANONYMOUS), "title");
        assertRefused(get("/api/movies?q=\u0000", ANONYMOUS), "q");
        assertRefused(get("/api/movies?genre=comedy\n", ANONYMOUS), "genre");
        assertRefused(get("/api/users/" + ada + "/recommendations?genre=\u0000", ADA), "genre");
        assertRefused(get("/api/users/" + ada + "/recommendations?platform=netflix\u0000", ADA), "platform");
        assertRefused(get("/api/users/" + ada + "/ratings?sort=rating\u0000", ADA), "sort");
        assertThat(get("/api/movies?q=Toy Story", ANONYMOUS).body().path("totalElements").asLong())
                .as("a space is no control character").isEqualTo(1);
    }

    private static void assertRefused(Reply reply, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.headers().getContentType()).hasToString("application/problem+json");
        assertThat(reply.fields()).as(reply.text()).containsExactly(field);
        assertThat(reply.detail()).as(reply.text()).contains(field + ": " + RULE);
    }
}
