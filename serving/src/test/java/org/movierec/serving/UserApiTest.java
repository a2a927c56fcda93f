package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** Sign-up, account changes and deletion, and who may do them. */
class UserApiTest extends ApiTest {

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");
    private static final Login BOB = new Login("bob@example.org", "bob-password");

    @Test
    void signUpStoresOnlyAStrongHashOfThePassword() {
        Reply reply = call(HttpMethod.POST, "/api/users", ANONYMOUS,
                toJson(Map.of("name", " Ada Lovelace ", "email", ADA.username(), "password", ADA.password())));

        assertThat(reply.status()).isEqualTo(201);
        long id = reply.body().path("id").asLong();
        assertThat(id).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(reply.headers().getLocation()).hasToString("/api/users/" + id);
        assertThat(reply.body().path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(reply.body().path("origin").asString()).isEqualTo("platform");
        assertThat(reply.text()).doesNotContain(ADA.password()).doesNotContainIgnoringCase("password");
        String hash = jdbc.queryForObject("select password_hash from users where user_id = ?", String.class, id);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(ADA.password());
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(ADA.password(), hash)).isTrue();
    }

    @Test
    void signUpNamesEachInvalidField() {
        assertInvalid(Map.of("email", "a@example.org", "password", "long enough"), "name");
        assertInvalid(Map.of("name", "  ", "email", "a@example.org", "password", "long enough"), "name");
        assertInvalid(Map.of("name", "A", "password", "long enough"), "email");
        assertInvalid(Map.of("name", "A", "email", "not-an-address", "password", "long enough"), "email");
        assertInvalid(Map.of("name", "A", "email", "a@nodot", "password", "long enough"), "email");
        assertInvalid(Map.of("name", "A", "email", "a@example.org"), "password");
        assertInvalid(Map.of("name", "A", "email", "a@example.org", "password", "seven77"), "password");
        assertInvalid(Map.of("name", "A", "email", "a@example.org", "password", "é".repeat(37)), "password");
        assertThat(jdbc.queryForObject("select count(*) from users", Long.class)).isZero();
    }

