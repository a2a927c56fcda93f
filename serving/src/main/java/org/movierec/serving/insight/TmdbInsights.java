package org.movierec.serving.insight;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.movierec.serving.insight.TmdbAnswers.ActorReturn;
import org.movierec.serving.insight.TmdbAnswers.DirectorFilm;
import org.movierec.serving.insight.TmdbAnswers.TitlePopularity;
import org.movierec.serving.insight.TmdbAnswers.TitleVotes;
import org.movierec.serving.system.RetriedRead;
import org.movierec.serving.system.TitleKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the TMDB insights over {@code tmdb_movies}, {@code tmdb_cast} and
 * {@code tmdb_directors}. Names match with {@code lower(column) = lower(:value)}: whole and
 * case-insensitive. A person is a name: two TMDB people with the same name count as one. Titles
 * match as people write them: the title key asked for ({@link TitleKeys}) must be the key of one of
 * the film's names ({@code tmdb_movies.title_names}, normalised when the film was written); a title
 * without letters or digits is matched like a name.
 */
@RetriedRead
@Repository
class TmdbInsights {

    /** The fewest votes for which a film's vote count and average are given. */
    static final int MIN_VOTES = 2000;
    static final String RETURN_MEANS = "revenue / budget of each film; a film with an unknown (0) budget has return 0";
    private static final int SUGGESTIONS = 5;

    private final JdbcClient jdbc;

