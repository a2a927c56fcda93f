package org.movierec.serving.rating;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ratings} table as the platform's users write it; {@code rated_at} is the time of the write. */
@Repository
class RatingRepository {

    private static final String SELECT = """
            select r.user_id, r.movie_id, m.title, m.year, r.rating, r.rated_at
              from ratings r join movies m on m.movie_id = r.movie_id""";

    private final JdbcClient jdbc;
    private final RatingStats stats;

    RatingRepository(JdbcClient jdbc, RatingStats stats) {
        this.jdbc = jdbc;
        this.stats = stats;
    }

    /** The user's origin ("platform", "movielens"), empty when there is no such user. */
    Optional<String> userOrigin(long userId) {
        return jdbc.sql("select origin from users where user_id = :id").param("id", userId).query(String.class).optional();
    }

    boolean movieExists(int movieId) {
        return jdbc.sql("select exists (select 1 from movies where movie_id = :id)").param("id", movieId)
                .query(Boolean.class).single();
    }

    /**
     * Inserts the rating and adds it to the movie's {@code movie_rating_stats}; false when the user has already rated
     * the movie. Run in the caller's transaction, the rating first (see V7: a rating write never waits for the
     * ingestion's rebuild of the figures while it holds them).
     */
    boolean insert(long userId, int movieId, double rating) {
        boolean inserted = jdbc.sql("""
                        insert into ratings (user_id, movie_id, rating, rated_at) values (:user, :movie, :rating, now())
                        on conflict (user_id, movie_id) do nothing""")
                .param("user", userId).param("movie", movieId).param("rating", (float) rating).update() > 0;
        if (inserted) {
            stats.add(movieId, 1, rating, RatingStats.liked(rating));
        }
        return inserted;
    }

    /** Changes the rating and the movie's rating sum; false when there is none to change. */
    boolean update(long userId, int movieId, double rating) {
        Optional<Float> before = jdbc.sql("select rating from ratings where user_id = :user and movie_id = :movie for update")
                .param("user", userId).param("movie", movieId).query(Float.class).optional();
        if (before.isEmpty()) {
            return false;
        }
        jdbc.sql("update ratings set rating = :rating, rated_at = now() where user_id = :user and movie_id = :movie")
                .param("user", userId).param("movie", movieId).param("rating", (float) rating).update();
        stats.add(movieId, 0, (float) rating - (double) before.get(),
                RatingStats.liked((float) rating) - RatingStats.liked(before.get()));
        return true;
    }

    /** Deletes the rating and takes it out of the movie's figures; false when there was none. */
    boolean delete(long userId, int movieId) {
        Optional<Float> deleted = jdbc.sql("delete from ratings where user_id = :user and movie_id = :movie returning rating")
                .param("user", userId).param("movie", movieId).query(Float.class).optional();
        deleted.ifPresent(rating -> stats.add(movieId, -1, -(double) rating, -RatingStats.liked(rating)));
        return deleted.isPresent();
    }

    Optional<RatingResponse> find(long userId, int movieId) {
        return jdbc.sql(SELECT + " where r.user_id = :user and r.movie_id = :movie")
                .param("user", userId).param("movie", movieId).query(RatingRepository::rating).optional();
    }

    List<RatingResponse> page(long userId, RatingSort sort, int page, int size) {
        return jdbc.sql(SELECT + " where r.user_id = :user order by " + sort.orderBy() + " limit :size offset :offset")
                .param("user", userId).param("size", size).param("offset", (long) page * size)
                .query(RatingRepository::rating).list();
    }

    long count(long userId) {
        return jdbc.sql("select count(*) from ratings where user_id = :user").param("user", userId)
                .query(Long.class).single();
    }

    private static RatingResponse rating(ResultSet rs, int row) throws SQLException {
        Integer year = rs.getObject("year") == null ? null : rs.getInt("year");
        return new RatingResponse(rs.getLong("user_id"), rs.getInt("movie_id"), rs.getString("title"), year,
                rs.getFloat("rating"), rs.getTimestamp("rated_at").toInstant());
    }
}
