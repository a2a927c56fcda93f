package org.movierec.etl.load;

/** A parsed row that knows how to write itself into one or more staging tables. */
public interface StagedRow {

    void copyTo(CopyBatch batch, long line);
}
