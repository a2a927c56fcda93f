package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.movierec.serving.Traffic.Answer;
import org.movierec.serving.Traffic.Kind;
import org.movierec.testing.Polling;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL restarted and stopped under load, over real HTTP, on the cluster of bin/pg-faults ({@link FaultCluster}):
 * a restart costs no read (each read that meets a broken connection runs again on a fresh one) and while the database
 * is down every request is answered 503 with {@code Retry-After}, never 500; readiness is DOWN meanwhile and UP again
 * by itself, liveness stays UP; a write (a sign-up, a rating) is committed whole or answered 503 and not written,
 * unless that 503 says that the connection was lost during the commit (an outcome the driver cannot tell).
 */
@Tag("integration")
class DatabaseRestartTest {

    private static final String ADMIN = "faults-admin";
    private static final String ADMIN_PASSWORD = "faults-admin-password";
    private static final String USER_EMAIL = "reader@example.org";
    private static final String USER_PASSWORD = "reader-password";
    private static final int MOVIES = 20;
    /** The platform users the rating writes are made for ({@link #rater}); each test run rates for others. */
    private static final int RATERS = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext app;
    private static JdbcClient db;
    private static String base;
    private static String adminToken;
    private static long run;
    private final HttpClient http = HttpClient.newHttpClient();
    private Traffic traffic;

    @BeforeAll
    static void startServing() throws Exception {
        db = FaultCluster.ready();
        db.sql("truncate users, ratings, tags, movies, movie_rating_stats").update();
        for (int m = 1; m <= MOVIES; m++) {
            db.sql("insert into movies (movie_id, title, title_key, year, genres) values (?, ?, ?, 1995, '{drama}')")
                    .params(m, "Movie " + m, "movie " + m).update();
        }
        db.sql("""
                insert into users (user_id, origin, name, email, password_hash, created_at)
                values (1, 'platform', 'Reader', :email, :hash, now())""")
                .param("email", USER_EMAIL)
                .param("hash", PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(USER_PASSWORD))
                .update();
        db.sql("insert into users (user_id, origin, name) select 1000 + n, 'platform', 'Rater ' || n "
                + "from generate_series(0, :raters - 1) n").param("raters", RATERS).update();
        db.sql("insert into ratings (user_id, movie_id, rating, rated_at) "
                + "values (1, 1, 4.0, now()), (1, 2, 2.5, now())")
                .update();
        db.sql("select rebuild_movie_rating_stats()").query(Long.class).single();
        app = new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + FaultCluster.URL,
                "--spring.datasource.hikari.connection-timeout=5000",
                "--serving.admin.username=" + ADMIN, "--serving.admin.password=" + ADMIN_PASSWORD,
                "--serving.token.secret=a-token-signing-secret-for-the-fault-tests",
                "--serving.model.name=movierec-none-for-fault-tests",
                "--serving.model.poll-interval=PT1H",
                "--serving.login.sign-ups-per-address=1000000",
                "--serving.model.cache-dir=target/model-cache-fault-tests");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> token = HttpClient.newHttpClient().send(Traffic.request(base + "/api/auth/token")
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        adminToken = JSON.readTree(token.body()).path("accessToken").asString();
    }

    @AfterAll
    static void stopServing() {
        if (app != null) {
            app.close();
        }
        if (!FaultCluster.answers()) {
            FaultCluster.start();
        }
    }

    @AfterEach
    void stopTraffic() throws InterruptedException {
        if (traffic != null) {
            traffic.stop();
        }
        run++;
    }

