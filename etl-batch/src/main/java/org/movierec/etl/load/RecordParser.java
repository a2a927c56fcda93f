package org.movierec.etl.load;

/**
 * Turns one input record into a row to stage. Implementations are the transformation rules of a
 * source: they validate, convert and normalise, and never touch the database.
 */
@FunctionalInterface
public interface RecordParser {

    /**
     * @param record  the raw record
     * @param repairs where to note a repair made to a dirty but recoverable record
     * @return the row to stage, or {@code null} to leave the record out by a rule (counted as skipped)
     * @throws RowRejectedException when the record is malformed
     */
    StagedRow parse(TextRecord record, Repairs repairs) throws RowRejectedException;

    /** Collects the repairs made while parsing one record. */
    interface Repairs {
        void add(String recordKey, String description);

        /** A repair of a field that held bytes invalid in the file's encoding, with the field's bytes as they were. */
        default void add(String recordKey, String description, byte[] rawBytes) {
            add(recordKey, description);
        }
    }
}
