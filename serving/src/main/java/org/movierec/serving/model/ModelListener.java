package org.movierec.serving.model;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.movierec.mlflow.ModelRole;
import org.movierec.serving.model.ModelAnnouncer.Announcement;
import org.movierec.serving.model.ModelAnnouncer.Kind;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Hears what the other serving instances announce ({@link ModelAnnouncer}) on a PostgreSQL connection of its own
 * (outside the pool, which it would otherwise hold forever), with {@code LISTEN} and PgJDBC's
 * {@link PGConnection#getNotifications(int)}, and does the same here: a forced reload elsewhere is a forced reload
 * here, a new version loaded elsewhere makes this instance ask the registry now. A lost connection is opened again
 * every {@link #RETRY}, and the registry asked then (an announcement may have been missed meanwhile).
 */
@Component
class ModelListener {

    private static final Logger log = LoggerFactory.getLogger(ModelListener.class);
    static final Duration RETRY = Duration.ofSeconds(5);
    /** How long one wait for notifications lasts; a quiet connection is checked with a query this often. */
    private static final int WAIT_MILLIS = 10_000;

    private final JdbcConnectionDetails database;
    private final ModelAnnouncer announcer;
    private final ModelUpdater updater;
    private final Thread thread = new Thread(this::listen, "model-listener");
    private volatile boolean running = true;
    private volatile Connection connection;

    ModelListener(JdbcConnectionDetails database, ModelAnnouncer announcer, ModelUpdater updater) {
        this.database = database;
        this.announcer = announcer;
        this.updater = updater;
        thread.setDaemon(true);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
        closeQuietly(connection);
    }

    private void listen() {
        boolean reconnect = false;
        while (running) {
            try (Connection listening = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
                    database.getPassword())) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("listen " + ModelAnnouncer.CHANNEL);
                }
                log.info("Listening for model announcements of other serving instances (channel {})",
                        ModelAnnouncer.CHANNEL);
                if (reconnect) {
                    updater.poll();   // what was announced while the connection was down
                }
                receive(listening.unwrap(PGConnection.class), listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Model announcements cannot be heard ({}); trying again in {} s", e.toString(),
                        RETRY.toSeconds());
            }
            reconnect = true;
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void receive(PGConnection notifications, Connection listening) throws SQLException {
        while (running) {
            PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
            if (received == null || received.length == 0) {
                try (Statement statement = listening.createStatement()) {
                    statement.execute("select 1");   // a connection lost without a word fails here
                }
                continue;
            }
            Kind strongest = null;
            for (PGNotification notification : received) {
                Optional<Announcement> announcement = Announcement.parse(notification.getParameter());
                if (announcement.isEmpty() || announcement.get().instance().equals(announcer.instance())
                        || !announcement.get().modelName().equals(announcer.modelName())) {
                    continue;
                }
                if (strongest == null || announcement.get().kind() == Kind.RELOAD) {
                    strongest = announcement.get().kind();
                }
            }
            if (strongest != null) {
                act(strongest);
            }
        }
    }

    /** Does what the announcement asks, once for all announcements that arrived together. */
    private void act(Kind kind) {
        try {
            Map<ModelRole, PollResult> results = kind == Kind.RELOAD ? updater.reload() : updater.poll();
            results.forEach((role, result) -> log.info("Another serving instance announced {}: {} {} ({})", kind, role,
                    result.outcome(), result.message()));
        } catch (RuntimeException e) {
            log.warn("Another serving instance announced {}, which failed here: {}", kind, e.toString());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a connection that is going away anyway
        }
    }
}
