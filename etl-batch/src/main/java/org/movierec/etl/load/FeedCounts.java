package org.movierec.etl.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the staging of one feed read: records, and how many were rejected, skipped or repaired.
 * Saved in the staging step's own context with every chunk, so it is as durable as the rows.
 */
final class FeedCounts {

    private static final String PREFIX = "counts";

    long records;
    long rejected;
    long skipped;
    long repaired;
    final Map<String, Long> staged = new LinkedHashMap<>();

    void saveTo(ExecutionContext context) {
        context.putLong(PREFIX + ".records", records);
        context.putLong(PREFIX + ".rejected", rejected);
        context.putLong(PREFIX + ".skipped", skipped);
        context.putLong(PREFIX + ".repaired", repaired);
        staged.forEach((table, rows) -> context.putLong(PREFIX + ".staged." + table, rows));
    }

    static FeedCounts loadFrom(ExecutionContext context, Iterable<String> tables) {
        FeedCounts counts = new FeedCounts();
        counts.records = context.getLong(PREFIX + ".records", 0);
        counts.rejected = context.getLong(PREFIX + ".rejected", 0);
        counts.skipped = context.getLong(PREFIX + ".skipped", 0);
        counts.repaired = context.getLong(PREFIX + ".repaired", 0);
        for (String table : tables) {
            counts.staged.put(table, context.getLong(PREFIX + ".staged." + table, 0));
        }
        return counts;
    }

    long staged(String table) {
        return staged.getOrDefault(table, 0L);
    }
}
