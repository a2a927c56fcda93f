package org.movierec.etl.load;

import java.util.List;

/**
 * What became of one input record: staged ({@code row} set), left out by a rule ({@code row}
 * and {@code rejection} null) or rejected ({@code rejection} set). Repairs travel with the row.
 */
public record ParsedRecord(TextRecord source, StagedRow row, String rejection, List<Repair> repairs) {

    public record Repair(String recordKey, String description) {
    }

    static ParsedRecord staged(TextRecord source, StagedRow row, List<Repair> repairs) {
        return new ParsedRecord(source, row, null, repairs);
    }

    static ParsedRecord skipped(TextRecord source) {
        return new ParsedRecord(source, null, null, List.of());
    }

    static ParsedRecord rejected(TextRecord source, String reason) {
        return new ParsedRecord(source, null, reason, List.of());
    }

    boolean isRejected() {
        return rejection != null;
    }

    boolean isSkipped() {
        return row == null && rejection == null;
    }
}
