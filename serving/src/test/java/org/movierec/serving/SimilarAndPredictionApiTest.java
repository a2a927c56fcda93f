package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.movierec.model.ContentIndex;
import org.movierec.model.IdIndex;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Predictions and similar titles over real HTTP with models registered in the real MLflow server: version 1 is
 * the one-factor MF of {@link TestModels#factorModel()} (item vectors +1 for movies 1-4, -1 for 5-8) saved with
 * the content index of {@link #contentIndex()}; version 2 is the popularity model (no ratings, no vectors, no
 * content). Movie 9 is a second "Heat", unknown to both models. Cold start uses a damping of 1.
 */
class SimilarAndPredictionApiTest extends ApiTest {

    @RegisterExtension
    static final TestModels MODELS = new TestModels();
    private static int v1;
    private static int v2;
    private static int v3;

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");
    private static final Login BOB = new Login("bob@example.org", "bob-password");
    private static final Login CAROL = new Login("carol@example.org", "carol-password");
    private long ada;
    private long bob;
    private long carol;

    /**
     * Movie 1: adventure 0.6, animation 0.8; movie 2: adventure 1; movie 3: director x 1; movie 4: animation 0.6,
     * comedy 0.8 (unit rows). Cosines: 1-2 = 0.6, 1-4 = 0.8 * 0.6 = 0.48, movie 3 shares nothing.
     */
    static ContentIndex contentIndex() {
        return new ContentIndex(IdIndex.of(new long[] {1, 2, 3, 4}), new int[] {0, 2, 3, 4, 6},
                new int[] {0, 1, 0, 2, 1, 3}, new float[] {0.6f, 0.8f, 1.0f, 1.0f, 0.6f, 0.8f},
                List.of("genre:adventure", "genre:animation", "director:x", "genre:comedy"));
    }

    @BeforeAll
    static void registerModels() throws Exception {
        v1 = MODELS.register(TestModels.factorModel(), 0.91, contentIndex());
        v2 = MODELS.register(TestModels.popularityModel(), 1.25);
        v3 = MODELS.register(TestModels.easeModelOfFirstFour(), 1.0);
        MODELS.champion(v1);
    }

    @DynamicPropertySource
    static void modelSettings(DynamicPropertyRegistry registry) {
        MODELS.servingProperties(registry);
        registry.add("serving.recommendation.mean-damping", () -> "1");
    }

    @BeforeEach
    void moviesUsersAndChampion() {
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(5, 'Alien', 'alien', 1979, '{horror,sci-fi}'), "
                + "(6, 'Amelie', 'amelie', 2001, '{comedy,romance}'), "
                + "(7, 'Up', 'up', 2009, '{adventure,animation}'), "
                + "(8, 'Se7en', 'se7en', 1995, '{crime,thriller}'), "
                + "(9, 'Heat', 'heat', 1986, '{drama}')");
        ada = signUp("Ada", ADA.username(), ADA.password());
        bob = signUp("Bob", BOB.username(), BOB.password());
        carol = signUp("Carol", CAROL.username(), CAROL.password());
        // a predictor alias on a version that predicts no ratings (popularity) is as good as none: predictions
        // come from the ranker when it predicts ratings, else from damped means (an alias that is removed leaves
        // the version it named in service, as for the ranker)
        MODELS.predictorChampion(v2);
        champion(v1);
    }

    private void champion(int version) {
        MODELS.champion(version);
        Reply reply = call(HttpMethod.POST, "/api/model/reload", ADMIN_LOGIN, null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().path("model").path("version").asInt()).isEqualTo(version);
    }

    private void rate(long user, Login login, int movie, double rating) {
        Reply reply = call(HttpMethod.POST, "/api/users/" + user + "/ratings", login,
                toJson(Map.of("movieId", movie, "rating", rating)));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    private JsonNode prediction(long user, Login login, int movie) {
        Reply reply = get("/api/users/" + user + "/predictions/" + movie, login);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private static List<Integer> ids(JsonNode items) {
        return items.valueStream().map(item -> item.path("movieId").asInt()).toList();
    }

    private static List<Double> similarities(JsonNode items) {
        return items.valueStream().map(item -> item.path("similarity").asDouble()).toList();
    }

    @Test
    void aRatingModelPredictsFromTheUsersCurrentRatings() {
        rate(ada, ADA, 1, 5.0);
        // fold-in of one rating (residual 5 - 3.5 - 0.5 = 1): user factor = user bias = 1 / 2.1
        JsonNode jumanji = prediction(ada, ADA, 2);
        assertThat(jumanji.path("strategy").asString()).isEqualTo("model");
        assertThat(jumanji.path("modelName").asString()).isEqualTo(MODELS.name());
        assertThat(jumanji.path("modelVersion").asInt()).isEqualTo(v1);
        assertThat(jumanji.path("modelRole").asString()).as("the predictor predicts no ratings").isEqualTo("ranker");
        assertThat(jumanji.path("title").asString()).isEqualTo("Jumanji");
        assertThat(jumanji.path("prediction").asDouble()).isCloseTo(3.5 + 0.4 + 2 / 2.1, within(1e-4));
        assertThat(jumanji.path("recommended").asBoolean()).isTrue();
        assertThat(jumanji.path("likedThreshold").asDouble()).isEqualTo(3.5);
        // movie 8, factor -1: 3.5 - 0.2 - 1 / 2.1 + 1 / 2.1 = 3.3, below the threshold
        JsonNode se7en = prediction(ada, ADMIN_LOGIN, 8);
        assertThat(se7en.path("prediction").asDouble()).isCloseTo(3.3, within(1e-4));
        assertThat(se7en.path("recommended").asBoolean()).isFalse();
        // no ratings: the fold-in is zero, the prediction mu + bias
        assertThat(prediction(bob, BOB, 2).path("prediction").asDouble()).isCloseTo(3.9, within(1e-5));

        rate(ada, ADA, 2, 0.5);   // the next prediction counts it at once
        assertThat(prediction(ada, ADA, 3).path("prediction").asDouble()).isLessThan(3.5 + 0.3);
    }

    @Test
    void theRatingPredictorPredictsWhileTheRankerRanks() {
        rate(ada, ADA, 1, 5.0);
        MODELS.predictorChampion(v1);   // the one-factor MF predicts
        champion(v2);                   // popularity ranks

        JsonNode model = get("/api/model", ANONYMOUS).body();
        assertThat(model.path("role").asString()).isEqualTo("ranker");
        assertThat(model.path("type").asString()).isEqualTo("popularity");
        assertThat(model.path("predictor").path("alias").asString()).isEqualTo("predictor-champion");
        assertThat(model.path("predictor").path("version").asInt()).isEqualTo(v1);
        assertThat(model.path("predictor").path("type").asString()).isEqualTo("mf");

        JsonNode jumanji = prediction(ada, ADA, 2);
        assertThat(jumanji.path("strategy").asString()).isEqualTo("model");
        assertThat(jumanji.path("modelVersion").asInt()).isEqualTo(v1);
        assertThat(jumanji.path("modelRole").asString()).isEqualTo("predictor");
        assertThat(jumanji.path("prediction").asDouble()).isCloseTo(3.5 + 0.4 + 2 / 2.1, within(1e-4));
        assertThat(jumanji.has("yourRating")).as("not rated").isFalse();
        // a title the user rated: their rating beside the prediction
        JsonNode toyStory = prediction(ada, ADA, 1);
        assertThat(toyStory.path("yourRating").asDouble()).isEqualTo(5.0);
        assertThat(toyStory.path("modelRole").asString()).isEqualTo("predictor");

        Reply top = get("/api/users/" + ada + "/recommendations", ADA);
        assertThat(top.body().path("modelVersion").asInt()).as("the ranker ranks").isEqualTo(v2);
        assertThat(ids(top.body().path("items"))).startsWith(8, 7);
    }

    @Test
    void withoutARatingModelTheDampedMeanAnswers() {
        rate(bob, BOB, 4, 5.0);
        rate(bob, BOB, 5, 3.0);
        rate(carol, CAROL, 4, 4.0);
        rate(carol, CAROL, 6, 1.0);
        champion(v2);   // popularity ranks but predicts no ratings; the reload re-reads the damped means
        // mu = 13 / 4 = 3.25, m = 1: movie 4 (9 + 3.25) / 3, movie 6 (1 + 3.25) / 2, movie 1 unrated: mu
        JsonNode sabrina = prediction(ada, ADA, 4);
        assertThat(sabrina.path("strategy").asString()).isEqualTo("damped-mean");
        assertThat(sabrina.path("modelVersion").isNull()).isTrue();
        assertThat(sabrina.path("prediction").asDouble()).isCloseTo(12.25 / 3, within(1e-5));
        assertThat(sabrina.path("recommended").asBoolean()).isTrue();
        JsonNode amelie = prediction(ada, ADA, 6);
        assertThat(amelie.path("prediction").asDouble()).isCloseTo(2.125, within(1e-5));
        assertThat(amelie.path("recommended").asBoolean()).isFalse();
        assertThat(prediction(ada, ADA, 1).path("prediction").asDouble()).isCloseTo(3.25, within(1e-5));

        champion(v1);   // a rating model that does not know the movie falls back the same way
        JsonNode otherHeat = prediction(ada, ADA, 9);
        assertThat(otherHeat.path("strategy").asString()).isEqualTo("damped-mean");
        assertThat(otherHeat.path("prediction").asDouble()).isCloseTo(3.25, within(1e-5));
        assertThat(prediction(ada, ADA, 4).path("strategy").asString()).isEqualTo("model");
    }

    @Test
    void anEaseModelOffersItsItemItemWeightsAsSimilarTitles() {
        champion(v3);   // movie 1's row: 0.5 towards movie 2, 0.4 towards 3, 0.3 towards 4

        JsonNode body = get("/api/movies/1/similar", ANONYMOUS).body();
        assertThat(body.path("byModelMeasure").asString()).isEqualTo("ease-weight");
        assertThat(ids(body.path("byModel"))).containsExactly(2, 3, 4);
        assertThat(similarities(body.path("byModel"))).zipSatisfy(List.of(0.5, 0.4, 0.3),
                (actual, expected) -> assertThat(actual).isCloseTo(expected, within(1e-6)));
        assertThat(ids(get("/api/movies/1/similar?n=2", ANONYMOUS).body().path("byModel"))).containsExactly(2, 3);
        // a movie whose row holds nothing: no similar titles by model, not an error
        assertThat(get("/api/movies/5/similar", ANONYMOUS).body().path("byModel").isEmpty()).isTrue();
        // a factor model answers with cosines
        champion(v1);
        assertThat(get("/api/movies/1/similar", ANONYMOUS).body().path("byModelMeasure").asString()).isEqualTo("cosine");
    }

    @Test
    void predictionsAreTheUsersOwnAndNameWhatIsWrong() {
        assertThat(get("/api/users/" + ada + "/predictions/2", BOB).status()).isEqualTo(403);
        assertThat(get("/api/users/" + ada + "/predictions/2", ANONYMOUS).status()).isEqualTo(401);
        Reply unknownMovie = get("/api/users/" + ada + "/predictions/999", ADA);
        assertThat(unknownMovie.status()).isEqualTo(404);
        assertThat(unknownMovie.detail()).contains("999");
        assertThat(get("/api/users/999999999/predictions/2", ADMIN_LOGIN).status()).isEqualTo(404);
        Reply notANumber = get("/api/users/" + ada + "/predictions/two", ADA);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.detail()).contains("movieId");
        assertThat(get("/api/users/" + ada + "/predictions/99999999999", ADA).status()).isEqualTo(400);
    }

    @Test
    void similarTitlesByContentAndByItemVectors() {
        Reply reply = get("/api/movies/1/similar", ANONYMOUS);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.path("movie").path("title").asString()).isEqualTo("Toy Story");
        assertThat(body.path("modelVersion").asInt()).isEqualTo(v1);
        assertThat(ids(body.path("byContent"))).containsExactly(2, 4);
        assertThat(similarities(body.path("byContent"))).zipSatisfy(List.of(0.6, 0.48),
                (actual, expected) -> assertThat(actual).isCloseTo(expected, within(1e-6)));
        JsonNode first = body.path("byContent").get(0);
        assertThat(first.path("title").asString()).isEqualTo("Jumanji");
        assertThat(first.path("year").asInt()).isEqualTo(1995);
        assertThat(first.path("genres").valueStream().map(JsonNode::asString)).containsExactly("adventure");
        // unit vectors +1 / -1: movies 2-4 at cosine 1, then 5 and 6 at -1 (ties by lower id), n = 5 by default
        assertThat(ids(body.path("byModel"))).containsExactly(2, 3, 4, 5, 6);
        assertThat(similarities(body.path("byModel"))).containsExactly(1.0, 1.0, 1.0, -1.0, -1.0);

        JsonNode one = get("/api/movies/4/similar?n=1", ANONYMOUS).body();
        assertThat(ids(one.path("byContent"))).containsExactly(1);
        assertThat(ids(one.path("byModel"))).containsExactly(1);
        assertThat(ids(get("/api/movies/6/similar?n=2", ANONYMOUS).body().path("byModel"))).containsExactly(5, 7);
        assertThat(ids(get("/api/movies/3/similar", ANONYMOUS).body().path("byContent"))).isEmpty();
        JsonNode unknownToTheModel = get("/api/movies/9/similar", ANONYMOUS).body();
        assertThat(ids(unknownToTheModel.path("byContent"))).isEmpty();
        assertThat(ids(unknownToTheModel.path("byModel"))).isEmpty();

        champion(v2);   // no content index, no item vectors
        JsonNode none = get("/api/movies/1/similar", ANONYMOUS).body();
        assertThat(none.path("modelVersion").asInt()).isEqualTo(v2);
        assertThat(none.path("byContent").isNull()).isTrue();
        assertThat(none.path("byModel").isNull()).isTrue();
    }

    @Test
    void similarTitlesAreOpenToEveryoneUnderApiMoviesOnly() {
        // the two similar-title endpoints answer without a login, as every GET under /api/movies does
        assertThat(get("/api/movies/1/similar", ANONYMOUS).status()).isEqualTo(200);
        assertThat(get("/api/movies/similar?title=toy story", ANONYMOUS).status()).isEqualTo(200);
        // /api/similar/** maps to nothing: no login is needed to learn that no path is there, as anywhere else
        for (String path : List.of("/api/similar/1", "/api/similar/movies/1", "/api/similar")) {
            assertThat(get(path, ANONYMOUS).status()).as(path).isEqualTo(401);
            assertThat(get(path, ADMIN_LOGIN).status()).as(path).isEqualTo(404);
        }
        assertThat(get("/api/nothing-here/1", ANONYMOUS).status()).isEqualTo(401);
    }

    @Test
    void similarTitleParametersAreChecked() {
        assertThat(get("/api/movies/999/similar", ANONYMOUS).status()).isEqualTo(404);
        for (String query : List.of("?n=0", "?n=101", "?n=five", "?n=99999999999")) {
            Reply reply = get("/api/movies/1/similar" + query, ANONYMOUS);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.detail()).as(query).contains("n");
        }
        assertThat(get("/api/movies/x/similar", ANONYMOUS).status()).isEqualTo(400);
        for (String query : List.of("", "?title=", "?title= ", "?title=Heat&year=year", "?title=Heat&year=10000",
                "?title=" + "x".repeat(501), "?title=a\u0000b")) {
            assertThat(get("/api/movies/similar" + query, ANONYMOUS).status()).as(query).isEqualTo(400);
        }
    }

    @Test
    void aTitleIsFoundExactlyInAnyCase() {
        Reply toyStory = get("/api/movies/similar?title=toy STORY", ANONYMOUS);
        assertThat(toyStory.status()).as(toyStory.text()).isEqualTo(200);
        assertThat(toyStory.body().path("movie").path("movieId").asInt()).isEqualTo(1);
        assertThat(ids(toyStory.body().path("byContent"))).containsExactly(2, 4);
        assertThat(get("/api/movies/similar?title=Toy", ANONYMOUS).status()).isEqualTo(404);
        Reply unknown = get("/api/movies/similar?title=Nope", ANONYMOUS);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).contains("Nope");

        Reply heat = get("/api/movies/similar?title=HEAT", ANONYMOUS);
        assertThat(heat.status()).as(heat.text()).isEqualTo(409);
        assertThat(heat.detail()).contains("2 movies").contains("year");
        JsonNode candidates = heat.body().path("candidates");
        assertThat(ids(candidates)).containsExactly(9, 3);
        assertThat(candidates.valueStream().map(c -> c.path("year").asInt())).containsExactly(1986, 1995);
        assertThat(candidates.get(1).path("title").asString()).isEqualTo("Heat");

        Reply heat1995 = get("/api/movies/similar?title=heat&year=1995", ANONYMOUS);
        assertThat(heat1995.status()).isEqualTo(200);
        assertThat(heat1995.body().path("movie").path("movieId").asInt()).isEqualTo(3);
        assertThat(get("/api/movies/similar?title=heat&year=1986", ANONYMOUS).body().path("movie").path("movieId")
                .asInt()).isEqualTo(9);
        assertThat(get("/api/movies/similar?title=heat&year=2000", ANONYMOUS).status()).isEqualTo(404);
    }
    @Test
    void aTitleIsFoundAsPeopleWriteIt() {
        // MovieLens's spellings; movie 6 "Amelie" leaves, so that "amelie" names one movie
        jdbc.update("delete from movies where movie_id = 6");
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(2571, 'Matrix, The', 'the matrix', 1999, '{action}'), "
                + "(4973, 'Amélie (Fabuleux destin d''Amélie Poulain, Le)', 'amelie fabuleux destin d amelie poulain le', "
                + "2001, '{comedy}'), "
                + "(47, 'Seven (a.k.a. Se7en)', 'seven a k a se7en', 1995, '{thriller}')");
        champion(v1); // the reload reads the catalogue again
        for (String matrix : List.of("The Matrix", "the matrix", "Matrix, The", "THE MATRIX!")) {
            Reply reply = get("/api/movies/similar?title=" + matrix, ANONYMOUS);
            assertThat(reply.status()).as(matrix + ": " + reply.text()).isEqualTo(200);
            assertThat(reply.body().path("movie").path("movieId").asInt()).isEqualTo(2571);
            assertThat(reply.body().path("movie").path("title").asString()).isEqualTo("Matrix, The");
        }
        for (String amelie : List.of("amelie", "Amelie", "Amélie", "Le Fabuleux Destin d'Amélie Poulain",
                "Amélie (Fabuleux destin d'Amélie Poulain, Le)")) {
            Reply reply = get("/api/movies/similar?title=" + amelie + "&year=2001", ANONYMOUS);
            assertThat(reply.status()).as(amelie + ": " + reply.text()).isEqualTo(200);
            assertThat(reply.body().path("movie").path("movieId").asInt()).isEqualTo(4973);
        }
        Reply se7en = get("/api/movies/similar?title=se7en", ANONYMOUS);
        assertThat(se7en.status()).as(se7en.text()).isEqualTo(409);
        assertThat(ids(se7en.body().path("candidates"))).as("movie 8 by its title, 47 by its a.k.a. name")
                .containsExactly(8, 47);
        assertThat(get("/api/movies/similar?title=Matrix", ANONYMOUS).status()).as("whole names only").isEqualTo(404);
    }

    @Test
    void aTitleNoMovieHasIsNotFoundWithTheClosestTitles() {
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(2571, 'Matrix, The', 'the matrix', 1999, '{action}'), "
                + "(6365, 'Matrix Reloaded, The', 'the matrix reloaded', 2003, '{action}')");
        Reply matrix = get("/api/movies/similar?title=The Matirx", ANONYMOUS);
        assertThat(matrix.status()).as(matrix.text()).isEqualTo(404);
        assertThat(matrix.detail()).contains("'The Matirx'").contains("closest");
        JsonNode suggestions = matrix.body().path("suggestions");
        assertThat(ids(suggestions)).as("titles that share little with it are left out").containsExactly(2571, 6365);
        assertThat(suggestions.get(0).path("title").asString()).isEqualTo("Matrix, The");
        assertThat(suggestions.get(0).path("year").asInt()).isEqualTo(1999);

        Reply jumanji = get("/api/movies/similar?title=jumanjii&year=1995", ANONYMOUS);
        assertThat(jumanji.status()).isEqualTo(404);
        assertThat(ids(jumanji.body().path("suggestions")).get(0)).isEqualTo(2);
        assertThat(ids(get("/api/movies/similar?title=heat&year=2000", ANONYMOUS).body().path("suggestions")))
                .as("the year asked does not narrow the suggestions").startsWith(3, 9);
        Reply noLetters = get("/api/movies/similar?title=%%", ANONYMOUS);
        assertThat(noLetters.status()).isEqualTo(404);
        assertThat(noLetters.body().path("suggestions").isEmpty()).isTrue();
    }

    @Test
    void titlesSimilarToAMovieAreRankedForTheUser() {
        rate(ada, ADA, 1, 5.0);
        // candidates for Jumanji (2): Toy Story (content 0.6, vectors 1), 3 and 4 (vectors 1), 5-8 (vectors -1);
        // Ada's fold-in (see above) scores 3: 3.5 + 0.3 + 2 / 2.1, 4: 3.5 + 0.2 + 2 / 2.1, 5: 3.6, ... 8: 3.3
        Reply reply = get("/api/users/" + ada + "/recommendations?similarTo=2&n=3", ADA);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.path("strategy").asString()).isEqualTo("model");
        assertThat(body.path("modelVersion").asInt()).isEqualTo(v1);
        assertThat(body.path("similarTo").path("title").asString()).isEqualTo("Jumanji");
        assertThat(ids(body.path("items"))).containsExactly(3, 4, 5);
        assertThat(body.path("items").get(0).path("score").asDouble()).isCloseTo(3.8 + 2 / 2.1, within(1e-4));
        assertThat(similarities(body.path("items"))).containsExactly(1.0, 1.0, -1.0);
        assertThat(ids(get("/api/users/" + ada + "/recommendations?similarTo=2&genre=crime", ADA).body()
                .path("items"))).containsExactly(3, 8);

        // without ratings: most similar first, the similarity as the score; the movie itself never listed
        JsonNode bobs = get("/api/users/" + bob + "/recommendations?similarTo=1&n=4", BOB).body();
        assertThat(bobs.path("strategy").asString()).isEqualTo("similarity");
        assertThat(ids(bobs.path("items"))).containsExactly(2, 3, 4, 5);
        assertThat(bobs.path("items").get(0).path("score").asDouble()).isEqualTo(1.0);
        // a movie the model does not know has no similar titles; a plain top-N has no similarTo nor similarity
        assertThat(ids(get("/api/users/" + ada + "/recommendations?similarTo=9", ADA).body().path("items"))).isEmpty();
        JsonNode plain = get("/api/users/" + ada + "/recommendations?n=1", ADA).body();
        assertThat(plain.has("similarTo")).isFalse();
        assertThat(plain.path("items").get(0).has("similarity")).isFalse();

        champion(v2);   // popularity: no content index, no item vectors, so nothing is similar
        assertThat(ids(get("/api/users/" + ada + "/recommendations?similarTo=2", ADA).body().path("items"))).isEmpty();
    }

    @Test
    void similarToIsCheckedLikeEveryParameter() {
        assertThat(get("/api/users/" + ada + "/recommendations?similarTo=999", ADA).status()).isEqualTo(404);
        assertThat(get("/api/users/" + ada + "/recommendations?similarTo=x", ADA).detail()).contains("similarTo");
        assertThat(get("/api/users/" + ada + "/recommendations?similarTo=2", BOB).status()).isEqualTo(403);
        assertThat(get("/api/users/" + ada + "/recommendations?similarTo=2", ANONYMOUS).status()).isEqualTo(401);
    }

    @Test
    void answersAreCountedByStrategy() {
        rate(ada, ADA, 1, 5.0);
        double similarModel = counter("movierec_recommendations_total{kind=\"similar-to\",strategy=\"model\"}");
        double predictedByModel = counter("movierec_predictions_total{strategy=\"model\"}");
        double dampedMeans = counter("movierec_predictions_total{strategy=\"damped-mean\"}");
        double byContent = counter("movierec_similar_total{by=\"content\"}");

        get("/api/users/" + ada + "/recommendations?similarTo=2", ADA);
        prediction(ada, ADA, 2);
        prediction(ada, ADA, 9);
        prediction(ada, ADA, 9);
        get("/api/movies/1/similar", ANONYMOUS);

        assertThat(counter("movierec_recommendations_total{kind=\"similar-to\",strategy=\"model\"}"))
                .isEqualTo(similarModel + 1);
        assertThat(counter("movierec_predictions_total{strategy=\"model\"}")).isEqualTo(predictedByModel + 1);
        assertThat(counter("movierec_predictions_total{strategy=\"damped-mean\"}")).isEqualTo(dampedMeans + 2);
        assertThat(counter("movierec_similar_total{by=\"content\"}")).isEqualTo(byContent + 1);
    }

    @Test
    void aPredictionTheUserThenRatesCountsInTheOnlineRmseAndColdStartAnswersHaveTheirShare() {
        rate(ada, ADA, 1, 5.0);
        double squared = counter("movierec_online_squared_error_total{strategy=\"model\"}");
        double followed = counter("movierec_online_rated_predictions_total{strategy=\"model\"}");
        double damped = counter("movierec_online_rated_predictions_total{strategy=\"damped-mean\"}");

        double predicted = prediction(ada, ADA, 2).path("prediction").asDouble();   // 3.5 + 0.4 + 2 / 2.1
        prediction(ada, ADA, 8);   // never rated: never counted
        prediction(ada, ADA, 1);   // already rated: not a prediction of something to come
        rate(ada, ADA, 2, 3.0);
        Reply changed = call(HttpMethod.PUT, "/api/users/" + ada + "/ratings/2", ADA, toJson(Map.of("rating", 1.0)));
        assertThat(changed.status()).as("a changed rating is not counted again").isEqualTo(200);

        assertThat(counter("movierec_online_rated_predictions_total{strategy=\"model\"}")).isEqualTo(followed + 1);
        assertThat(counter("movierec_online_squared_error_total{strategy=\"model\"}"))
                .isCloseTo(squared + (predicted - 3.0) * (predicted - 3.0), within(1e-4));
        assertThat(counter("movierec_online_rmse{strategy=\"model\"}")).isCloseTo(Math.sqrt(
                counter("movierec_online_squared_error_total{strategy=\"model\"}")
                        / counter("movierec_online_rated_predictions_total{strategy=\"model\"}")), within(1e-6));
        assertThat(counter("movierec_online_rated_predictions_total{strategy=\"damped-mean\"}")).isEqualTo(damped);

        get("/api/users/" + carol + "/recommendations", CAROL);   // no ratings: the cold-start ranking
        get("/api/users/" + ada + "/recommendations", ADA);
        double cold = counter("movierec_recommendations_total{kind=\"top-n\",strategy=\"cold-start\"}");
        double byModel = counter("movierec_recommendations_total{kind=\"top-n\",strategy=\"model\"}");
        assertThat(cold).isPositive();
        assertThat(byModel).isPositive();
        assertThat(counter("movierec_topn_cold_start_share")).isCloseTo(cold / (cold + byModel), within(1e-9));
    }

    /** A counter's value from the Prometheus scrape (0 when not there yet). */
    private double counter(String series) {
        return get("/actuator/prometheus", ADMIN_LOGIN).text().lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }
}
