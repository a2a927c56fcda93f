package org.movierec.serving.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A title as a person writes it ("The Matrix", "amelie", "Matrix, The") reduced to the key the database keeps for
 * every stored title: PostgreSQL's {@code title_match_key} (migration V9), the one normaliser, which also fills the
 * generated columns {@code title_names} (the keys of each name of a title) and {@code title_search} (those names
 * joined by {@code " / "}) of {@code movies} and {@code tmdb_movies}. The titles are normalised once, when written;
 * a request only normalises the text it was given.
 */
@RetriedRead
@Component
public class TitleKeys {

    private final JdbcClient jdbc;

    public TitleKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The key of a title: lower case, without accents, apostrophes or other punctuation, a trailing article moved
     * to the front. Empty when the text has no letter or digit ("%", "!!!"): such a text cannot match a key.
     */
    public String key(String title) {
        return jdbc.sql("select title_match_key(:title)").param("title", title).query(String.class).single();
    }

    /** The LIKE pattern of the titles whose {@code title_search} contains the key (keys hold no LIKE metacharacters). */
    public static String containing(String key) {
        return "%" + key + "%";
    }
}
