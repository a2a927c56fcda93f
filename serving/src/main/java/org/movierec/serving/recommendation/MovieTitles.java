package org.movierec.serving.recommendation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.movierec.serving.system.RetriedRead;
import org.movierec.serving.system.TitleKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds a movie by its title as people write it: the text's title key ({@link TitleKeys}) must be the key of one of
 * the movie's names ({@code movies.title_names}: the title, the title without its parenthesised other names, each of
 * those names), so "The Matrix", "the matrix" and "Matrix, The" find "Matrix, The", and "amelie" "Amélie (Fabuleux
 * destin d'Amélie Poulain, Le)". A text without letters or digits is matched whole, in any case, against
 * {@code movies.title}. When nothing matches, the closest titles by trigram word similarity are suggested.
 */
@RetriedRead
@Repository
class MovieTitles {

    /** How many of the closest titles a title that matches nothing suggests. */
    static final int SUGGESTIONS = 5;

    private static final String BY_KEY = """
            select movie_id, title, year from movies
            where title_names @> array[cast(:key as text)] and (cast(:year as integer) is null or year = :year)
            order by year nulls first, movie_id
            """;
    private static final String BY_TITLE = """
            select movie_id, title, year from movies
            where lower(title) = lower(:title) and (cast(:year as integer) is null or year = :year)
            order by year nulls first, movie_id
            """;
    /**
     * The closest titles: of the 30 nearest by {@code title_search <->> key} (1 - word_similarity(key, title_search),
     * the best trigram match of the key within the names; the GiST index {@code movies_title_search_nearest} walks
     * the titles in that order), those with a word similarity above 0.3, the name most similar to the whole key first.
     */
    private static final String CLOSEST = """
            select movie_id, title, year
              from (select movie_id, title, year, title_names, title_search <->> cast(:key as text) as distance
                      from movies order by distance limit 30) nearest
             where distance < 0.7
             order by (select max(similarity(name, cast(:key as text))) from unnest(title_names) name) desc,
                      distance, movie_id
             limit :limit
            """;

    private final JdbcClient jdbc;
    private final TitleKeys keys;

    MovieTitles(JdbcClient jdbc, TitleKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /**
     * The one movie with this title (and year, when given).
     *
     * @throws UnknownTitleException   when there is none: it carries the closest titles
     * @throws AmbiguousTitleException when several movies have the title and no year tells them apart
     */
    int movieTitled(String title, Integer year) {
        String asked = title.strip();
        String key = keys.key(asked);
        List<SimilarTitles.MovieRef> found = key.isEmpty()
                ? jdbc.sql(BY_TITLE).param("title", asked).param("year", year).query(MovieTitles::ref).list()
                : jdbc.sql(BY_KEY).param("key", key).param("year", year).query(MovieTitles::ref).list();
        if (found.isEmpty()) {
            throw new UnknownTitleException(asked, year, key.isEmpty() ? List.of() : closest(key));
        }
        if (found.size() > 1) {
            throw new AmbiguousTitleException(asked, found);
        }
        return found.get(0).movieId();
    }

    /** The titles nearest to a key, whatever their year. */
    List<SimilarTitles.MovieRef> closest(String key) {
        return jdbc.sql(CLOSEST).param("key", key).param("limit", SUGGESTIONS).query(MovieTitles::ref).list();
    }

    private static SimilarTitles.MovieRef ref(ResultSet rs, int row) throws SQLException {
        return new SimilarTitles.MovieRef(rs.getInt(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getInt(3));
    }
}
