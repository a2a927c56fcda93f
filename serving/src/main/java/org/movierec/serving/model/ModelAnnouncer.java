package org.movierec.serving.model;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other serving instances over the same PostgreSQL that the served model may have changed: a PostgreSQL
 * {@code NOTIFY} on the channel {@value #CHANNEL}, which every instance's {@link ModelListener} hears within
 * milliseconds (instead of at its next poll of the registry, {@code serving.model.poll-interval}). The payload is
 * {@code <kind> <instance id> <model name>}; an instance ignores its own announcements and those of another
 * registered model.
 */
@Component
class ModelAnnouncer {

    static final String CHANNEL = "movierec_model";

    private static final Logger log = LoggerFactory.getLogger(ModelAnnouncer.class);

    /** What happened on the announcing instance. */
    enum Kind {
        /** An administrator forced a reload: every instance asks the registry and re-reads its catalogue. */
        RELOAD,
        /** The instance's poll found and loaded a new version: every instance asks the registry now. */
        SWAPPED
    }

    /** One announcement as heard. */
    record Announcement(Kind kind, String instance, String modelName) {

        /** The payload parsed, or empty when it is not an announcement of this format. */
        static Optional<Announcement> parse(String payload) {
            String[] parts = payload == null ? new String[0] : payload.split(" ", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Announcement(Kind.valueOf(parts[0]), parts[1], parts[2]));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        String payload() {
            return kind + " " + instance + " " + modelName;
        }
    }

    private final JdbcClient jdbc;
    private final String modelName;
    private final String instance = UUID.randomUUID().toString();

    ModelAnnouncer(JdbcClient jdbc, ModelProperties properties) {
        this.jdbc = jdbc;
        this.modelName = properties.name();
    }

    /** This instance's id in announcements (new on every start). */
    String instance() {
        return instance;
    }

    String modelName() {
        return modelName;
    }

    /**
     * Announces to every instance listening, after the caller's transaction commits if there is one. A database that
     * cannot be reached is logged: the other instances then learn of the change at their next poll.
     */
    void announce(Kind kind) {
        String payload = new Announcement(kind, instance, modelName).payload();
        try {
            jdbc.sql("select pg_notify(:channel, :payload)").param("channel", CHANNEL).param("payload", payload)
                    .query().singleRow();
            log.info("Announced {} of {} to the other serving instances", kind, modelName);
        } catch (DataAccessException e) {
            log.warn("Cannot announce {} of {} to the other serving instances (they will see it at their next poll): {}",
                    kind, modelName, e.getMostSpecificCause().toString());
        }
    }
}
