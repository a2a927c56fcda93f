package org.movierec.training.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.movierec.training.data.RatingsReader;
import org.movierec.training.run.InvalidRequestException;
import org.movierec.training.run.NoDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every rating from PostgreSQL with Spark's JDBC source, in {@code partitions} ranges of user ids read
 * in parallel by the executors, all in one consistent snapshot: the driver opens a repeatable-read
 * transaction, exports its snapshot ({@code pg_export_snapshot()}), and every partition's connection imports
 * it ({@code SET TRANSACTION SNAPSHOT}) before reading, so the rows, counts and checksum describe one
 * moment even while serving writes ratings, exactly as the in-JVM {@link RatingsReader} does with one
 * connection. The driver's transaction stays open until {@link SnapshotRead#close()}, so a partition
 * recomputed after a lost executor still reads the same snapshot, and no ingestion replaces the table
 * meanwhile (see {@link #LOCK_TIMEOUT}).
 */
final class RatingsSnapshotReader {

    private static final Logger log = LoggerFactory.getLogger(RatingsSnapshotReader.class);
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");
    private static final String SELECT = "(select user_id, movie_id::bigint as movie_id, rating::real as rating, "
            + "extract(epoch from rated_at)::bigint as rated_at from ratings) r";

    /**
     * How long a partition waits for its lock on {@code ratings}. The driver's transaction holds one while the
     * partitions read, so a table swap or truncate (an ingestion's) queues behind it, and a partition opened
     * after that would queue behind the swap, which waits for the driver: without a timeout neither would end.
     * With it the partition fails, Spark retries it, and the run ends FAILED, naming the lock.
     */
    static final String LOCK_TIMEOUT = "30s";

    /** The {@code application_name} of the job's database sessions (the driver's and the partitions'). */
    static final String APPLICATION_NAME = "movierec-training-spark";

    private final SparkSession spark;
    private final JobSettings settings;
    private final int partitions;

    /** @param partitions how many user-id ranges the read is split into (at least 1) */
    RatingsSnapshotReader(SparkSession spark, JobSettings settings, int partitions) {
        this.spark = spark;
        this.settings = settings;
        this.partitions = partitions;
    }

    /** A read snapshot; closing it ends the driver's exporting transaction. */
    static final class SnapshotRead implements AutoCloseable {
        private final Connection connection;
        private final SparkSnapshot snapshot;

        private SnapshotRead(Connection connection, SparkSnapshot snapshot) {
            this.connection = connection;
            this.snapshot = snapshot;
        }

        SparkSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public void close() throws SQLException {
            snapshot.ratings().unpersist();
            try (connection) {
                connection.rollback();
            }
        }
    }

    SnapshotRead read() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.dbUser());
        properties.setProperty("password", settings.dbPassword());
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            String snapshotId;
            long lowest;
            long highest;
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("set local lock_timeout = '" + LOCK_TIMEOUT + "'");
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "select pg_export_snapshot(), min(user_id), max(user_id) from ratings")) {
                rs.next();
                snapshotId = rs.getString(1);
                lowest = rs.getLong(2);
                if (rs.wasNull()) {
                    throw new NoDataException("the ratings table is empty: run the ingestion first "
                            + "(java -jar etl-batch/target/etl-batch.jar movielens)");
                }
                highest = rs.getLong(3);
            }
            if (highest > Integer.MAX_VALUE || lowest < 0) {
                throw new InvalidRequestException("Spark's ALS needs user ids in 0.." + Integer.MAX_VALUE
                        + ", the ratings hold user ids " + lowest + ".." + highest, null);
            }
            SparkSnapshot snapshot = read(snapshotId, lowest, highest);
            return new SnapshotRead(connection, snapshot);
        } catch (SQLException | RuntimeException e) {
            try (connection) {
                connection.rollback();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private SparkSnapshot read(String snapshotId, long lowest, long highest) {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new IllegalStateException("unexpected snapshot id from pg_export_snapshot(): " + snapshotId);
        }
        long started = System.nanoTime();
        log.info("Reading the ratings of users {}..{} in {} partitions (snapshot {})", lowest, highest, partitions,
                snapshotId);
        Dataset<Row> ratings = spark.read().format("jdbc")
                .option("url", settings.jdbcUrl())
                .option("user", settings.dbUser())
                .option("password", settings.dbPassword())
                .option("driver", "org.postgresql.Driver")
                .option("ApplicationName", APPLICATION_NAME)
                .option("dbtable", SELECT)
                .option("partitionColumn", "user_id")
                .option("lowerBound", lowest)
                .option("upperBound", highest + 1)
                .option("numPartitions", partitions)
                .option("fetchsize", 50_000)
                .option("sessionInitStatement", "begin transaction isolation level repeatable read read only; "
                        + "set transaction snapshot '" + snapshotId + "'; set local lock_timeout = '" + LOCK_TIMEOUT + "'")
                .load()
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row figures = ratings.agg(count(lit(1)), count_distinct(col("user_id")), count_distinct(col("movie_id")),
                max(col("rated_at"))).first();
        long rows = figures.getLong(0);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Read {} ratings of {} users and {} movies in {} s ({} rows/s)", rows, figures.getLong(1),
                figures.getLong(2), String.format("%.1f", seconds), Math.round(rows / Math.max(seconds, 1e-3)));
        long checksum = ratings.javaRDD().map((Function<Row, Long>) row -> RatingsReader.rowHash(row.getLong(0),
                row.getLong(1), row.getFloat(2), row.getLong(3))).fold(0L, Long::sum);
        long[] movieIds = ratings.select("movie_id").distinct().orderBy("movie_id").collectAsList().stream()
                .mapToLong(row -> row.getLong(0)).toArray();
        return new SparkSnapshot(ratings, rows, figures.getLong(1), movieIds, Instant.ofEpochSecond(figures.getLong(3)),
                String.format("%016x", checksum));
    }
}
