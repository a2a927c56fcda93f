package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import tools.jackson.databind.JsonNode;

/**
 * The public catalog over real HTTP and the real PostgreSQL: search by title, genre and years, sorted exact title
 * first, then by number of ratings, then by id; one movie's details; 400 problem details for bad parameters.
 * Rating figures come from {@code movie_rating_stats}: rebuilt by the ingestion (here: {@link #ratingsIngested()} after
 * ratings written straight into the table), changed by every rating written through the API at once.
 * Paths are written unencoded: the client percent-encodes them ({@code %} is sent as {@code %25}).
 */
class CatalogApiTest extends ApiTest {

    @BeforeEach
    void catalog() {
        jdbc.execute("truncate catalog_titles, catalog_title_movies, movie_links");
        // ApiTest's movies: 1 Toy Story, 2 Jumanji, 3 Heat, 4 Sabrina (all 1995).
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(5, 'The Heat', 'heat the', 2013, '{Action,Comedy}'), "
                + "(6, 'Heatwave', 'heatwave', 1982, '{drama}'), "
                + "(7, '100% Wolf', '100 wolf', 2020, '{animation}'), "
                + "(8, 'Toy_Story Fan Cut', 'toy story fan cut', null, '{}')");
        // Ratings: Heatwave 3, The Heat 2, Heat 1 (4.0), Toy Story 2 (mean 3.75), others none.
        jdbc.update("insert into ratings (user_id, movie_id, rating, rated_at) values "
                + "(1, 6, 3, now()), (2, 6, 4, now()), (3, 6, 5, now()), (1, 5, 2, now()), (2, 5, 2.5, now()), "
                + "(1, 3, 4, now()), (1, 1, 3.5, now()), (2, 1, 4, now())");
        jdbc.update("insert into movie_links (movie_id, imdb_id, tmdb_id) values (3, 'tt0113277', 949)");
        jdbc.update("insert into catalog_titles (title_id, platform, show_id, type, title, title_key, rating) values "
                + "('ns1', 'netflix', 's1', 'movie', 'heat', 'heat', 'r'), "
                + "('as1', 'amazon', 's1', 'movie', 'heat', 'heat', 'r'), "
                + "('ns2', 'netflix', 's2', 'movie', 'heat', 'heat', 'r')");
        jdbc.update("insert into catalog_title_movies (title_id, movie_id) values ('ns1', 3), ('as1', 3), ('ns2', 3)");
        ratingsIngested();
    }

    private static List<Integer> ids(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body().path("content").valueStream().map(m -> m.path("movieId").asInt()).toList();
    }

    @Test
    void titleSearchPutsTheExactTitleFirstThenTheMostRated() {
        Reply reply = get("/api/movies?q= HEAT ", ANONYMOUS);
        assertThat(ids(reply)).containsExactly(3, 6, 5);
        assertThat(reply.body().path("totalElements").asLong()).isEqualTo(3);
        JsonNode heat = reply.body().path("content").get(0);
        assertThat(heat.path("title").asString()).isEqualTo("Heat");
        assertThat(heat.path("year").asInt()).isEqualTo(1995);
        assertThat(heat.path("platforms").valueStream().map(JsonNode::asString)).containsExactly("amazon", "netflix");
        assertThat(heat.path("ratings").asInt()).isEqualTo(1);
        JsonNode heatwave = reply.body().path("content").get(1);
        assertThat(heatwave.path("ratings").asInt()).isEqualTo(3);
        assertThat(heatwave.path("meanRating").asDouble()).isEqualTo(4.0, within(1e-6));
        assertThat(ids(get("/api/movies?q=eat", ANONYMOUS))).as("no exact title: by ratings").containsExactly(6, 5, 3);
    }

    @Test
    void withoutTextEveryMovieIsListedByRatingsThenIdAndPaged() {
        assertThat(ids(get("/api/movies", ANONYMOUS))).containsExactly(6, 1, 5, 3, 2, 4, 7, 8);
        Reply second = get("/api/movies?page=1&size=3", ANONYMOUS);
        assertThat(ids(second)).containsExactly(3, 2, 4);
        assertThat(second.body().path("page").asInt()).isEqualTo(1);
        assertThat(second.body().path("size").asInt()).isEqualTo(3);
        assertThat(second.body().path("totalElements").asLong()).isEqualTo(8);
        assertThat(second.body().path("totalPages").asInt()).isEqualTo(3);
        assertThat(ids(get("/api/movies?page=5&size=3", ANONYMOUS))).isEmpty();
    }

    @Test
    void genreAndYearsFilter() {
        assertThat(ids(get("/api/movies?genre=COMEDY", ANONYMOUS))).containsExactly(5, 4);
        assertThat(ids(get("/api/movies?q=heat&yearFrom=1990", ANONYMOUS))).containsExactly(3, 5);
        assertThat(ids(get("/api/movies?yearFrom=1995&yearTo=1995", ANONYMOUS))).containsExactly(1, 3, 2, 4);
        assertThat(ids(get("/api/movies?yearTo=2100", ANONYMOUS))).as("no year, left out by a bound").doesNotContain(8);
        assertThat(ids(get("/api/movies?genre=western", ANONYMOUS))).isEmpty();
    }

    @Test
    void likeMetacharactersMatchThemselves() {
        // a text without letters or digits is matched as it is, any case
        assertThat(ids(get("/api/movies?q=%", ANONYMOUS))).containsExactly(7);
        assertThat(ids(get("/api/movies?q=_", ANONYMOUS))).containsExactly(8);
        assertThat(ids(get("/api/movies?q=\\", ANONYMOUS))).isEmpty();
        assertThat(ids(get("/api/movies?q=' or 1=1 --", ANONYMOUS))).isEmpty();
        // elsewhere punctuation does not count, so _ is a blank like any other: "y s" is in "toy story"
        assertThat(ids(get("/api/movies?q=y_s", ANONYMOUS))).containsExactly(1, 8);
        assertThat(ids(get("/api/movies?q=100%", ANONYMOUS))).containsExactly(7);
    }

    /** MovieLens titles as MovieLens writes them, to be found as people write them. */
    private void movieLensTitles() {
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(2571, 'Matrix, The', 'the matrix', 1999, '{Action,Sci-Fi}'), "
                + "(6365, 'Matrix Reloaded, The', 'the matrix reloaded', 2003, '{Action,Sci-Fi}'), "
                + "(27660, 'Animatrix, The', 'the animatrix', 2003, '{Animation}'), "
                + "(4973, 'Amélie (Fabuleux destin d''Amélie Poulain, Le)', 'amelie fabuleux destin d amelie poulain le', "
                + "2001, '{Comedy,Romance}'), "
                + "(1653, 'Gattaca', 'gattaca', 1997, '{Drama,Sci-Fi}')");
        jdbc.update("insert into ratings (user_id, movie_id, rating, rated_at) values "
                + "(1, 6365, 3, now()), (2, 6365, 3, now()), (3, 6365, 3, now()), (1, 27660, 4, now())");
        ratingsIngested();
    }

    @Test
    void titlesAreFoundAsPeopleWriteThem() {
        movieLensTitles();
        for (String matrix : List.of("The Matrix", "the matrix", "THE MATRIX", "Matrix, The", "the-matrix")) {
            assertThat(ids(get("/api/movies?q=" + matrix, ANONYMOUS))).as(matrix)
                    .as("the title named exactly first, then the most rated").containsExactly(2571, 6365);
        }
        assertThat(ids(get("/api/movies?q=matrix", ANONYMOUS))).as("a substring, as before: by ratings")
                .containsExactly(6365, 27660, 2571);
        for (String amelie : List.of("amelie", "Amelie", "AMÉLIE", "Amélie", "le fabuleux destin", "amelie poulain")) {
            Reply reply = get("/api/movies?q=" + amelie, ANONYMOUS);
            assertThat(ids(reply)).as(amelie).containsExactly(4973);
            assertThat(reply.body().path("content").get(0).path("title").asString())
                    .isEqualTo("Amélie (Fabuleux destin d'Amélie Poulain, Le)");
        }
        assertThat(ids(get("/api/movies?q=matrix the", ANONYMOUS))).as("not the words in any order").isEmpty();
        assertThat(ids(get("/api/movies?q=the matrix&yearFrom=2000", ANONYMOUS))).containsExactly(6365);
        assertThat(get("/api/movies?q=the matrix", ANONYMOUS).body().path("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void oneMovieWithLinksPlatformsAndRatings() {
        Reply heat = get("/api/movies/3", ANONYMOUS);
        assertThat(heat.status()).as(heat.text()).isEqualTo(200);
        assertThat(heat.body().path("title").asString()).isEqualTo("Heat");
        assertThat(heat.body().path("genres").valueStream().map(JsonNode::asString)).containsExactly("action", "crime");
        assertThat(heat.body().path("imdbId").asString()).isEqualTo("tt0113277");
        assertThat(heat.body().path("tmdbId").asInt()).isEqualTo(949);
        assertThat(heat.body().path("ratings").asInt()).isEqualTo(1);
        Reply fanCut = get("/api/movies/8", ANONYMOUS);
        assertThat(fanCut.body().path("year").isNull()).isTrue();
        assertThat(fanCut.body().path("ratings").asInt()).isZero();
        assertThat(fanCut.body().path("meanRating").isNull()).isTrue();
        assertThat(fanCut.body().path("imdbId").isNull()).isTrue();
        assertThat(fanCut.body().path("platforms").isEmpty()).isTrue();
    }

    @Test
    void ratingFiguresFollowAnIngestion() {
        jdbc.update("insert into ratings (user_id, movie_id, rating, rated_at) values (9, 4, 1, now()), "
                + "(8, 4, 2, now()), (7, 4, 3, now()), (6, 4, 4, now())");
        assertThat(get("/api/movies/4", ANONYMOUS).body().path("ratings").asInt()).as("not ingested yet").isZero();
        ratingsIngested();
        JsonNode sabrina = get("/api/movies/4", ANONYMOUS).body();
        assertThat(sabrina.path("ratings").asInt()).isEqualTo(4);
        assertThat(sabrina.path("meanRating").asDouble()).isEqualTo(2.5, within(1e-6));
        assertThat(ids(get("/api/movies?size=1", ANONYMOUS))).containsExactly(4);
    }

    @Test
    void ratingFiguresFollowEveryRatingWrittenThroughTheApiAtOnce() {
        Login ada = new Login("ada@example.org", "analytical-engine");
        Login bob = new Login("bob@example.org", "difference-engine");
        long adaId = signUp("Ada", ada.username(), ada.password());
        long bobId = signUp("Bob", bob.username(), bob.password());
        // Toy Story: 3.5 and 4 from the fixtures
        assertThat(call(HttpMethod.POST, "/api/users/" + adaId + "/ratings", ada, "{\"movieId\": 1, \"rating\": 5.0}")
                .status()).isEqualTo(201);
        assertFigures(1, 3, 12.5);
        assertThat(call(HttpMethod.PUT, "/api/users/" + adaId + "/ratings/1", ada, "{\"rating\": 0.5}").status())
                .isEqualTo(200);
        assertFigures(1, 3, 8.0);
        assertThat(call(HttpMethod.PATCH, "/api/users/" + adaId + "/ratings/1", ada, "{\"rating\": 2.0}").status())
                .isEqualTo(200);
        assertFigures(1, 3, 9.5);
        assertThat(call(HttpMethod.DELETE, "/api/users/" + adaId + "/ratings/1", ada, null).status()).isEqualTo(204);
        assertFigures(1, 2, 7.5);
        // a movie nobody rated gets figures with its first rating and loses them with its last
        assertThat(call(HttpMethod.POST, "/api/users/" + bobId + "/ratings", bob, "{\"movieId\": 7, \"rating\": 4.5}")
                .status()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, "/api/users/" + adaId + "/ratings", ada, "{\"movieId\": 7, \"rating\": 3.5}")
                .status()).isEqualTo(201);
        assertFigures(7, 2, 8.0);
        assertThat(call(HttpMethod.POST, "/api/users/" + bobId + "/ratings", bob, "{\"movieId\": 1, \"rating\": 1.0}")
                .status()).isEqualTo(201);
        assertThat(call(HttpMethod.DELETE, "/api/users/" + bobId + "/ratings/7", bob, null).status()).isEqualTo(204);
        assertFigures(7, 1, 3.5);
        // deleting a user takes all their ratings out
        assertThat(call(HttpMethod.DELETE, "/api/users/" + adaId, ada, null).status()).isEqualTo(204);
        assertFigures(7, 0, 0);
        assertFigures(1, 3, 8.5);
        // a refused write changes nothing
        assertThat(call(HttpMethod.POST, "/api/users/" + bobId + "/ratings", bob, "{\"movieId\": 1, \"rating\": 4.0}")
                .status()).isEqualTo(409);
        assertFigures(1, 3, 8.5);
        assertThat(jdbc.queryForList("""
                select coalesce(s.movie_id, r.movie_id) from movie_rating_stats s
                  full join (select movie_id, count(*) as n, sum(rating::float8) as total,
                               count(*) filter (where rating >= 3.5) as liked
                          from ratings group by movie_id) r
                    on r.movie_id = s.movie_id
                 where (s.ratings, s.rating_sum, s.liked) is distinct from (r.n, r.total, r.liked)""", Integer.class))
                .as("movies whose figures differ from a rebuild").isEmpty();
    }

    /** The number of ratings and their mean as GET /api/movies/{id} answers them, and the stored sum. */
    private void assertFigures(int movieId, int ratings, double sum) {
        JsonNode movie = get("/api/movies/" + movieId, ANONYMOUS).body();
        assertThat(movie.path("ratings").asInt()).as("ratings of movie %d", movieId).isEqualTo(ratings);
        if (ratings == 0) {
            assertThat(movie.path("meanRating").isNull()).as("mean rating of movie %d", movieId).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from movie_rating_stats where movie_id = ?", Long.class,
                    movieId)).isZero();
        } else {
            assertThat(movie.path("meanRating").asDouble()).as("mean rating of movie %d", movieId)
                    .isEqualTo(sum / ratings, within(1e-6));
        }
    }

    @Test
    void unknownMovieIsA404() {
        Reply reply = get("/api/movies/404", ANONYMOUS);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.detail()).isEqualTo("No movie with id 404");
    }

    @Test
    void badParametersAre400sNamingThem() {
        assertBad("/api/movies/abc", "movieId");
        assertBad("/api/movies?yearFrom=2000&yearTo=1990", "yearTo");
        assertBad("/api/movies?yearFrom=-1", "yearFrom");
        assertBad("/api/movies?yearTo=10000", "yearTo");
        assertBad("/api/movies?yearFrom=next", "yearFrom");
        assertBad("/api/movies?size=0", "size");
        assertBad("/api/movies?size=101", "size");
        assertBad("/api/movies?page=-1", "page");
        assertBad("/api/movies?q=" + "x".repeat(201), "q");
        assertBad("/api/movies?q=a\u0000b", "q");
        assertBad("/api/movies?genre=\u0001", "genre");
        assertBad("/api/movies?genre=" + "g".repeat(101), "genre");
    }

    private void assertBad(String path, String field) {
        Reply reply = get(path, ANONYMOUS);
        assertThat(reply.status()).as(path + ": " + reply.text()).isEqualTo(400);
        assertThat(reply.fields()).as(reply.text()).containsExactly(field);
        assertThat(reply.detail()).contains(field);
    }
}
