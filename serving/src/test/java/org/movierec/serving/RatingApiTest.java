package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import tools.jackson.databind.JsonNode;

/** A user's ratings: one per movie on the half-star scale, paged and sorted, reachable only by them and the admin. */
class RatingApiTest extends ApiTest {

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");
    private static final Login BOB = new Login("bob@example.org", "bob-password");

    private long ada;
    private String ratings;

    @BeforeEach
    void users() {
        ada = signUp("Ada", ADA.username(), ADA.password());
        signUp("Bob", BOB.username(), BOB.password());
        ratings = "/api/users/" + ada + "/ratings";
    }

    @Test
    void aUserRatesChangesAndDeletesARating() {
        Reply created = call(HttpMethod.POST, ratings, ADA, rate(1, 4.5));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getLocation()).hasToString(ratings + "/1");
        assertThat(created.body().path("title").asString()).isEqualTo("Toy Story");
        assertThat(created.body().path("rating").asDouble()).isEqualTo(4.5);
        assertThat(created.body().path("ratedAt").isMissingNode()).isFalse();

        Reply again = call(HttpMethod.POST, ratings, ADA, rate(1, 3.0));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("already rated movie 1");

        assertThat(call(HttpMethod.PUT, ratings + "/1", ADA, "{\"rating\": 2.0}").body().path("rating").asDouble())
                .isEqualTo(2.0);
        assertThat(call(HttpMethod.PATCH, ratings + "/1", ADA, "{\"rating\": 0.5}").body().path("rating").asDouble())
                .isEqualTo(0.5);
        assertThat(jdbc.queryForObject("select rating from ratings where user_id = ? and movie_id = 1", Double.class, ada))
                .isEqualTo(0.5);
        assertThat(call(HttpMethod.PUT, ratings + "/2", ADA, "{\"rating\": 2.0}").status()).isEqualTo(404);

