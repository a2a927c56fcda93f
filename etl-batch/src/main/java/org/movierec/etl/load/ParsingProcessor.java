package org.movierec.etl.load;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Applies a {@link RecordParser}; a malformed record becomes a rejection instead of an error. */
final class ParsingProcessor implements ItemProcessor<TextRecord, ParsedRecord> {

    private final RecordParser parser;

    ParsingProcessor(RecordParser parser) {
        this.parser = parser;
    }

    @Override
    public ParsedRecord process(TextRecord record) {
        List<ParsedRecord.Repair> repairs = new ArrayList<>(0);
        try {
            StagedRow row = parser.parse(record, (key, description) -> repairs.add(new ParsedRecord.Repair(key, description)));
            return row == null ? ParsedRecord.skipped(record) : ParsedRecord.staged(record, row, repairs);
        } catch (RowRejectedException e) {
            return ParsedRecord.rejected(record, e.getMessage());
        } catch (RuntimeException e) {
            return ParsedRecord.rejected(record, "unreadable record: " + e);
        }
    }
}
