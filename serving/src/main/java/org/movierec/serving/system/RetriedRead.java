package org.movierec.serving.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.resilience.annotation.Retryable;

/**
 * A read from the database (a method, or every method of a class) that is run once more when it meets a broken
 * connection: PostgreSQL's "terminating connection due to administrator command" of a restart, an I/O error on a
 * connection the server has dropped, a transaction that cannot begin or roll back on one
 * ({@link DatabaseOutages#unavailable}). Reads are idempotent, so running one again changes nothing. Before the
 * second run {@link DatabaseOutages} closes the pool's connections, so it runs on a fresh one, which the pool waits
 * for up to its connection timeout ({@code spring.datasource.hikari.connection-timeout}): a restart shorter than that
 * costs no failed read. A read that waited that long for a connection is not run again (the pool has waited
 * already): it is answered 503 ({@link ApiExceptionHandler}).
 * <p>
 * Put it where a read begins: around the transaction when there is one, since a retry inside a transaction would
 * meet the same broken connection (Spring's retry advice runs before the transaction's).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Retryable(predicate = DatabaseOutages.BrokenConnection.class, maxRetries = 1, delay = 0)
public @interface RetriedRead {
}
