package org.movierec.serving.catalog;

import org.movierec.serving.model.ModelSwappedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewrites {@code movie_rating_stats} (number and mean of each movie's ratings) at the moments the recommendation
 * catalogue is read: when the application is ready, after a model swap and on a forced reload. One transaction,
 * under an advisory lock so that two serving instances never rewrite it at once; readers see the old figures
 * until it commits. A failure keeps the old figures (the search still answers).
 */
@Component
class RatingStatsRefresher {

    private static final Logger log = LoggerFactory.getLogger(RatingStatsRefresher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    RatingStatsRefresher(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @EventListener({ApplicationReadyEvent.class, ModelSwappedEvent.class})
    void onCatalogueRead() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("The rating statistics cannot be refreshed; keeping the ones computed before: {}", e.toString());
        }
    }

    void refresh() {
        long start = System.nanoTime();
        Integer movies = transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('movie_rating_stats'))").query().singleRow();
            jdbc.sql("delete from movie_rating_stats").update();
            return jdbc.sql("""
                    insert into movie_rating_stats (movie_id, ratings, mean_rating)
                    select movie_id, count(*), avg(rating) from ratings group by movie_id""").update();
        });
        log.info("Rating statistics refreshed: {} rated movies ({} ms)", movies, (System.nanoTime() - start) / 1_000_000);
    }
}
