package org.movierec.serving.rating;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code movie_rating_stats}, the number and sum of each movie's ratings and the number at or above
 * {@value #LIKED} (the cold-start ranking), kept in step with every rating serving
 * writes, in the transaction that writes it (migration V7; the ingestion rebuilds the table after a ratings load).
 * The rating is always written before its share: a write that waits for a lock of the ingestion then holds none
 * that the ingestion's rebuild needs.
 */
@Repository
public class RatingStats {

    /** A rating at or above this counts as liked (migration V10 counts the same way). */
    static final double LIKED = 3.5;

    private final JdbcClient jdbc;

    RatingStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** 1 for a liked rating, else 0. */
    static int liked(double rating) {
        return rating >= LIKED ? 1 : 0;
    }

    /**
     * Adds {@code ratings} ratings summing to {@code sum}, {@code liked} of them liked (all negative to take ratings
     * out), to the movie's figures.
     */
    void add(int movieId, int ratings, double sum, int liked) {
        int left = jdbc.sql("""
                        insert into movie_rating_stats as s (movie_id, ratings, rating_sum, liked)
                        values (:movie, :ratings, :sum, :liked)
                        on conflict (movie_id) do update
                        set ratings = s.ratings + excluded.ratings, rating_sum = s.rating_sum + excluded.rating_sum,
                            liked = s.liked + excluded.liked
                        returning ratings""")
                .param("movie", movieId).param("ratings", ratings).param("sum", sum).param("liked", liked)
                .query(Integer.class).single();
        if (left <= 0) {
            jdbc.sql("delete from movie_rating_stats where movie_id = :movie").param("movie", movieId).update();
        }
    }

    /**
     * Deletes every rating of the user and takes them out of their movies' figures; in the caller's transaction.
     *
     * @return how many ratings were deleted
     */
    public int deleteRatingsOf(long userId) {
        // Lock the rows first, so that waiting for another writer of them (the ingestion) holds no lock on the figures;
        // then the figures in movie order, so that two deletions of users with movies in common never deadlock.
        jdbc.sql("select 1 from ratings where user_id = :user for update").param("user", userId).query().rowSet();
        jdbc.sql("""
                        select 1 from movie_rating_stats
                         where movie_id in (select movie_id from ratings where user_id = :user)
                         order by movie_id for update""")
                .param("user", userId).query().rowSet();
        int deleted = jdbc.sql("""
                        with gone as (delete from ratings where user_id = :user returning movie_id, rating)
                        update movie_rating_stats s set ratings = s.ratings - 1, rating_sum = s.rating_sum - gone.rating,
                               liked = s.liked - (gone.rating >= :liked)::int
                        from gone where s.movie_id = gone.movie_id""")   // one rating per movie and user
                .param("user", userId).param("liked", LIKED).update();
        if (deleted > 0) {
            jdbc.sql("delete from movie_rating_stats where ratings <= 0").update();
        }
        return deleted;
    }
}
