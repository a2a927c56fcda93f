package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * A password login whose account lookup meets a connection the server has just ended (as a PostgreSQL restart ends
 * them) is run again on a fresh one, like the other reads: the login is answered, not refused 503. Serving's pool holds
 * one connection, which the test ends (pg_terminate_backend) right after a request used it, within the half second in
 * which the pool hands a connection out again without checking it.
 */
@Tag("integration")
class LoginRetryTest {

    private static final String DB_URL = System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test");
    private static final String PASSWORD = "a-login-retry-password";
    private final String application = "login-retry-" + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcClient db = JdbcClient.create(new DriverManagerDataSource(DB_URL, "movies", "movies"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLoginWhoseLookupMeetsAnEndedConnectionIsAnswered() throws Exception {
        // migrated here: Flyway's own run needs two connections, and serving's pool holds one
        Flyway.configure().dataSource(DB_URL, "movies", "movies").locations("classpath:db/migration").load().migrate();
        long firstUser = 1_960_000_000L + (System.nanoTime() & 0xFFFF) * 4;
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
        for (long user = firstUser; user < firstUser + 4; user++) {
            db.sql("""
                    insert into users (user_id, origin, name, email, password_hash, created_at)
                    values (:id, 'platform', 'Login retry', :email, :hash, now())""")
                    .param("id", user).param("email", email(user)).param("hash", hash).update();
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + DB_URL,
                "--spring.datasource.hikari.maximum-pool-size=1", "--spring.flyway.enabled=false",
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + application,
                "--serving.model.name=movierec-none-for-login-retry", "--serving.model.tracking-uri=http://127.0.0.1:9",
                "--serving.model.poll-interval=PT1H", "--serving.model.cache-dir=target/model-cache-login-retry")) {
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(get(base, firstUser)).as("a login on a sound connection").isEqualTo(200);
            // each user logs in once, so each login looks its account up (a passed check is remembered)
            for (long user = firstUser + 1; user < firstUser + 4; user++) {
                int ended = db.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where application_name = :app").param("app", application).query(Integer.class).single();
                assertThat(ended).as("serving's pooled connection ended").isOne();
                assertThat(get(base, user)).as("the login of user %d, whose lookup meets the ended connection", user)
                        .isEqualTo(200);
            }
        } finally {
            db.sql("delete from users where user_id between :first and :last").param("first", firstUser)
                    .param("last", firstUser + 3).update();
        }
    }

    private int get(String base, long user) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((email(user) + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(Traffic.request(base + "/api/users/" + user)
                .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static String email(long user) {
        return "login-retry-" + user + "@example.org";
    }
}
