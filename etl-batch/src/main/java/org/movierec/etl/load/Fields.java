package org.movierec.etl.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits records into fields and converts fields, rejecting with a message that names the field
 * and what was expected.
 */
public final class Fields {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setTrim(false).get();

    private final String[] names;
    private final List<String> values;

    private Fields(String[] names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    /** Splits on a literal delimiter; quotes are ordinary characters. */
    public static Fields split(TextRecord record, String delimiter, String... names) throws RowRejectedException {
        String text = record.text();
        List<String> values = new ArrayList<>(names.length);
        int start = 0;
        int at;
        while ((at = text.indexOf(delimiter, start)) >= 0) {
            values.add(text.substring(start, at));
            start = at + delimiter.length();
        }
        values.add(text.substring(start));
        return checked(names, values);
    }

    /** Parses one RFC 4180 CSV record (quoted fields may hold commas, quotes and line breaks). */
    public static Fields csv(TextRecord record, String... names) throws RowRejectedException {
        try (CSVParser parser = CSVParser.parse(record.text(), CSV)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new RowRejectedException("expected one CSV record, found " + records.size());
            }
            return checked(names, records.get(0).toList());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new RowRejectedException("malformed CSV: " + e.getMessage());
        }
    }

    private static Fields checked(String[] names, List<String> values) throws RowRejectedException {
        if (values.size() != names.length) {
            throw new RowRejectedException("expected %d fields (%s) but found %d".formatted(names.length,
                    String.join(",", names), values.size()));
        }
        return new Fields(names, values);
    }

    /** The raw text of a field. */
    public String raw(int index) {
        return values.get(index);
    }

    /** A field's text with surrounding blanks removed; null when blank. */
    public String text(int index) {
        String value = values.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    public String required(int index) throws RowRejectedException {
        String value = text(index);
        if (value == null) {
            throw reject(index, "a value", "nothing");
        }
        return value;
    }

    public long longValue(int index) throws RowRejectedException {
        String value = required(index);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw reject(index, "a whole number", value);
        }
    }

    public int intValue(int index) throws RowRejectedException {
        long value = longValue(index);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw reject(index, "a 32-bit whole number", Long.toString(value));
        }
        return (int) value;
    }

    public Integer optionalInt(int index) throws RowRejectedException {
        return text(index) == null ? null : intValue(index);
    }

    public double doubleValue(int index) throws RowRejectedException {
        String value = required(index);
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw reject(index, "a number", value);
        }
    }

    public Double optionalDouble(int index) throws RowRejectedException {
        return text(index) == null ? null : doubleValue(index);
    }

    public RowRejectedException reject(int index, String expected, String found) {
        return new RowRejectedException("%s: expected %s, found '%s'".formatted(names[index], expected, found));
    }
}
