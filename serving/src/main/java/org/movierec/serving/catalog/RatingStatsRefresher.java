package org.movierec.serving.catalog;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.movierec.serving.model.ModelSwappedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Rewrites {@code movie_rating_stats} (number and mean of each movie's ratings) at the moments the recommendation
 * catalogue is read: when the application is ready, after a model swap and on a forced reload. The rewrite is an
 * aggregate over the whole {@code ratings} table (about 17 s at ml-32m size here), so it runs on its own
 * background thread, never delaying readiness or the reload request, and requests that one rewrite already covers
 * (one queued, or one started after the swap) are dropped. One transaction, under an advisory lock so that two
 * serving instances never rewrite it at once; readers see the old figures until it commits. A failure keeps the
 * old figures (the search still answers).
 */
@Component
class RatingStatsRefresher {

    private static final Logger log = LoggerFactory.getLogger(RatingStatsRefresher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rating-stats");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile Instant lastStart = Instant.EPOCH;

    RatingStatsRefresher(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        request(Instant.EPOCH);
    }

    @EventListener
    void onSwap(ModelSwappedEvent event) {
        request(event.at());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Queues a rewrite of the figures as of now, unless a queued one or one started after {@code since} covers it. */
    private void request(Instant since) {
        if (lastStart.isAfter(since)) {
            return;
        }
        if (queued.compareAndSet(false, true)) {
            worker.execute(this::run);
        }
    }

    private void run() {
        queued.set(false);
        lastStart = Instant.now();
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("The rating statistics cannot be refreshed; keeping the ones computed before: {}", e.toString());
        }
    }

    private void refresh() {
        long start = System.nanoTime();
        log.info("Rating statistics: rewriting movie_rating_stats from the ratings");
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
