package org.movierec.training.eval;

import java.util.Arrays;

/** Summaries of measured durations, given in nanoseconds and returned in milliseconds. */
final class Latencies {

    private Latencies() {
    }

    /** The mean; at least one duration is needed. */
    static double meanMillis(long[] nanos) {
        checkNotEmpty(nanos);
        double sum = 0;
        for (long value : nanos) {
            sum += value;
        }
        return sum / nanos.length / 1e6;
    }

    /**
     * The nearest-rank percentile: the smallest duration such that at least {@code percent}% of them are
     * not longer, that is the {@code ceil(percent / 100 * n)}-th smallest.
     */
    static double percentileMillis(long[] nanos, double percent) {
        checkNotEmpty(nanos);
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.length - 1e-9);
        return sorted[Math.max(1, rank) - 1] / 1e6;
    }

    private static void checkNotEmpty(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no durations were measured");
        }
    }
}
