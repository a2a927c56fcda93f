package org.movierec.serving.recommendation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import org.movierec.serving.system.NotFoundException;
import org.movierec.serving.system.RetriedRead;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a user's current ratings in one query, so a rating written a moment ago counts in the next answer. */
@RetriedRead
@Component
class RatedMovies {

    /** The user's ratings; one row with a null movie when the user has none, no row when there is no such user. */
    private static final String RATINGS = """
            select r.movie_id, r.rating from users u left join ratings r on r.user_id = u.user_id
            where u.user_id = :id
            """;

    private final JdbcClient jdbc;

    RatedMovies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws NotFoundException when there is no such user */
    Rated of(long userId) {
        Rows rows = new Rows();
        jdbc.sql(RATINGS).param("id", userId).query(rows);
        if (!rows.userFound) {
            throw new NotFoundException("No user with id " + userId);
        }
        return new Rated(Arrays.copyOf(rows.movieIds, rows.count), Arrays.copyOf(rows.ratings, rows.count));
    }

    /** The rows read straight into arrays, growing as needed: no object per row. */
    private static final class Rows implements RowCallbackHandler {

        private boolean userFound;
        private long[] movieIds = new long[256];
        private float[] ratings = new float[256];
        private int count;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            userFound = true;
            int movieId = rs.getInt(1);
            if (rs.wasNull()) {   // the one row of a user without ratings has a null movie
                return;
            }
            if (count == movieIds.length) {
                movieIds = Arrays.copyOf(movieIds, 2 * count);
                ratings = Arrays.copyOf(ratings, 2 * count);
            }
            movieIds[count] = movieId;
            ratings[count++] = rs.getFloat(2);
        }
    }
}
