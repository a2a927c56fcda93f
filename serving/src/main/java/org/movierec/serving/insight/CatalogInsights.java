package org.movierec.serving.insight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.movierec.serving.insight.CatalogAnswers.LongestTitle;
import org.movierec.serving.insight.CatalogAnswers.PlatformTypeCount;
import org.movierec.serving.insight.CatalogAnswers.TopCastMember;
import org.movierec.serving.system.RetriedRead;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the streaming-catalog insights over {@code catalog_titles}, {@code catalog_ratings},
 * {@code catalog_title_movies} and MovieLens {@code ratings}. Parameters arrive checked
 * ({@link InsightParameters}); the queries only read.
 */
@RetriedRead
@Repository
class CatalogInsights {

    /** Where a title's score comes from: the platform users' ratings, or the linked MovieLens movie's ratings. */
    enum ScoreSource {
        CATALOG("mean of catalog_ratings (the platform users' ratings of the title)", """
                select count(*) from (
                  select t.title_id from catalog_titles t join catalog_ratings r on r.title_id = t.title_id
                  where t.platform = :platform and t.release_year = :year
                  group by t.title_id having avg(r.rating) > :score) scored"""),
        MOVIELENS("mean of MovieLens ratings of the movie the title is linked to (catalog_title_movies)", """
                select count(*) from (
                  select t.title_id from catalog_titles t
                  join catalog_title_movies l on l.title_id = t.title_id
                  join ratings r on r.movie_id = l.movie_id
                  where t.platform = :platform and t.release_year = :year
                  group by t.title_id having avg(r.rating) > :score) scored""");

        private final String meaning;
        private final String sql;

        ScoreSource(String meaning, String sql) {
            this.meaning = meaning;
            this.sql = sql;
        }

        String meaning() {
            return meaning;
        }
    }

    private final JdbcClient jdbc;

    CatalogInsights(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The title with the largest {@code duration_int} of a type; ties go to the first title, then title id. */
    Optional<LongestTitle> longest(String durationType, Integer year, String platform, String criteria) {
        StringBuilder sql = new StringBuilder("""
                select title, duration_int, duration_type, platform, title_id, release_year from catalog_titles
                where duration_type = :type and duration_int is not null""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", durationType);
        if (year != null) {
            sql.append(" and release_year = :year");
            params.put("year", year);
        }
        if (platform != null) {
            sql.append(" and platform = :platform");
            params.put("platform", platform);
        }
        sql.append(" order by duration_int desc, title, title_id limit 1");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> new LongestTitle(rs.getString("title"), rs.getInt("duration_int"),
                        rs.getString("duration_type"), rs.getString("platform"), rs.getString("title_id"),
                        rs.getObject("release_year", Integer.class), criteria))
                .optional();
    }

    /** Titles of a platform released in {@code year} whose mean rating from {@code source} is above {@code score}. */
    long scoredAbove(String platform, int year, double score, ScoreSource source) {
        return jdbc.sql(source.sql).param("platform", platform).param("year", year).param("score", score)
                .query(Long.class).single();
    }

    /** Movies and series per platform: every platform asked, zero where it has none. */
    List<PlatformTypeCount> typeCounts(List<String> platforms) {
        Map<String, PlatformTypeCount> found = new LinkedHashMap<>();
        jdbc.sql("""
                select platform, count(*) filter (where type = 'movie') as movies,
                       count(*) filter (where type = 'tv show') as series
                from catalog_titles where platform in (:platforms) group by platform""")
                .param("platforms", platforms)
                .query((rs, i) -> new PlatformTypeCount(rs.getString("platform"), rs.getLong("movies"),
                        rs.getLong("series")))
                .list().forEach(count -> found.put(count.platform(), count));
        List<PlatformTypeCount> counts = new ArrayList<>();
        for (String platform : platforms) {
            counts.add(found.getOrDefault(platform, new PlatformTypeCount(platform, 0, 0)));
        }
        return counts;
    }

    /** The cast member in the most titles (each title counted once) of a platform and release year. */
    Optional<TopCastMember> topCastMember(String platform, int year, String yearMeans, String tieBreak) {
        return jdbc.sql("""
                select m.name, count(distinct t.title_id) as titles
                from catalog_titles t cross join lateral unnest(t.cast_members) as m(name)
                where t.platform = :platform and t.release_year = :year
                group by m.name order by titles desc, m.name limit 1""")
                .param("platform", platform).param("year", year)
                .query((rs, i) -> new TopCastMember(platform, year, rs.getString("name"), rs.getLong("titles"),
                        yearMeans, tieBreak))
                .optional();
    }
}
