package org.movierec.etl.load;

/** A parsed row that knows how to write itself into one or more staging tables. */
public interface StagedRow {

    void copyTo(CopyBatch batch, long line);

    /**
     * The row's value of the column its table is partitioned by, for a table partitioned by ranges of it (ratings, by
     * user: {@link EarlyKeys}); rows of other tables need not say.
     */
    default long partitionKey() {
        return Long.MIN_VALUE;
    }
}
