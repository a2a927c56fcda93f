package org.movierec.etl.movielens;

import java.time.Instant;
import java.util.List;

import org.movierec.core.Titles;
import org.movierec.etl.load.CopyBatch;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.StagingTable;

/** The rows MovieLens files become, and the staging tables they are copied into. */
final class MovieLensRows {

    static final StagingTable MOVIES = new StagingTable("movies", "movie_id", "title", "title_key", "year", "genres");
    static final StagingTable LINKS = new StagingTable("movie_links", "movie_id", "imdb_id", "tmdb_id");
    static final StagingTable RATINGS = new StagingTable("ratings", "user_id", "movie_id", "rating", "rated_at");
    static final StagingTable TAGS = new StagingTable("tags", "user_id", "movie_id", "tag", "tagged_at");
    static final StagingTable USERS = new StagingTable("users", "user_id", "origin", "gender", "age", "occupation", "zip_code");
    /** The users seen in the ratings: only their ids, so known demographics are kept. */
    static final StagingTable USER_IDS = new StagingTable("users", "user_id", "origin");
    static final StagingTable RATING_USERS = new StagingTable("rating_users", "user_id");

    private MovieLensRows() {
    }

    record Movie(int movieId, String title, Integer year, List<String> genres) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(MOVIES, line).int4(movieId).text(title).text(Titles.normalize(title)).int2(year)
                    .textArray(genres).end();
        }
    }

    record Link(int movieId, String imdbId, Integer tmdbId) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(LINKS, line).int4(movieId).text(imdbId).int4(tmdbId).end();
        }
    }

    /**
     * Ratings are the bulk of every release, so this row is kept lean: the time as Unix seconds.
     * {@code newUser} marks the first of a run of lines by one user (the files are sorted by user),
     * which also notes the user in {@code staging.rating_users}.
     */
    record Rating(long userId, int movieId, double rating, long ratedAtEpochSecond, boolean newUser) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(RATINGS, line).int8(userId).int4(movieId).float4(rating).epochSeconds(ratedAtEpochSecond).end();
            if (newUser) {
                batch.into(RATING_USERS, line).int8(userId).end();
            }
        }
    }

    record Tag(long userId, int movieId, String tag, Instant taggedAt) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(TAGS, line).int8(userId).int4(movieId).text(tag).timestamptz(taggedAt).end();
        }
    }

    record User(long userId, String gender, Integer age, String occupation, String zipCode) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(USERS, line).int8(userId).text("movielens").text(gender).int2(age).text(occupation)
                    .text(zipCode).end();
        }
    }
}