    @Test
    void aTakenEmailIsAConflictWhateverItsCase() {
        signUp("Ada", ADA.username(), ADA.password());

        Reply reply = call(HttpMethod.POST, "/api/users", ANONYMOUS,
                toJson(Map.of("name", "Other", "email", "ADA@Example.org", "password", "another-password")));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.detail()).contains("ADA@Example.org").contains("already registered");
        long bob = signUp("Bob", BOB.username(), BOB.password());
        Reply change = call(HttpMethod.PATCH, "/api/users/" + bob, BOB, toJson(Map.of("email", "ada@EXAMPLE.org")));
        assertThat(change.status()).isEqualTo(409);
    }

    @Test
    void aUserLogsInWithEmailAndPasswordAndReadsTheirAccount() {
        long ada = signUp("Ada", ADA.username(), ADA.password());

        Reply own = get("/api/users/" + ada, new Login("Ada@Example.ORG", ADA.password()));

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("email").asString()).isEqualTo(ADA.username());
        assertThat(own.body().has("passwordHash")).isFalse();
    }

    @Test
    void missingOrWrongCredentialsAre401AndSomeoneElsesAccountIs403() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        long bob = signUp("Bob", BOB.username(), BOB.password());

        Reply anonymous = get("/api/users/" + ada, ANONYMOUS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().getContentType()).hasToString("application/problem+json");
        assertThat(anonymous.body().path("status").asInt()).isEqualTo(401);
        assertThat(anonymous.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
        Reply wrongPassword = get("/api/users/" + ada, new Login(ADA.username(), "not-the-password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.detail()).contains("not valid");
        assertThat(get("/api/users/" + ada, new Login("nobody@example.org", ADA.password())).status()).isEqualTo(401);

        String patch = toJson(Map.of("name", "Mallory"));
        assertForbidden(get("/api/users/" + ada, BOB));
        assertForbidden(call(HttpMethod.PATCH, "/api/users/" + ada, BOB, patch));
        assertForbidden(call(HttpMethod.PUT, "/api/users/" + ada, BOB,
                toJson(Map.of("name", "Mallory", "email", "m@example.org"))));
        assertForbidden(call(HttpMethod.DELETE, "/api/users/" + ada, BOB, null));
        assertForbidden(get("/api/users", BOB));
        assertForbidden(get("/api/users/" + ada + "/ratings", BOB));
        assertThat(jdbc.queryForObject("select name from users where user_id = ?", String.class, ada)).isEqualTo("Ada");
        assertThat(get("/api/users/" + bob, BOB).status()).isEqualTo(200);
    }

    @Test
    void aUserChangesTheirNameEmailAndPassword() {
        long ada = signUp("Ada", ADA.username(), ADA.password());

        Reply patched = call(HttpMethod.PATCH, "/api/users/" + ada, ADA, toJson(Map.of("name", "Countess")));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("name").asString()).isEqualTo("Countess");
        assertThat(patched.body().path("email").asString()).isEqualTo(ADA.username());

        Login renewed = new Login("countess@example.org", "difference-engine");
        Reply replaced = call(HttpMethod.PUT, "/api/users/" + ada, ADA, toJson(Map.of(
                "name", "Ada King", "email", renewed.username(), "password", renewed.password())));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("email").asString()).isEqualTo(renewed.username());

        assertThat(get("/api/users/" + ada, ADA).status()).isEqualTo(401);
        assertThat(get("/api/users/" + ada, renewed).body().path("name").asString()).isEqualTo("Ada King");
        assertThat(call(HttpMethod.PUT, "/api/users/" + ada, renewed, toJson(Map.of("name", "No e-mail"))).fields())
                .containsExactly("email");
        assertThat(call(HttpMethod.PATCH, "/api/users/" + ada, renewed, toJson(Map.of("password", "short"))).fields())
                .containsExactly("password");
    }

    @Test
    void theAdministratorManagesEveryoneAndReadsMovieLensUsers() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        jdbc.update("insert into users (user_id, origin, gender, age, occupation) values (7, 'movielens', 'F', 25, 'artist')");

        Reply list = get("/api/users?page=0&size=1", ADMIN_LOGIN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("totalElements").asLong()).isEqualTo(2);
        assertThat(list.body().path("totalPages").asInt()).isEqualTo(2);
        assertThat(list.body().path("content").get(0).path("id").asLong()).isEqualTo(7);
        assertThat(get("/api/users?page=1&size=1", ADMIN_LOGIN).body().path("content").get(0).path("id").asLong())
                .isEqualTo(ada);

        Reply movieLens = get("/api/users/7", ADMIN_LOGIN);
        assertThat(movieLens.status()).isEqualTo(200);
        assertThat(movieLens.body().path("origin").asString()).isEqualTo("movielens");
        assertThat(movieLens.body().path("age").asInt()).isEqualTo(25);
        assertThat(call(HttpMethod.PATCH, "/api/users/7", ADMIN_LOGIN, toJson(Map.of("name", "X"))).status())
                .isEqualTo(409);

        assertThat(call(HttpMethod.PATCH, "/api/users/" + ada, ADMIN_LOGIN, toJson(Map.of("name", "By admin")))
                .body().path("name").asString()).isEqualTo("By admin");
        assertThat(get("/api/users/999", ADMIN_LOGIN).status()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/api/users/" + ada, ADMIN_LOGIN, null).status()).isEqualTo(204);
        assertThat(get("/api/users/" + ada, ADMIN_LOGIN).status()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/api/users/" + ada, ADMIN_LOGIN, null).status()).isEqualTo(404);
    }

    @Test
    void deletingAUserDeletesTheirRatingsAndTheirLogin() {
        long ada = signUp("Ada", ADA.username(), ADA.password());
        long bob = signUp("Bob", BOB.username(), BOB.password());
        for (long user : new long[] {ada, bob}) {
            jdbc.update("insert into ratings values (?, 1, 4.0, now()), (?, 2, 3.5, now())", user, user);
        }
        ratingsIngested();

        assertThat(call(HttpMethod.DELETE, "/api/users/" + ada, ADA, null).status()).isEqualTo(204);

        assertThat(jdbc.queryForObject("select count(*) from ratings where user_id = ?", Long.class, ada)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ratings where user_id = ?", Long.class, bob)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from users where user_id = ?", Long.class, ada)).isZero();
        assertThat(get("/api/users/" + ada, ADA).status()).isEqualTo(401);
        // the movies' figures (catalog search, cold start) lose Ada's ratings with her
        assertThat(jdbc.queryForList("select movie_id, ratings, rating_sum, liked from movie_rating_stats order by movie_id"))
                .containsExactly(Map.of("movie_id", 1, "ratings", 1, "rating_sum", 4.0, "liked", 1),
                        Map.of("movie_id", 2, "ratings", 1, "rating_sum", 3.5, "liked", 1));
    }

    private void assertInvalid(Map<String, String> body, String field) {
        Reply reply = call(HttpMethod.POST, "/api/users", ANONYMOUS, toJson(body));
        assertThat(reply.status()).as("%s", body).isEqualTo(400);
        assertThat(reply.fields()).as("%s", body).containsExactly(field);
        assertThat(reply.detail()).startsWith("Invalid request: " + field + ": ");
    }

    private static void assertForbidden(Reply reply) {
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().path("status").asInt()).isEqualTo(403);
        assertThat(reply.headers().getContentType()).hasToString("application/problem+json");
    }
}
