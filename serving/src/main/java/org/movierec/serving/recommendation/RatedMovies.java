package org.movierec.serving.recommendation;

import java.util.Arrays;
import java.util.List;

import org.movierec.serving.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a user's current ratings in one query, so a rating written a moment ago counts in the next answer. */
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
        List<Object[]> rows = jdbc.sql(RATINGS).param("id", userId)
                .query((rs, row) -> new Object[] {rs.getObject(1), rs.getFloat(2)}).list();
        if (rows.isEmpty()) {
            throw new NotFoundException("No user with id " + userId);
        }
        long[] ids = new long[rows.size()];
        float[] ratings = new float[rows.size()];
        int count = 0;
        for (Object[] row : rows) {
            if (row[0] != null) {   // the one row of a user without ratings has a null movie
                ids[count] = ((Number) row[0]).longValue();
                ratings[count++] = (Float) row[1];
            }
        }
        return new Rated(Arrays.copyOf(ids, count), Arrays.copyOf(ratings, count));
    }
}
