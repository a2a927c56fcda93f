package org.movierec.serving.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.movierec.serving.system.RetriedRead;
import org.movierec.serving.system.TitleKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Catalog reads. A search's conditions are only those the request gives, so that PostgreSQL plans each shape on
 * its own; values are always bound parameters. The text asked for is matched by its title key against
 * {@code movies.title_search} (every name of the title, normalised when the movie was written; trigram index
 * {@code movies_title_search_trgm}), and a title one of whose names is the key comes first; a text without letters
 * or digits is matched as it is, {@code lower(title) like '%text%'}.
 */
@RetriedRead
@Repository
class CatalogRepository {

    private static final String COLUMNS = """
            select m.movie_id, m.title, m.year, m.genres, coalesce(s.ratings, 0) as ratings,
                   s.rating_sum / s.ratings as mean_rating,
                   array(select distinct t.platform
                           from catalog_title_movies c join catalog_titles t on t.title_id = c.title_id
                          where c.movie_id = m.movie_id order by t.platform) as platforms""";

    private final JdbcClient jdbc;

    CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the movies the query matches: a title named exactly first, then the most rated, then by id. */
    List<MovieSummary> search(CatalogQuery query, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        String exact = "";
        if (query.byTitleKey()) {
            exact = "cast(:exact as text) = any(m.title_names) desc, ";
            params.put("exact", query.titleKey());
        } else if (query.text() != null) {
            exact = "lower(m.title) = lower(:exact) desc, ";
            params.put("exact", query.text());
        }
        params.put("size", size);
        params.put("offset", (long) page * size);
        return jdbc.sql(COLUMNS + """

                  from movies m left join movie_rating_stats s on s.movie_id = m.movie_id
                """ + where + " order by " + exact + "coalesce(s.ratings, 0) desc, m.movie_id limit :size offset :offset")
                .params(params).query((rs, row) -> summary(rs)).list();
    }

    long count(CatalogQuery query) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from movies m " + where(query, params)).params(params)
                .query(Long.class).single();
    }

    Optional<MovieDetails> find(int movieId) {
        return jdbc.sql(COLUMNS + """
                        , l.imdb_id, l.tmdb_id
                          from movies m left join movie_rating_stats s on s.movie_id = m.movie_id
                          left join movie_links l on l.movie_id = m.movie_id
                         where m.movie_id = :id""")
                .param("id", movieId).query((rs, row) -> details(rs)).optional();
    }

    private static String where(CatalogQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (query.byTitleKey()) {
            conditions.add("m.title_search like :pattern");
            params.put("pattern", TitleKeys.containing(query.titleKey()));
        } else if (query.text() != null) {
            conditions.add("lower(m.title) like lower(:pattern)");
            params.put("pattern", query.likePattern());
        }
        if (query.genre() != null) {
            conditions.add("exists (select 1 from unnest(m.genres) g where lower(g) = :genre)");
            params.put("genre", query.genre().toLowerCase(Locale.ROOT));
        }
        if (query.yearFrom() != null) {
            conditions.add("m.year >= :yearFrom");
            params.put("yearFrom", query.yearFrom());
        }
        if (query.yearTo() != null) {
            conditions.add("m.year <= :yearTo");
            params.put("yearTo", query.yearTo());
        }
        return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
    }

    private static MovieSummary summary(ResultSet rs) throws SQLException {
        return new MovieSummary(rs.getInt("movie_id"), rs.getString("title"), integer(rs, "year"),
                strings(rs.getArray("genres")), strings(rs.getArray("platforms")), rs.getInt("ratings"), mean(rs));
    }

    private static MovieDetails details(ResultSet rs) throws SQLException {
        return new MovieDetails(rs.getInt("movie_id"), rs.getString("title"), integer(rs, "year"),
                strings(rs.getArray("genres")), strings(rs.getArray("platforms")), rs.getInt("ratings"), mean(rs),
                rs.getString("imdb_id"), integer(rs, "tmdb_id"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Float mean(ResultSet rs) throws SQLException {
        float value = rs.getFloat("mean_rating");
        return rs.wasNull() ? null : value;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
