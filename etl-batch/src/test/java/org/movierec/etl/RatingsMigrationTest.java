package org.movierec.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The schema migrations run against rows, as on a database that lived through them: ratings and staged rows written
 * while {@code ratings} was partitioned by user (V12 to V14) are all there, unchanged, once V15 has made it one table
 * again. Runs the migrations from an empty schema in a database of its own ({@code movies_migration_test}, made by
 * bin/services; {@code -Dtest.migration.db.url} points elsewhere), which it empties first.
 */
@Tag("integration")
class RatingsMigrationTest {

    private static final String URL = System.getProperty("test.migration.db.url",
            "jdbc:postgresql://localhost:5432/movies_migration_test");
    private static final String USER = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "movies");
    private static final String PASSWORD = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "movies");

    /** Users in the first, the second and the last of V12's partitions (ranges of 25,000 users, the last open). */
    private static final List<Object[]> RATINGS = List.of(
            new Object[] {7L, 1, 4.5f, "2020-01-02 03:04:05+00"},
            new Object[] {7L, 2, 0.5f, "2020-01-03 00:00:00+00"},
            new Object[] {30_000L, 1, 5.0f, "2021-06-01 12:00:00+00"},
            new Object[] {400_000L, 318, 3.0f, "2022-12-31 23:59:59+00"});

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, USER, PASSWORD).locations("classpath:db/migration").target(target)
                .load();
    }

    @BeforeEach
    void emptyDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists staging cascade");
            statement.execute("drop schema public cascade");
            statement.execute("create schema public");
        }
    }

    @Test
    void ratingsAndStagedRowsOfThePartitionedTableAreKeptWhenV15MakesItOneTableAgain() throws SQLException {
        flyway("14").migrate();
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            assertThat(relationKind(jdbc, "public.ratings")).isEqualTo("p");
            for (Object[] rating : RATINGS) {
                jdbc.update("insert into ratings (user_id, movie_id, rating, rated_at) values (?, ?, ?, ?::timestamptz)",
                        rating);
            }
            jdbc.update("insert into staging.ratings (line_no, user_id, movie_id, rating, rated_at) "
                    + "values (2, 30001, 5, 4.0, '2023-01-01 00:00:00+00'), (3, 399999, 6, 1.5, '2023-01-02 00:00:00+00')");
            List<String> ratingsBefore = rows(jdbc, "public.ratings", "user_id, movie_id");
            List<String> stagedBefore = rows(jdbc, "staging.ratings", "line_no");

            flyway("15").migrate();

            assertThat(rows(jdbc, "public.ratings", "user_id, movie_id")).hasSize(4).isEqualTo(ratingsBefore);
            assertThat(rows(jdbc, "staging.ratings", "line_no")).hasSize(2).isEqualTo(stagedBefore);
            assertThat(relationKind(jdbc, "public.ratings")).isEqualTo("r");
            assertThat(relationKind(jdbc, "staging.ratings")).isEqualTo("r");
            assertThat(jdbc.queryForObject("select count(*) from pg_inherits", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("select reloptions::text from pg_class where oid = 'staging.ratings'::regclass",
                    String.class)).contains("autovacuum_enabled=false");
            assertThat(jdbc.queryForObject("select count(*) from pg_proc where proname = 'user_ratings'", Integer.class))
                    .isZero();
            // the key and the rating check came along
            assertThatThrownBy(() -> jdbc.update("insert into ratings values (7, 1, 3.0, now())"))
                    .hasMessageContaining("ratings_pkey");
            assertThatThrownBy(() -> jdbc.update("insert into ratings values (8, 1, 5.5, now())"))
                    .hasMessageContaining("ratings_rating_check");
            assertThatThrownBy(() -> jdbc.update("insert into staging.ratings values (4, 8, 1, 0.0, now())"))
                    .hasMessageContaining("ratings_rating_check");
        }
        // and whatever came after V15 applies on top
        assertThat(flyway("latest").migrate().success).isTrue();
    }

    private static String relationKind(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select relkind::text from pg_class where oid = ?::regclass", String.class, table);
    }

    private static List<String> rows(JdbcTemplate jdbc, String table, String order) {
        return jdbc.queryForList("select t::text from " + table + " t order by " + order, String.class);
    }
}
