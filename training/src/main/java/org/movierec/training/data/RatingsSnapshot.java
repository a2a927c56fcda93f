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
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("data.ratings", Integer.toString(ratings.size()));
        tags.put("data.users", Integer.toString(ratings.users().size()));
        tags.put("data.movies", Integer.toString(ratings.items().size()));
        tags.put("data.latest_rated_at", latestRatedAt == null ? "" : latestRatedAt.toString());
        tags.put("data.checksum", checksum);
        return tags;
    }
}
