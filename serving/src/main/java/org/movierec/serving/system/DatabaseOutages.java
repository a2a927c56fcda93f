package org.movierec.serving.system;

import java.io.IOException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.retry.MethodRetryEvent;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What the application does when PostgreSQL goes away (a restart, a failover, a crash). Reads marked
 * {@link RetriedRead} are run again once; before they are, the pool's connections are closed
 * ({@link HikariPoolMXBean#softEvictConnections()}: the idle ones now, the ones in use when given back), since a
 * restart breaks every one of them and the pool would otherwise hand out the next broken one. What still fails
 * for want of the database is answered 503 with {@code Retry-After} ({@link #unavailable}), and readiness, which
 * includes the database, is DOWN until it answers again.
 */
@Configuration(proxyBeanMethods = false)
@EnableResilientMethods
class DatabaseOutages {

    /** The {@code Retry-After} of a 503 for want of the database, in seconds. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** The detail of that 503. */
    static final String DETAIL = "The database is unavailable for the moment: try again in " + RETRY_AFTER_SECONDS
            + " s";
    /**
     * The detail of that 503 when the connection was lost during the commit itself: the server may have committed
     * before it could answer (the driver cannot tell which), so the change may be saved.
     */
    static final String COMMIT_CUT_OFF = "The connection to the database was lost while the change was being "
            + "committed: it may or may not have been saved. Read it back before sending it again (in "
            + RETRY_AFTER_SECONDS + " s: the database is unavailable for the moment)";

    /**
     * PostgreSQL's SQLSTATEs of a connection the server ended: admin_shutdown (a fast or immediate stop or restart),
     * crash_shutdown, cannot_connect_now (starting up or shutting down); class 08 (connection exceptions) besides.
     */
    private static final Set<String> SERVER_WENT_AWAY = Set.of("57P01", "57P02", "57P03");

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutages.class);

    private final DataSource dataSource;

    DatabaseOutages(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether the exception says that the database cannot be reached or dropped the connection: Spring's
     * {@link DataAccessResourceFailureException} (which covers a connection the pool could not get), a transaction
     * that could not begin, a JDBC exception of a broken connection anywhere among its causes, or a transaction that
     * could not be committed or rolled back on its connection: a {@link TransactionSystemException} from JDBC, such as
     * the rollback on a connection the pool closed as broken ("Connection is closed", with no SQLSTATE), which keeps
     * the failure that led to it, or replaces the commit's "terminating connection" (logged by Spring).
     */
    static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_WENT_AWAY.contains(sql.getSQLState()))
                    || t instanceof TransactionSystemException tx && (t.getCause() instanceof SQLException
                    || tx.getApplicationException() != null && unavailable(tx.getApplicationException()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure came from the commit of a transaction: Spring's rollback after a failed commit, which on a
     * broken connection fails too and replaces the commit's exception (a {@link TransactionSystemException} with no
     * application exception: the rollback after a failure inside the transaction keeps that one), or the commit's own
     * exception ("JDBC commit").
     */
    static boolean commitCutOff(Throwable e) {
        return e instanceof TransactionSystemException tx && tx.getApplicationException() == null
                || e.getMessage() != null && e.getMessage().startsWith("JDBC commit");
    }

    /** The detail of a 503 for want of the database, answering a request with this HTTP method. */
    static String detail(Throwable e, String method) {
        return commitCutOff(e) && !"GET".equals(method) && !"HEAD".equals(method) ? COMMIT_CUT_OFF : DETAIL;
    }

    /** Answers the request 503 with {@code Retry-After}, outside Spring MVC (security, the error page). */
    static void answer(HttpServletRequest request, HttpServletResponse response, Throwable e, String instance)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        ProblemWriter.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), detail(e, request.getMethod()), instance);
    }

    /** Published by the retry advice after a failed run of a {@link RetriedRead} method. */
    @EventListener
    void onFailedRead(MethodRetryEvent event) {
        if (event.isRetryAborted() || !BrokenConnection.retried(event.getFailure())) {
            return;
        }
        log.warn("A read met a broken database connection ({}): closing the pool's connections and trying it again",
                NestedExceptionUtils.getMostSpecificCause(event.getFailure()).toString());
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
                if (pool != null) {
                    pool.softEvictConnections();
                }
            }
        } catch (SQLException e) {
            log.warn("The pool's connections cannot be closed: {}", e.toString());
        }
    }

    /**
     * Which failures of a {@link RetriedRead} are run again: those for want of the database, except when the pool
     * gave up waiting for a connection ({@link SQLTransientConnectionException}: it waited its connection timeout
     * already, while trying to connect).
     */
    static final class BrokenConnection implements MethodRetryPredicate {

        @Override
        public boolean shouldRetry(Method method, Throwable failure) {
            return retried(failure);
        }

        static boolean retried(Throwable failure) {
            return unavailable(failure) && !timedOut(failure);
        }

        private static boolean timedOut(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SQLTransientConnectionException) {
                    return true;
                }
            }
            return false;
        }
    }
}
