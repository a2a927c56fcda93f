package org.movierec.testing;

import java.time.Duration;

/**
 * Waiting in tests for something that comes by itself (a model swapped in, readiness changing, a run's metric
 * logged); shared by the fault tests of serving and training through core's test jar.
 */
public final class Polling {

    private Polling() {
    }

    /** A condition asked again and again; it may throw (a request that fails meanwhile counts as not yet). */
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Whether the check holds within the time, asked every 100 ms and once more at the end. */
    public static boolean await(Check check, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return check.holds();
    }
}
