package org.movierec.serving.recommendation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.movierec.model.Recommender;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.LoadedModel;
import org.movierec.serving.model.ModelSwappedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds the {@link Catalogue}: read when the application is ready and again after every model swap or forced
 * reload. The cold-start ranking is computed in SQL over the whole {@code ratings} table.
 */
@Component
class CatalogueStore {

    private static final Logger log = LoggerFactory.getLogger(CatalogueStore.class);

    private static final String MOVIES = """
            select m.movie_id, m.title, m.year, m.genres, coalesce(p.platforms, '{}') as platforms
            from movies m
            left join (select c.movie_id, array_agg(distinct t.platform order by t.platform) as platforms
                       from catalog_title_movies c join catalog_titles t on t.title_id = c.title_id
                       group by c.movie_id) p on p.movie_id = m.movie_id
            """;
    private static final String COLD_START = """
            with g as (select avg(rating) as mu from ratings)
            select r.movie_id, (sum(r.rating) + :m * g.mu) / (count(*) + :m) as score
            from ratings r cross join g
            group by r.movie_id, g.mu
            order by score desc, r.movie_id
            """;

    private static final String GLOBAL_MEAN = "select avg(rating) from ratings";

    private final JdbcClient jdbc;
    private final CurrentModel current;
    private final RecommendationProperties properties;
    private volatile Catalogue catalogue = Catalogue.empty();

    CatalogueStore(JdbcClient jdbc, CurrentModel current, RecommendationProperties properties) {
        this.jdbc = jdbc;
        this.current = current;
        this.properties = properties;
    }

    Catalogue get() {
        return catalogue;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        refresh();
    }

    /** After a swap or a forced reload; a failure keeps the catalogue read before (the model is served anyway). */
    @EventListener
    void onSwap(ModelSwappedEvent event) {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("The catalogue cannot be re-read; keeping the one read before: {}", e.toString());
        }
    }

    /** Re-reads the movies and the cold-start ranking, aligned with the model served now. */
    synchronized void refresh() {
        LoadedModel model = current.get().orElse(null);
        long start = System.nanoTime();
        List<Movie> movies = jdbc.sql(MOVIES).query((rs, row) -> movie(rs)).list();
        List<double[]> ranking = new ArrayList<>();
        jdbc.sql(COLD_START).param("m", properties.coldStartDamping())
                .query(rs -> {
                    ranking.add(new double[] {rs.getInt(1), rs.getDouble(2)});
                });
        int[] ids = new int[ranking.size()];
        float[] scores = new float[ranking.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) ranking.get(i)[0];
            scores[i] = (float) ranking.get(i)[1];
        }
        Double mean = jdbc.sql(GLOBAL_MEAN).query(Double.class).optional().orElse(null);
        Recommender recommender = model == null ? null : model.recommender();
        catalogue = Catalogue.of(movies, ids, scores, mean == null ? Float.NaN : mean.floatValue(), recommender);
        log.info("Catalogue read: {} movies, {} in the cold-start ranking ({} ms)", movies.size(), ids.length,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static Movie movie(ResultSet rs) throws SQLException {
        int year = rs.getInt("year");
        Integer maybeYear = rs.wasNull() ? null : year;
        return new Movie(rs.getInt("movie_id"), rs.getString("title"), maybeYear, strings(rs.getArray("genres")),
                strings(rs.getArray("platforms")));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
