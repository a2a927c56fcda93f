package org.movierec.training.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ratings a run trained on and what identifies them: row, user and movie counts, the latest rating
 * time and an order-independent checksum of every row, logged as MLflow tags so a run can be traced to
 * its data.
 */
public record RatingsSnapshot(Ratings ratings, Instant latestRatedAt, String checksum) {

    public Map<String, String> tags() {
        return tags(ratings.size(), ratings.users().size(), ratings.items().size(), latestRatedAt, checksum);
    }

    /** The same tags from counts, for a snapshot read by another engine (Spark) than into a {@link Ratings}. */
    public static Map<String, String> tags(long ratings, long users, long movies, Instant latestRatedAt,
                                           String checksum) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("data.ratings", Long.toString(ratings));
        tags.put("data.users", Long.toString(users));
        tags.put("data.movies", Long.toString(movies));
        tags.put("data.latest_rated_at", latestRatedAt == null ? "" : latestRatedAt.toString());
        tags.put("data.checksum", checksum);
        return tags;
    }
}
