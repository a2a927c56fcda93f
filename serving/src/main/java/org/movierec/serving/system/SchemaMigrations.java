package org.movierec.serving.system;

import java.time.Duration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies the schema migrations on start, as Spring Boot does, except when PostgreSQL cannot be reached then: serving
 * starts anyway (liveness UP, readiness DOWN, the cached model loaded) and a thread of its own migrates as soon as the
 * database answers, trying every {@link #RETRY} ({@link RetryTemplate}), then publishes {@link SchemaMigrated} (the
 * catalogue is read on it). A migration that fails for another reason fails the start, as before.
 * <p>
 * Also the {@code migrations} component of {@code /actuator/health} and of the readiness group: DOWN until the
 * migrations have run.
 */
@Component("migrations")
class SchemaMigrations implements FlywayMigrationStrategy, HealthIndicator {

    static final Duration RETRY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final ApplicationEventPublisher events;
    private volatile boolean migrated;

    SchemaMigrations(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void migrate(Flyway flyway) {
        try {
            flyway.migrate();
            migrated = true;
        } catch (FlywayException e) {
            if (!DatabaseOutages.unavailable(e)) {
                throw e;
            }
            log.warn("PostgreSQL cannot be reached ({}): serving starts without it, not ready, and applies the schema "
                    + "migrations when it answers (tried every {} s)", NestedExceptionUtils.getMostSpecificCause(e),
                    RETRY.toSeconds());
            Thread later = new Thread(() -> migrateWhenReachable(flyway), "schema-migrations");
            later.setDaemon(true);
            later.start();
        }
    }

    private void migrateWhenReachable(Flyway flyway) {
        RetryTemplate retry = new RetryTemplate(RetryPolicy.builder().maxRetries(Long.MAX_VALUE).delay(RETRY)
                .predicate(DatabaseOutages::unavailable).build());
        try {
            retry.invoke(() -> flyway.migrate());
        } catch (RuntimeException e) {
            log.error("The schema migrations failed: serving stays not ready", e);
            return;
        }
        migrated = true;
        log.info("PostgreSQL answers: schema migrations applied");
        events.publishEvent(new SchemaMigrated());
    }

    @Override
    public Health health() {
        return migrated ? Health.up().build()
                : Health.down().withDetail("migrations", "waiting for the database to answer").build();
    }
}
