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

    private MovieLensRows() {
    }

    record Movie(int movieId, String title, Integer year, List<String> genres) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(MOVIES, line).integer(movieId).text(title).text(Titles.normalize(title)).integer(year).array(genres)
                    .end();
        }
    }

    record Link(int movieId, String imdbId, Integer tmdbId) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(LINKS, line).integer(movieId).text(imdbId).integer(tmdbId).end();
        }
    }

    /** Ratings are the bulk of every release, so this row is kept lean: a rating in half steps, Unix seconds. */
    record Rating(long userId, int movieId, double rating, long ratedAtEpochSecond) implements StagedRow {
        private static final String[] HALF_STEPS = {"0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"};

        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(RATINGS, line).integer(userId).integer(movieId).verbatim(HALF_STEPS[(int) (rating * 2)])
                    .epochSeconds(ratedAtEpochSecond).end();
        }
    }

    record Tag(long userId, int movieId, String tag, Instant taggedAt) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(TAGS, line).integer(userId).integer(movieId).text(tag).instant(taggedAt).end();
        }
    }

    record User(long userId, String gender, Integer age, String occupation, String zipCode) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(USERS, line).integer(userId).text("movielens").text(gender).integer(age).text(occupation)
                    .text(zipCode).end();
        }
    }
}