    TmdbInsights(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Films whose release date falls in {@code month} and/or on {@code weekday} (null: any). */
    long releases(Month month, DayOfWeek weekday) {
        StringBuilder sql = new StringBuilder("select count(*) from tmdb_movies where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (month != null) {
            sql.append(" and extract(month from release_date) = :month");
            params.put("month", month.getValue());
        }
        if (weekday != null) {
            sql.append(" and extract(isodow from release_date) = :weekday");
            params.put("weekday", weekday.getValue());
        }
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    List<TitlePopularity> popularity(AskedTitle title, Integer year) {
        return byTitle("tmdb_id, title, release_date, release_year, popularity", title, year)
                .query((rs, i) -> new TitlePopularity(rs.getInt("tmdb_id"), rs.getString("title"),
                        rs.getObject("release_date", LocalDate.class), rs.getInt("release_year"),
                        rs.getObject("popularity", Double.class)))
                .list();
    }

    List<TitleVotes> votes(AskedTitle title, Integer year) {
        return byTitle("tmdb_id, title, release_year, vote_count, vote_average::numeric::float8 as vote_average", title,
                year)
                .query((rs, i) -> votes(rs.getInt("tmdb_id"), rs.getString("title"), rs.getInt("release_year"),
                        rs.getObject("vote_count", Integer.class), rs.getObject("vote_average", Double.class)))
                .list();
    }

    /** The actor's films (each once, however many roles) and their summed and mean return. */
    Optional<ActorReturn> actor(String name) {
        return jdbc.sql("""
                select min(f.name) as name, count(*) as films, count(*) filter (where f.budget > 0) as with_budget,
                       coalesce(sum(f.return), 0) as total
                from (select distinct on (m.tmdb_id) m.tmdb_id, c.name, m.budget, m.return
                      from tmdb_cast c join tmdb_movies m on m.tmdb_id = c.tmdb_id
                      where lower(c.name) = lower(:name) order by m.tmdb_id, c.name) f
                having count(*) > 0""")
                .param("name", name)
                .query((rs, i) -> {
                    long withBudget = rs.getLong("with_budget");
                    double total = rs.getDouble("total");
                    return new ActorReturn(rs.getString("name"), rs.getLong("films"), withBudget, total,
                            withBudget == 0 ? null : total / withBudget,
                            RETURN_MEANS + "; the average is over the films with a known budget");
                })
                .optional();
    }

    /** The stored spelling of a director's name, when some film of theirs is in {@code tmdb_movies}. */
    Optional<String> directorName(String name) {
        return jdbc.sql("""
                select min(d.name) from tmdb_directors d join tmdb_movies m on m.tmdb_id = d.tmdb_id
                where lower(d.name) = lower(:name) having count(*) > 0""")
                .param("name", name).query(String.class).optional();
    }

    /** A director's films, each once, oldest first. */
    List<DirectorFilm> directorFilms(String name) {
        return jdbc.sql("""
                select m.tmdb_id, m.title, m.release_date, m.return, m.budget, m.revenue from tmdb_movies m
                where m.tmdb_id in (select d.tmdb_id from tmdb_directors d where lower(d.name) = lower(:name))
                order by m.release_date, m.tmdb_id""")
                .param("name", name)
                .query((rs, i) -> new DirectorFilm(rs.getInt("tmdb_id"), rs.getString("title"),
                        rs.getObject("release_date", LocalDate.class), rs.getDouble("return"),
                        rs.getLong("budget"), rs.getLong("revenue")))
                .list();
    }

    /**
     * Up to five titles for a 404's suggestions: those with a name containing the key, by title, then the closest
     * (of the 30 nearest by trigram word similarity, {@code title_search <->> key}, from the GiST index
     * {@code tmdb_movies_title_search_nearest}, those above 0.3, the name most similar to the key first); for a
     * title without letters or digits, those containing the text.
     */
    List<String> titlesLike(AskedTitle title) {
        if (!title.byKey()) {
            return containing("select distinct title as found from tmdb_movies where title ilike :pattern", title.text());
        }
        LinkedHashSet<String> found = new LinkedHashSet<>(jdbc.sql("""
                select distinct title from tmdb_movies where title_search like :pattern order by title limit :limit""")
                .param("pattern", TitleKeys.containing(title.key())).param("limit", SUGGESTIONS)
                .query(String.class).list());
        if (found.size() < SUGGESTIONS) {
            found.addAll(jdbc.sql("""
                    select title
                      from (select title, title_names, title_search <->> cast(:key as text) as distance
                              from tmdb_movies order by distance limit 30) nearest
                     where distance < 0.7
                     order by (select max(similarity(name, cast(:key as text))) from unnest(title_names) name) desc,
                              distance, title""")
                    .param("key", title.key()).query(String.class).list());
        }
        return found.stream().limit(SUGGESTIONS).toList();
    }

    List<String> actorsContaining(String text) {
        return containing("select distinct name as found from tmdb_cast where name ilike :pattern", text);
    }

    List<String> directorsContaining(String text) {
        return containing("select distinct name as found from tmdb_directors where name ilike :pattern", text);
    }

    private List<String> containing(String select, String text) {
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(select + " escape '\\' order by found limit " + SUGGESTIONS).param("pattern", pattern)
                .query(String.class).list();
    }

    private JdbcClient.StatementSpec byTitle(String columns, AskedTitle title, Integer year) {
        String match = title.byKey() ? "title_names @> array[cast(:title as text)]" : "lower(title) = lower(:title)";
        String sql = "select " + columns + " from tmdb_movies where " + match
                + (year == null ? "" : " and release_year = :year") + " order by release_date, tmdb_id";
        JdbcClient.StatementSpec spec = jdbc.sql(sql).param("title", title.byKey() ? title.key() : title.text());
        return year == null ? spec : spec.param("year", year);
    }

    private static TitleVotes votes(int id, String title, int year, Integer count, Double average) {
        if (count == null || count < MIN_VOTES) {
            return new TitleVotes(id, title, year, false, null, null,
                    "'%s' (%d) has fewer than %d votes: its vote count and average are not given"
                            .formatted(title, year, MIN_VOTES));
        }
        return new TitleVotes(id, title, year, true, count, average,
                "'%s' (%d) has %d votes with an average of %s".formatted(title, year, count, average));
    }
}
