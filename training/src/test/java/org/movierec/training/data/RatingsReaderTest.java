package org.movierec.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The snapshot's checksum against the real PostgreSQL test database ({@code -Dtest.db.url}); the
 * {@code ratings} table is emptied before and after each test, so other tests that fill it find it as they
 * left it to themselves.
 */
@Tag("integration")
class RatingsReaderTest {

    private static final String DB_URL = System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test");

    /** {user, movie, rating * 2, epoch seconds}. */
    private static final List<long[]> ROWS = List.of(new long[] {1, 10, 8, 1_600_000_000L},
            new long[] {1, 20, 5, 1_600_000_100L}, new long[] {2, 10, 9, 1_600_000_050L}, new long[] {3, 30, 1, 1_600_000_200L});

    private final RatingsReader reader = new RatingsReader(new DriverManagerDataSource(DB_URL, "movies", "movies"));

    @BeforeAll
    static void migrate() {
        Flyway.configure().dataSource(DB_URL, "movies", "movies").locations("classpath:db/migration").load().migrate();
    }

    @BeforeEach
    @AfterEach
    void emptyRatings() throws SQLException {
        execute("truncate ratings");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_URL, "movies", "movies");
             Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void insert(List<long[]> rows) throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_URL, "movies", "movies");
             PreparedStatement insert = db.prepareStatement("insert into ratings (user_id, movie_id, rating, rated_at)"
                     + " values (?, ?, ?, to_timestamp(?))")) {
            for (long[] row : rows) {
                insert.setLong(1, row[0]);
                insert.setInt(2, (int) row[1]);
                insert.setFloat(3, row[2] / 2f);
                insert.setLong(4, row[3]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The checksum as the reader writes it: the rows' hashes summed (mod 2^64), 16 hex digits. */
    private static String checksum(List<long[]> rows) {
        long sum = 0;
        for (long[] row : rows) {
            sum += RatingsReader.rowHash(row[0], row[1], row[2] / 2f, row[3]);
        }
        return String.format("%016x", sum);
    }

    @Test
    void rowsThatDifferInAnyFieldHashDifferently() {
        long hash = RatingsReader.rowHash(1, 10, 4.0f, 1_600_000_000L);

        assertThat(RatingsReader.rowHash(1, 10, 4.0f, 1_600_000_000L)).isEqualTo(hash);
        assertThat(RatingsReader.rowHash(2, 10, 4.0f, 1_600_000_000L)).isNotEqualTo(hash);
        assertThat(RatingsReader.rowHash(1, 11, 4.0f, 1_600_000_000L)).isNotEqualTo(hash);
        assertThat(RatingsReader.rowHash(1, 10, 4.5f, 1_600_000_000L)).isNotEqualTo(hash);
        assertThat(RatingsReader.rowHash(1, 10, 4.0f, 1_600_000_001L)).isNotEqualTo(hash);
        // user and movie swapped is another rating
        assertThat(RatingsReader.rowHash(10, 1, 4.0f, 1_600_000_000L)).isNotEqualTo(hash);
    }

    @Test
    void theSnapshotHoldsTheRowsWithTheirCountsLatestTimeAndChecksum() throws SQLException {
        insert(ROWS);

        RatingsSnapshot snapshot = reader.read();

        assertThat(snapshot.ratings().size()).isEqualTo(4);
        assertThat(snapshot.ratings().users().ids()).containsExactly(1, 2, 3);
        assertThat(snapshot.ratings().items().ids()).containsExactly(10, 20, 30);
        assertThat(snapshot.latestRatedAt()).isEqualTo(Instant.ofEpochSecond(1_600_000_200L));
        assertThat(snapshot.checksum()).isEqualTo(checksum(ROWS)).hasSize(16);
        assertThat(snapshot.tags()).containsEntry("data.ratings", "4").containsEntry("data.users", "3")
                .containsEntry("data.movies", "3").containsEntry("data.latest_rated_at", "2020-09-13T12:30:00Z")
                .containsEntry("data.checksum", checksum(ROWS));
    }

    @Test
    void theChecksumChangesWhenOneRatingChangesAndNotWithTheOrderOfInsertion() throws SQLException {
        insert(ROWS);
        String before = reader.read().checksum();

        execute("update ratings set rating = 3.5 where user_id = 2 and movie_id = 10");
        String changed = reader.read().checksum();

        assertThat(changed).isNotEqualTo(before)
                .isEqualTo(checksum(List.of(ROWS.get(0), ROWS.get(1), new long[] {2, 10, 7, 1_600_000_050L}, ROWS.get(3))));

        execute("truncate ratings");
        insert(List.of(ROWS.get(3), ROWS.get(2), ROWS.get(1), ROWS.get(0)));
        assertThat(reader.read().checksum()).isEqualTo(before);
    }

    @Test
    void anEmptyTableGivesAnEmptySnapshot() throws SQLException {
        RatingsSnapshot snapshot = reader.read();

        assertThat(snapshot.ratings().size()).isZero();
        assertThat(snapshot.latestRatedAt()).isNull();
        assertThat(snapshot.checksum()).isEqualTo("0000000000000000");
        assertThat(snapshot.tags()).containsEntry("data.latest_rated_at", "");
    }
}
