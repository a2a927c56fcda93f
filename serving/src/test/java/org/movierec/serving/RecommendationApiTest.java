package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Top-N over real HTTP with models registered in the real MLflow server: version 1 (a one-factor MF, see
 * {@link TestModels#factorModel()}) is the champion at start; version 2 (popularity) and version 3 (corrupt)
 * are registered too, for the swap and the refusal. Cold start uses a damping of 1 so its numbers are easy.
 */
class RecommendationApiTest extends ApiTest {

    @RegisterExtension
    static final TestModels MODELS = new TestModels();
    private static int v1;
    private static int v2;
    private static int v3;
    private static int v4;

    private static final Login ADA = new Login("ada@example.org", "analytical-engine");
    private static final Login BOB = new Login("bob@example.org", "bob-password");
    private static final Login CAROL = new Login("carol@example.org", "carol-password");
    private long ada;
    private long bob;
    private long carol;

    @BeforeAll
    static void registerModels() throws Exception {
        v1 = MODELS.register(TestModels.factorModel(), 0.91);
        v2 = MODELS.register(TestModels.popularityModel(), 1.25);
        v3 = MODELS.registerCorrupt();
        v4 = MODELS.register(TestModels.easeModelOfFirstFour(), 1.0);
        MODELS.champion(v1);
    }

    @DynamicPropertySource
    static void modelSettings(DynamicPropertyRegistry registry) {
        MODELS.servingProperties(registry);
        registry.add("serving.recommendation.mean-damping", () -> "1");
    }

    @BeforeEach
    void catalogueUsersAndChampion() {
        jdbc.execute("truncate catalog_titles, catalog_title_movies");
        jdbc.update("insert into movies (movie_id, title, title_key, year, genres) values "
                + "(5, 'Alien', 'alien', 1979, '{horror,sci-fi}'), "
                + "(6, 'Amelie', 'amelie', 2001, '{comedy,romance}'), "
                + "(7, 'Up', 'up', 2009, '{adventure,animation}'), "
                + "(8, 'Se7en', 'se7en', 1995, '{crime,thriller}')");
        jdbc.update("insert into catalog_titles (title_id, platform, show_id, type, title, title_key, rating) values "
                + "('ns1', 'netflix', 's1', 'movie', 'heat', 'heat', 'r'), "
                + "('as1', 'amazon', 's1', 'movie', 'heat', 'heat', 'r'), "
                + "('hs1', 'hulu', 's1', 'movie', 'up', 'up', 'g'), "
                + "('ns2', 'netflix', 's2', 'movie', 'se7en', 'se7en', 'r')");
        jdbc.update("insert into catalog_title_movies (title_id, movie_id) values "
                + "('ns1', 3), ('as1', 3), ('hs1', 7), ('ns2', 8)");
        ada = signUp("Ada", ADA.username(), ADA.password());
        bob = signUp("Bob", BOB.username(), BOB.password());
        carol = signUp("Carol", CAROL.username(), CAROL.password());
        MODELS.champion(v1);
        reload();
    }

    private JsonNode reload() {
        Reply reply = call(HttpMethod.POST, "/api/model/reload", ADMIN_LOGIN, null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private void rate(long user, Login login, int movie, double rating) {
        Reply reply = call(HttpMethod.POST, "/api/users/" + user + "/ratings", login,
                toJson(Map.of("movieId", movie, "rating", rating)));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    private Reply recommendations(long user, Login login, String query) {
        return get("/api/users/" + user + "/recommendations" + query, login);
    }

    private static List<Integer> movieIds(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body().path("items").valueStream().map(item -> item.path("movieId").asInt()).toList();
    }

    @Test
    void theModelEndpointDescribesTheChampion() {
        JsonNode model = get("/api/model", ANONYMOUS).body();

        assertThat(model.path("loaded").asBoolean()).isTrue();
        assertThat(model.path("name").asString()).isEqualTo(MODELS.name());
        assertThat(model.path("version").asInt()).isEqualTo(v1);
        assertThat(model.path("runId").asString()).isEqualTo(MODELS.runIdOf(v1));
        assertThat(model.path("type").asString()).isEqualTo("mf");
        assertThat(model.path("metrics").path("rmse").asDouble()).isEqualTo(0.91);
        assertThat(model.path("loadedAt").asString()).isNotBlank();
        // the run in MLflow's UI, in the Model training view (TestModels' runs are in the Default experiment, 0)
        assertThat(model.path("mlflowRunUrl").asString()).isEqualTo(TestModels.URL.replaceAll("/+$", "")
                + "/#/experiments/0/runs/" + MODELS.runIdOf(v1) + "?workflowType=machine_learning");

        JsonNode health = get("/actuator/health", ADMIN_LOGIN).body().path("components").path("model");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("loaded").asBoolean()).isTrue();
        assertThat(health.path("details").path("version").asInt()).isEqualTo(v1);
        JsonNode paths = get("/v3/api-docs", ANONYMOUS).body().path("paths");
        assertThat(paths.has("/api/model")).isTrue();
        assertThat(paths.has("/api/model/reload")).isTrue();
        assertThat(paths.has("/api/users/{id}/recommendations")).isTrue();
        String metrics = get("/actuator/prometheus", ADMIN_LOGIN).text();
        assertThat(metrics).contains("movierec_model_version{model=\"" + MODELS.name() + "\",role=\"ranker\"} " + v1
                + ".0").contains("movierec_model_version{model=\"" + MODELS.name() + "\",role=\"predictor\"} 0.0");
    }

    @Test
    void ratedTitlesAreLeftOutAndTheUsersLatestRatingsCount() {
        rate(ada, ADA, 1, 5.0);
        // fold-in of one rating (residual 5 - 3.5 - 0.5 = 1): user factor = user bias = 1 / 2.1, so movies 2-4
        // (factor +1) gain 0.95 over movies 5-8 and keep their bias order
        Reply first = recommendations(ada, ADA, "");
        assertThat(first.body().path("strategy").asString()).isEqualTo("model");
        assertThat(first.body().path("modelVersion").asInt()).isEqualTo(v1);
        assertThat(movieIds(first)).containsExactly(2, 3, 4, 5, 6, 7, 8);
        JsonNode top = first.body().path("items").get(0);
        assertThat(top.path("title").asString()).isEqualTo("Jumanji");
        assertThat(top.path("year").asInt()).isEqualTo(1995);
        assertThat(top.path("genres").valueStream().map(JsonNode::asString)).containsExactly("adventure");
        assertThat(top.path("score").asDouble()).isCloseTo(3.5 + 0.4 + 2 / 2.1, org.assertj.core.data.Offset.offset(1e-4));

        rate(ada, ADA, 2, 0.5);
        // residuals 1 and -3.4 on two movies of factor +1 push the user's factor below zero: movies 5-8 now lead
        Reply second = recommendations(ada, ADA, "");
        assertThat(movieIds(second)).containsExactly(5, 6, 7, 8, 3, 4);
    }

    @Test
    void anAnswerIsGivenAgainOnlyWhileTheUsersRatingsStayTheSame() {
        rate(ada, ADA, 1, 5.0);
        Reply first = recommendations(ada, ADA, "");
        double hits = answersKept("hit");

        Reply again = recommendations(ada, ADA, "");
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(answersKept("hit")).isEqualTo(hits + 1);
        // another n or other filters are other answers
        assertThat(movieIds(recommendations(ada, ADA, "?n=2"))).containsExactly(2, 3);
        assertThat(movieIds(recommendations(ada, ADA, "?genre=adventure"))).containsExactly(2, 7);
        assertThat(answersKept("hit")).isEqualTo(hits + 1);

        // the catalogue read again (a reload): the answer is made again, with the title as it is now
        jdbc.update("update movies set title = 'Jumanji (1995 edition)' where movie_id = 2");
        reload();
        Reply reread = recommendations(ada, ADA, "");
        assertThat(reread.body().path("items").get(0).path("title").asString()).isEqualTo("Jumanji (1995 edition)");
        assertThat(answersKept("hit")).isEqualTo(hits + 1);

        // a rating changed behind this replica's back (another replica's write) counts at the next request
        jdbc.update("update ratings set rating = 0.5 where user_id = ? and movie_id = 1", ada);
        Reply changed = recommendations(ada, ADA, "");
        assertThat(movieIds(changed)).isNotEqualTo(movieIds(first)).startsWith(5);
        assertThat(answersKept("hit")).isEqualTo(hits + 1);
    }

    private double answersKept(String result) {
        String metrics = get("/actuator/prometheus", ADMIN_LOGIN).text();
        Matcher matcher = Pattern.compile(
                "^movierec_topn_answers_total\\{result=\"" + result + "\"\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(matcher.find()).as(metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void everyRatingOfAUserWithManyCounts() {
        // 300 ratings of movies the model does not know, with ids below the model's, so that the rating of movie 1
        // is the 301st row read
        jdbc.update("insert into movies (movie_id, title, title_key, genres) select -g, 'Filler ' || g, 'filler ' || g, "
                + "'{drama}' from generate_series(1, 300) g");
        jdbc.update("insert into ratings select ?, -g, 2.0, now() from generate_series(1, 300) g", ada);
        rate(ada, ADA, 1, 5.0);

        // as with movie 1 rated alone (the other ratings are of movies the model cannot score)
        assertThat(movieIds(recommendations(ada, ADA, ""))).containsExactly(2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void aUserWithoutRatingsGetsTheColdStartRanking() {
        rate(bob, BOB, 4, 5.0);
        rate(bob, BOB, 5, 3.0);
        rate(carol, CAROL, 4, 4.0);
        rate(carol, CAROL, 6, 4.5);
        reload();   // the cold-start ranking is read with each reload
        // ratings at or above 3.5: movie 4 twice, movie 6 once, movie 5 never
        Reply reply = recommendations(ada, ADA, "");

        assertThat(reply.body().path("strategy").asString()).isEqualTo("cold-start");
        assertThat(reply.body().path("modelVersion").isNull() || reply.body().path("modelVersion").isMissingNode())
                .isTrue();
        assertThat(movieIds(reply)).containsExactly(4, 6, 5);
        List<Double> scores = reply.body().path("items").valueStream().map(i -> i.path("score").asDouble()).toList();
        assertThat(scores).containsExactly(2.0, 1.0, 0.0);
        // cold start leaves out what the user rated and applies the filters too
        assertThat(movieIds(recommendations(ada, ADA, "?genre=Comedy"))).containsExactly(4, 6);
        assertThat(movieIds(recommendations(bob, ADMIN_LOGIN, "?n=1"))).hasSize(1);
    }

    @Test
    void filtersNarrowTheAnswer() {
        rate(ada, ADA, 1, 5.0);

        assertThat(movieIds(recommendations(ada, ADA, "?genre=ADVENTURE"))).containsExactly(2, 7);
        assertThat(movieIds(recommendations(ada, ADA, "?yearFrom=2000"))).containsExactly(6, 7);
        assertThat(movieIds(recommendations(ada, ADA, "?yearFrom=1979&yearTo=1979"))).containsExactly(5);
        assertThat(movieIds(recommendations(ada, ADA, "?n=2"))).containsExactly(2, 3);
        Reply netflix = recommendations(ada, ADA, "?platform=netflix");
        assertThat(movieIds(netflix)).containsExactly(3, 8);
        assertThat(netflix.body().path("items").get(0).path("platforms").valueStream().map(JsonNode::asString))
                .containsExactly("amazon", "netflix");
        assertThat(movieIds(recommendations(ada, ADA, "?platform=hulu, Amazon"))).containsExactly(3, 7);
        assertThat(movieIds(recommendations(ada, ADA, "?platform=disney"))).isEmpty();
        assertThat(movieIds(recommendations(ada, ADA, "?genre=crime&platform=netflix&yearTo=1990"))).isEmpty();
    }

    @Test
    void titlesTheModelCannotScoreComeAfterTheScoredOnesInTheColdStartOrderAndLabelledSo() {
        rate(bob, BOB, 5, 4.0);   // movie 5 enters the cold-start ranking
        rate(ada, ADA, 1, 5.0);
        MODELS.champion(v4);
        reload();

        Reply alien = recommendations(ada, ADA, "?yearFrom=1979&yearTo=1979");
        assertThat(movieIds(alien)).containsExactly(5);
        JsonNode item = alien.body().path("items").get(0);
        assertThat(item.path("fallback").asString()).isEqualTo("cold-start");
        assertThat(item.path("score").asDouble()).as("the damped mean, not a placeholder").isBetween(0.5, 5.0);
        assertThat(alien.body().path("requested").asInt()).isEqualTo(10);
        assertThat(alien.body().path("strategy").asString()).isEqualTo("model");

        Reply all = recommendations(ada, ADA, "?n=8");
        List<Integer> ids = movieIds(all);
        assertThat(ids).startsWith(2, 3, 4).contains(5).doesNotContain(1);
        all.body().path("items").valueStream().forEach(each -> {
            assertThat(each.path("score").asDouble()).as(each.toString()).isGreaterThan(-1e30);
            assertThat(each.has("fallback")).as(each.toString()).isEqualTo(each.path("movieId").asInt() > 4);
        });
        assertThat(all.body().path("requested").asInt()).isEqualTo(8);

        double hits = answersKept("hit");
        Reply again = recommendations(ada, ADA, "?n=8");
        assertThat(again.text()).as("the answer kept, its fallbacks labelled again").isEqualTo(all.text());
        assertThat(answersKept("hit")).isEqualTo(hits + 1);
    }

    @Test
    void invalidParametersAreA400NamingThem() {
        Map<String, String> cases = Map.of(
                "?n=0", "n", "?n=101", "n", "?n=ten", "n", "?n=99999999999", "n",
                "?platform=netflix,hbo", "platform", "?platform=", "platform_ok",
                "?yearFrom=2000&yearTo=1990", "yearTo", "?yearFrom=x", "yearFrom", "?yearTo=100000", "yearTo");
        Map<String, String> more = Map.of("?genre=" + "x".repeat(101), "genre",
                "?platform=" + "netflix,".repeat(30) + "hulu", "platform");
        more.forEach((query, field) -> {
            Reply reply = recommendations(ada, ADA, query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.fields()).as(query).containsExactly(field);
        });
        assertThat(recommendations(ada, ADA, "?genre=' or 1=1--").status()).isEqualTo(200);
        assertThat(recommendations(ada, ADA, "?genre=\u0000' or 1=1--").fields()).as("a control character")
                .containsExactly("genre");
        cases.forEach((query, field) -> {
            Reply reply = recommendations(ada, ADA, query);
            if (field.endsWith("_ok")) {
                assertThat(reply.status()).as(query).isEqualTo(200);
            } else {
                assertThat(reply.status()).as(query).isEqualTo(400);
                assertThat(reply.detail()).as(query).startsWith("Invalid request: " + field + ":");
            }
        });
    }

    @Test
    void onlyTheUserAndTheAdminSeeRecommendations() {
        assertThat(recommendations(ada, BOB, "").status()).isEqualTo(403);
        assertThat(recommendations(ada, ANONYMOUS, "").status()).isEqualTo(401);
        assertThat(recommendations(ada, ADMIN_LOGIN, "").status()).isEqualTo(200);
        assertThat(recommendations(999_999_999L, ADMIN_LOGIN, "").status()).isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/model/reload", BOB, null).status()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "/api/model/reload", ANONYMOUS, null).status()).isEqualTo(401);
    }

    @Test
    void aNewChampionIsSwappedInWhileRequestsAreInFlight() throws Exception {
        rate(ada, ADA, 1, 5.0);
        AtomicBoolean stop = new AtomicBoolean();
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        Set<String> answers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> loops = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            loops.add(pool.submit(() -> {
                int count = 0;
                while (!stop.get()) {
                    Reply reply = recommendations(ada, ADA, "?n=3");
                    statuses.add(reply.status());
                    if (reply.status() == 200) {
                        answers.add(reply.body().path("modelVersion").asInt() + ":" + movieIds(reply));
                    }
                    count++;
                }
                return count;
            }));
        }
        Thread.sleep(500);
        MODELS.champion(v2);
        JsonNode reloaded = reload();
        Thread.sleep(500);
        stop.set(true);
        int requests = 0;
        for (Future<Integer> loop : loops) {
            requests += loop.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(reloaded.path("outcome").asString()).isEqualTo("LOADED");
        assertThat(reloaded.path("model").path("version").asInt()).isEqualTo(v2);
        assertThat(requests).isGreaterThan(3);
        assertThat(statuses).containsExactly(200);
        // version 1: the fold-in order; version 2: popularity, movie 8 first
        assertThat(answers).isSubsetOf(v1 + ":[2, 3, 4]", v2 + ":[8, 7, 6]").contains(v2 + ":[8, 7, 6]");
        assertThat(get("/api/model", ANONYMOUS).body().path("type").asString()).isEqualTo("popularity");
    }

    @Test
    void aCorruptVersionIsRefusedAndTheCurrentOneKept() {
        MODELS.champion(v3);
        JsonNode refused = reload();

        assertThat(refused.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.path("registeredVersion").asInt()).isEqualTo(v3);
        assertThat(refused.path("message").asString()).contains("model.json");
        assertThat(refused.path("model").path("version").asInt()).isEqualTo(v1);
        assertThat(get("/api/model", ANONYMOUS).body().path("version").asInt()).isEqualTo(v1);
        JsonNode again = reload();
        assertThat(again.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(again.path("message").asString()).contains("refused earlier");
        rate(ada, ADA, 1, 5.0);
        Reply reply = recommendations(ada, ADA, "");
        assertThat(reply.body().path("modelVersion").asInt()).isEqualTo(v1);
        assertThat(movieIds(reply)).startsWith(2, 3, 4);
    }
}
