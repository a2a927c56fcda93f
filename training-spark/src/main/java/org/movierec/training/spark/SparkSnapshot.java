package org.movierec.training.spark;

import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.movierec.training.data.RatingsSnapshot;

/**
 * The ratings a Spark run works on and what identifies them, with the same tags as an in-JVM run's
 * {@link RatingsSnapshot}: the same rows give the same counts and checksum whichever engine read them.
 *
 * @param ratings  one row per rating: {@code user_id} (long), {@code movie_id} (long), {@code rating} (float),
 *                 {@code rated_at} (epoch seconds), cached
 * @param movieIds every movie id that has a rating, ascending: the catalogue the evaluation ranks
 */
record SparkSnapshot(Dataset<Row> ratings, long size, long users, long[] movieIds, Instant latestRatedAt,
                     String checksum) {

    Map<String, String> tags() {
        return RatingsSnapshot.tags(size, users, movieIds.length, latestRatedAt, checksum);
    }
}
