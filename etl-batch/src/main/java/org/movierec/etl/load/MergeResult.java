package org.movierec.etl.load;

/** What a merge changed in one table. */
public record MergeResult(long inserted, long updated, long unchanged, long deleted, long skipped, long rejected) {
}
