package org.movierec.training.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every rating (MovieLens users and the platform's own) from PostgreSQL in one repeatable-read
 * transaction, so counts, rows and checksum describe one consistent snapshot even while serving writes.
 * Rows are streamed with a fetch size and logged every million with the rate and percentage.
 */
public final class RatingsReader {

    private static final Logger log = LoggerFactory.getLogger(RatingsReader.class);
    private static final int FETCH_SIZE = 50_000;
    private static final int PROGRESS_EVERY = 1_000_000;

    private final DataSource dataSource;

    public RatingsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public RatingsSnapshot read() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return read(connection);
            } finally {
                connection.rollback();
            }
        }
    }

    private RatingsSnapshot read(Connection connection) throws SQLException {
        int total;
        try (Statement count = connection.createStatement();
             ResultSet rs = count.executeQuery("select count(*) from ratings")) {
            rs.next();
            total = Math.toIntExact(rs.getLong(1));
        }
        log.info("Reading {} ratings", total);
        long[] userIds = new long[total];
        long[] movieIds = new long[total];
        float[] values = new float[total];
        long[] times = new long[total];
        long checksum = 0;
        long latest = Long.MIN_VALUE;
        long started = System.nanoTime();
        int row = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "select user_id, movie_id, rating, extract(epoch from rated_at)::bigint from ratings")) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (row == total) {
                        throw new IllegalStateException("ratings grew while read in one snapshot");
                    }
                    userIds[row] = rs.getLong(1);
                    movieIds[row] = rs.getInt(2);
                    values[row] = rs.getFloat(3);
                    times[row] = rs.getLong(4);
                    checksum += rowHash(userIds[row], movieIds[row], values[row], times[row]);
                    latest = Math.max(latest, times[row]);
                    row++;
                    if (row % PROGRESS_EVERY == 0) {
                        logProgress(row, total, started);
                    }
                }
            }
        }
        logProgress(row, total, started);
        Ratings ratings = Ratings.ofIds(userIds, movieIds, values, times);
        return new RatingsSnapshot(ratings, total == 0 ? null : Instant.ofEpochSecond(latest),
                String.format("%016x", checksum));
    }

    /** A row's 64-bit hash; summed over rows, it gives a checksum that ignores the order of reading. */
    public static long rowHash(long userId, long movieId, float rating, long time) {
        long h = Hashing.mix(userId * 0x9E3779B97F4A7C15L + movieId);
        h = Hashing.mix(h ^ Float.floatToIntBits(rating));
        return Hashing.mix(h ^ time);
    }


    private static void logProgress(int row, int total, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Read {} of {} ratings ({}%), {} rows/s", row, total,
                total == 0 ? 100 : row * 100L / total, Math.round(row / Math.max(seconds, 1e-3)));
    }
}