        assertThat(call(HttpMethod.DELETE, ratings + "/1", ADA, null).status()).isEqualTo(204);
        assertThat(get(ratings + "/1", ADA).status()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, ratings + "/1", ADA, null).status()).isEqualTo(404);
    }

    @Test
    void ratingsAreHalfStepsFromHalfAStarToFive() {
        for (Object bad : new Object[] {0.0, 0.25, 3.3, 5.5, -1, 1e300}) {
            Reply reply = call(HttpMethod.POST, ratings, ADA, toJson(Map.of("movieId", 1, "rating", bad)));
            assertThat(reply.status()).as("rating %s", bad).isEqualTo(400);
            assertThat(reply.fields()).as("rating %s", bad).containsExactly("rating");
        }
        assertThat(call(HttpMethod.POST, ratings, ADA, "{\"movieId\": 1}").fields()).containsExactly("rating");
        assertThat(call(HttpMethod.POST, ratings, ADA, "{\"rating\": 3}").fields()).containsExactly("movieId");
        assertThat(call(HttpMethod.PATCH, ratings + "/1", ADA, "{\"rating\": 4.75}").fields()).containsExactly("rating");
        assertThat(call(HttpMethod.POST, ratings, ADA, rate(1, 0.5)).status()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, ratings, ADA, rate(2, 5.0)).status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from ratings", Long.class)).isEqualTo(2);
    }

    @Test
    void anUnknownMovieIsNotFound() {
        Reply reply = call(HttpMethod.POST, ratings, ADA, rate(404, 3.0));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.detail()).isEqualTo("No movie with id 404");
    }

    @Test
    void ratingsArePagedAndSortedByTimeOrRating() {
        jdbc.update("""
                insert into ratings values (?, 1, 3.0, '2024-01-03'), (?, 2, 5.0, '2024-01-01'),
                                           (?, 3, 1.5, '2024-01-04'), (?, 4, 3.0, '2024-01-02')""", ada, ada, ada, ada);

        assertThat(movies(ratings)).containsExactly(3, 1, 4, 2);
        assertThat(movies(ratings + "?sort=ratedAt,asc")).containsExactly(2, 4, 1, 3);
        assertThat(movies(ratings + "?sort=rating,desc")).containsExactly(2, 1, 4, 3);
        assertThat(movies(ratings + "?sort=rating,ASC")).containsExactly(3, 1, 4, 2);
        assertThat(movies(ratings + "?sort=rating&size=3&page=1")).containsExactly(3);

        JsonNode page = get(ratings + "?size=3&page=0", ADA).body();
        assertThat(page.path("totalElements").asLong()).isEqualTo(4);
        assertThat(page.path("totalPages").asInt()).isEqualTo(2);
        assertThat(page.path("size").asInt()).isEqualTo(3);

        for (String bad : List.of("sort=title", "sort=rating,up", "sort=rating,asc,x", "sort=,asc")) {
            Reply reply = get(ratings + "?" + bad, ADA);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.fields()).as(bad).containsExactly("sort");
        }
        assertThat(get(ratings + "?size=0", ADA).fields()).containsExactly("size");
        assertThat(get(ratings + "?size=101", ADA).fields()).containsExactly("size");
        assertThat(get(ratings + "?page=-1", ADA).fields()).containsExactly("page");
    }

    @Test
    void anotherUsersRatingsAreForbiddenAndTheAdministratorManagesThem() {
        jdbc.update("insert into ratings values (?, 1, 3.0, now())", ada);

        assertThat(get(ratings, BOB).status()).isEqualTo(403);
        assertThat(get(ratings + "/1", BOB).status()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, ratings, BOB, rate(2, 1.0)).status()).isEqualTo(403);
        assertThat(call(HttpMethod.PUT, ratings + "/1", BOB, "{\"rating\": 1.0}").status()).isEqualTo(403);
        assertThat(call(HttpMethod.PATCH, ratings + "/1", BOB, "{\"rating\": 1.0}").status()).isEqualTo(403);
        assertThat(call(HttpMethod.DELETE, ratings + "/1", BOB, null).status()).isEqualTo(403);
        assertThat(get(ratings, ANONYMOUS).status()).isEqualTo(401);
        assertThat(call(HttpMethod.POST, ratings, new Login(ADA.username(), "wrong-password"), rate(2, 1.0)).status())
                .isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from ratings", Long.class)).isEqualTo(1);

        assertThat(call(HttpMethod.POST, ratings, ADMIN_LOGIN, rate(2, 1.0)).status()).isEqualTo(201);
        assertThat(call(HttpMethod.PATCH, ratings + "/2", ADMIN_LOGIN, "{\"rating\": 1.5}").status()).isEqualTo(200);
        assertThat(movies(ratings + "?sort=rating,asc", ADMIN_LOGIN)).containsExactly(2, 1);
        assertThat(call(HttpMethod.DELETE, ratings + "/1", ADMIN_LOGIN, null).status()).isEqualTo(204);
        assertThat(get("/api/users/999/ratings", ADMIN_LOGIN).status()).isEqualTo(404);
    }

    @Test
    void movieLensRatingsAreReadOnly() {
        jdbc.update("insert into users (user_id, origin) values (7, 'movielens')");
        jdbc.update("insert into ratings values (7, 1, 4.0, now())");

        assertThat(movies("/api/users/7/ratings", ADMIN_LOGIN)).containsExactly(1);
        assertThat(call(HttpMethod.POST, "/api/users/7/ratings", ADMIN_LOGIN, rate(2, 3.0)).status()).isEqualTo(409);
    }

    private List<Integer> movies(String path) {
        return movies(path, ADA);
    }

    private List<Integer> movies(String path, Login login) {
        Reply reply = get(path, login);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body().path("content").valueStream().map(r -> r.path("movieId").asInt()).toList();
    }

    private String rate(int movieId, double rating) {
        return toJson(Map.of("movieId", movieId, "rating", rating));
    }
}
