package org.movierec.etl.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the staging of one feed read: records, and how many were rejected, skipped or repaired.
 * Saved in the staging step's own context with every chunk, so it is as durable as the rows.
 */
final class FeedCounts {

    long records;
    long rejected;
    long skipped;
    long repaired;
    final Map<String, Long> staged = new LinkedHashMap<>();

    void saveTo(ExecutionContext context, String prefix) {
        context.putLong(prefix + ".records", records);
        context.putLong(prefix + ".rejected", rejected);
        context.putLong(prefix + ".skipped", skipped);
        context.putLong(prefix + ".repaired", repaired);
        staged.forEach((table, rows) -> context.putLong(prefix + ".staged." + table, rows));
    }

    static FeedCounts loadFrom(ExecutionContext context, String prefix, Iterable<String> tables) {
        FeedCounts counts = new FeedCounts();
        counts.records = context.getLong(prefix + ".records", 0);
        counts.rejected = context.getLong(prefix + ".rejected", 0);
        counts.skipped = context.getLong(prefix + ".skipped", 0);
        counts.repaired = context.getLong(prefix + ".repaired", 0);
        for (String table : tables) {
            counts.staged.put(table, context.getLong(prefix + ".staged." + table, 0));
        }
        return counts;
    }

    long staged(String table) {
        return staged.getOrDefault(table, 0L);
    }
}