    @Test
    void aFastRestartUnderLoadCostsNoReadAndLeavesNoHalfWrittenRow() throws Exception {
        traffic = load();
        Thread.sleep(2_000);
        long restarting = System.nanoTime();
        FaultCluster.restart();
        long restarted = System.nanoTime();
        Thread.sleep(3_000);
        List<Answer> answers = traffic.stop();
        System.out.printf("restart took %d ms; answers: %s%n", (restarted - restarting) / 1_000_000,
                Traffic.summary(answers));

        List<Answer> reads = answers.stream().filter(a -> a.kind().startsWith("read")).toList();
        assertThat(reads).as("reads during the restart").hasSizeGreaterThan(20);
        assertThat(reads).filteredOn(a -> a.status() != 200).as("reads that failed").isEmpty();
        assertThat(answers).filteredOn(a -> a.endNanos() > restarted).as("answers after the restart").isNotEmpty();
        assertOnlyOkOr503(answers);
        assertWritesWholeOrNot(answers);
    }

    @Test
    void whileTheDatabaseIsDownAnswersAre503AndReadinessIsDownUntilItComesBack() throws Exception {
        traffic = load();
        Thread.sleep(1_000);
        FaultCluster.stop();
        try {
            assertThat(Polling.await(() -> status("/actuator/health/readiness") == 503, Duration.ofSeconds(30)))
                    .as("readiness DOWN within 30 s of the stop").isTrue();
            assertThat(status("/actuator/health/liveness")).as("liveness while the database is down").isEqualTo(200);
            assertThat(Polling.await(() -> traffic.soFar().stream().anyMatch(a -> a.kind().startsWith("read")
                    && a.status() == 503), Duration.ofSeconds(30))).as("a read answered 503").isTrue();
            HttpResponse<String> login = send(Traffic.request(base + "/api/users/1")
                    .header("Authorization", basic(USER_EMAIL, USER_PASSWORD)).GET().build());
            assertThat(login.statusCode()).as("a login that needs the database: %s", login.body()).isEqualTo(503);
            assertThat(login.headers().firstValue("Retry-After")).hasValue("5");
        } finally {
            FaultCluster.start();
        }
        long started = System.nanoTime();
        assertThat(Polling.await(() -> status("/actuator/health/readiness") == 200, Duration.ofSeconds(30)))
                .as("readiness UP within 30 s of the start").isTrue();
        long ready = System.nanoTime();
        Thread.sleep(2_000);
        List<Answer> answers = traffic.stop();
        System.out.printf("ready again %d ms after the start; answers: %s; longest 503: %d ms%n",
                (ready - started) / 1_000_000, Traffic.summary(answers), answers.stream().filter(a -> a.status() == 503)
                        .mapToLong(a -> (a.endNanos() - a.startNanos()) / 1_000_000).max().orElse(0));

        assertOnlyOkOr503(answers);
        assertThat(answers).filteredOn(a -> a.kind().startsWith("read") && a.startNanos() > ready)
                .as("reads sent once ready again").isNotEmpty().allMatch(a -> a.status() == 200);
        assertWritesWholeOrNot(answers);
    }

