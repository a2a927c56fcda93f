package org.movierec.serving.recommendation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.movierec.model.Recommender;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.LoadedModel;
import org.movierec.serving.model.ModelSwappedEvent;
import org.movierec.serving.system.SchemaMigrated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds the {@link Catalogue}: read when the application is ready, and again after a model swap when the model was
 * trained after the catalogue was read (the weekly refresh: new movies and ratings, then a new model) or on a forced
 * reload; otherwise a swap only aligns the catalogue with the new model (at start-up the cached version, then the
 * registry's, are swapped in while or just after the first read). Each read makes the cold-start ranking from
 * {@code movie_rating_stats} (the number and sum of each movie's ratings), which the writers of ratings keep
 * current (migration V7): a read costs the same whatever the number of serving instances.
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
    private static final String RATED = "select movie_id, ratings, rating_sum, liked from movie_rating_stats";

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

    /**
     * The first read; skipped when a model swap made one already. Without the database it is made when the schema
     * migrations that waited for it have run ({@link SchemaMigrated}).
     */
    @EventListener({ApplicationReadyEvent.class, SchemaMigrated.class})
    synchronized void onStart() {
        if (!catalogue.readAt().equals(Instant.EPOCH)) {
            return;
        }
        try {
            refresh();
        } catch (DataAccessException e) {
            log.warn("The catalogue cannot be read now ({}): it is read once the schema migrations waiting for the "
                    + "database have run, or at the next model swap or reload", e.getMostSpecificCause().toString());
        }
    }

    /** After a swap or a forced reload; a failure keeps the catalogue read before (the model is served anyway). */
    @EventListener
    synchronized void onSwap(ModelSwappedEvent event) {
        Instant readAt = catalogue.readAt();
        if (readAt.isAfter(event.at())) {
            return;   // a read that began after the event reflects it
        }
        LoadedModel model = event.model();
        if (!event.reread() && model != null && model.trainedAt() != null && readAt.isAfter(model.trainedAt())) {
            catalogue = catalogue.alignedWith(model.recommender());
            log.info("Catalogue aligned with {} version {}: its data, read at {}, is newer than the model", model.name(),
                    model.version(), readAt);
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("The catalogue cannot be re-read; keeping the one read before: {}", e.toString());
        }
    }

    /** Re-reads the movies and the cold-start ranking, aligned with the model served when the read ends. */
    synchronized void refresh() {
        Instant readAt = Instant.now();
        long start = System.nanoTime();
        List<Movie> movies = jdbc.sql(MOVIES).query((rs, row) -> movie(rs)).list();
        List<ColdStart.Totals> rated = new ArrayList<>();
        jdbc.sql(RATED).query(rs -> {
            rated.add(new ColdStart.Totals(rs.getInt(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4)));
        });
        ColdStart coldStart = ColdStart.rank(rated, properties.meanDamping());
        Recommender recommender = current.get().map(LoadedModel::recommender).orElse(null);
        catalogue = Catalogue.of(movies, coldStart, recommender, readAt);
        log.info("Catalogue read: {} movies, {} in the cold-start ranking ({} ms)", movies.size(),
                coldStart.ids().length, (System.nanoTime() - start) / 1_000_000);
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