    /** Readers (top-N, a movie, a search, a user's ratings), a rater and a sign-up, each in threads of its own. */
    private Traffic load() {
        String token = "Bearer " + adminToken;
        return new Traffic(List.of(
                new Kind("read top-N", 2, n -> Traffic.request(base + "/api/users/1/recommendations?n=10")
                        .header("Authorization", token).GET().build()),
                new Kind("read movie", 1, n -> Traffic.request(base + "/api/movies/" + (1 + n % MOVIES)).GET().build()),
                new Kind("read search", 1, n -> Traffic.request(base + "/api/movies?q=movie+" + (1 + n % MOVIES))
                        .GET().build()),
                new Kind("read ratings", 1, n -> Traffic.request(base + "/api/users/1/ratings")
                        .header("Authorization", token).GET().build()),
                new Kind("write rating", 1, n -> Traffic.request(base + "/api/users/" + rater(n) + "/ratings")
                        .header("Authorization", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"movieId\": %d, \"rating\": %.1f}"
                                .formatted(ratedMovie(n), 0.5 + (n % 10) * 0.5)))
                        .build()),
                new Kind("write sign-up", 1, n -> Traffic.request(base + "/api/users")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", "Signed " + n,
                                "email", email(n), "password", "a-password-" + n))))
                        .build())));
    }

    /** The user of the n-th rating of this run: each user rates every movie, in turn, then the next user. */
    private static long rater(int n) {
        return 1000 + run * (RATERS / 2) + n / MOVIES;
    }

    private static int ratedMovie(int n) {
        return 1 + n % MOVIES;
    }

    private static String email(int n) {
        return "signed-" + run + "-" + n + "@example.org";
    }

    /** Every answer a success or a 503 problem detail with Retry-After: no 500, no request left unanswered. */
    private static void assertOnlyOkOr503(List<Answer> answers) {
        assertThat(answers).filteredOn(a -> a.status() != 200 && a.status() != 201 && a.status() != 503)
                .as("answers other than 200, 201 and 503").isEmpty();
        for (Answer unavailable : answers.stream().filter(a -> a.status() == 503).toList()) {
            assertThat(unavailable.retryAfter()).as("Retry-After of %s", unavailable).isEqualTo("5");
            assertThat(unavailable.contentType()).as("%s", unavailable).isEqualTo("application/problem+json");
            JsonNode problem = JSON.readTree(unavailable.body());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("detail").asString()).contains("database is unavailable");
        }
    }

    /**
     * A rating answered 201 is in {@code ratings}, one answered 503 is not unless the 503 says that the connection was
     * lost during the commit (the server may have committed before it could answer), and each movie's figures
     * ({@code movie_rating_stats}) are those of its ratings; a sign-up answered 201 is in {@code users} under the id
     * it was given, one answered 503 is not, with the same exception.
     */
    private void assertWritesWholeOrNot(List<Answer> answers) {
        JdbcClient check = FaultCluster.client();
        int cutOff = 0;
        for (Answer rating : answers.stream().filter(a -> a.kind().equals("write rating")).toList()) {
            boolean stored = check.sql("select exists (select 1 from ratings where user_id = ? and movie_id = ?)")
                    .params(rater(rating.n()), ratedMovie(rating.n())).query(Boolean.class).single();
            cutOff += commitCutOff(rating) ? 1 : 0;
            if (!commitCutOff(rating)) {
                assertThat(stored).as("rating of %s stored", rating).isEqualTo(rating.status() == 201);
            }
        }
        for (Answer signUp : answers.stream().filter(a -> a.kind().equals("write sign-up")).toList()) {
            List<Long> ids = check.sql("select user_id from users where email = ?").params(email(signUp.n()))
                    .query(Long.class).list();
            cutOff += commitCutOff(signUp) ? 1 : 0;
            if (signUp.status() == 201) {
                assertThat(ids).as("user of %s", signUp)
                        .containsExactly(JSON.readTree(signUp.body()).path("id").asLong());
            } else if (!commitCutOff(signUp)) {
                assertThat(ids).as("user of %s", signUp).isEmpty();
            }
        }
        System.out.printf("writes answered 503 during their commit (saved or not): %d%n", cutOff);
        assertThat(check.sql("""
                select count(*) from (select movie_id, count(*) as ratings, sum(rating::double precision) as rating_sum,
                                             count(*) filter (where rating >= 3.5) as liked
                                        from ratings group by movie_id) r
                full join movie_rating_stats s using (movie_id)
                where r.ratings is distinct from s.ratings or r.liked is distinct from s.liked
                   or abs(r.rating_sum - s.rating_sum) > 1e-6 or r.rating_sum is null or s.rating_sum is null""")
                .query(Long.class).single()).as("movies whose figures are not those of their ratings").isZero();
        assertThat(answers.stream().filter(a -> a.kind().startsWith("write") && a.status() == 201).count())
                .as("writes committed").isPositive();
    }

    /** A 503 that says the connection was lost during the commit, so that the write may have been saved. */
    private static boolean commitCutOff(Answer answer) {
        return answer.status() == 503 && answer.body().contains("may or may not have been saved");
    }

    private int status(String path) {
        try {
            return send(Traffic.request(base + path).GET().build()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
