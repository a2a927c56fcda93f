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
 *
 * <p>Bytes invalid in the file's encoding (a record's {@link TextRecord#invalidBytes()}) are never
 * changed silently. Read without {@code repairs}, a record holding them is rejected, the reason
 * naming the field and its bytes in hex: the rule for files of numbers and identifiers. Read with
 * {@code repairs}, a field holding them is repaired when it is read (each invalid sequence becomes
 * U+FFFD, as the JDK decodes it) and the repair recorded with the field's raw bytes, except the
 * key fields, which identify the row: invalid bytes there reject the record. A number or code
 * with a repaired byte then fails its own check and is rejected, its reason naming the bytes.
 */
public final class Fields {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setTrim(false).get();

    private final String[] names;
    private final List<String> values;
    /** Where repairs go; null when invalid bytes reject the record. */
    private final RecordParser.Repairs repairs;
    private final int[] key;
    /** The raw text of the fields that held invalid bytes (escaped), by index; null when none did. */
    private String[] invalid;
    /** Which of those were read, so repaired and recorded. */
    private boolean[] repaired;

    private Fields(String[] names, List<String> values, RecordParser.Repairs repairs, int[] key) {
        this.names = names;
        this.values = values;
        this.repairs = repairs;
        this.key = key;
    }

    /** Splits on a literal delimiter; quotes are ordinary characters. Invalid bytes reject the record. */
    public static Fields split(TextRecord record, String delimiter, String... names) throws RowRejectedException {
        return checked(record, names, split(record.text(), delimiter, names.length), null, new int[0]);
    }

    /**
     * Splits on a literal delimiter; invalid bytes are repaired in any field but the key fields.
     *
     * @param key the fields that identify the row: never repaired, and their values name the record in
     *            {@code etl_repairs}
     */
    public static Fields split(TextRecord record, String delimiter, String[] names, RecordParser.Repairs repairs,
                               int... key) throws RowRejectedException {
        return checked(record, names, split(record.text(), delimiter, names.length), repairs, key);
    }

    private static List<String> split(String text, String delimiter, int expected) {
        List<String> values = new ArrayList<>(expected);
        int start = 0;
        int at;
        while ((at = text.indexOf(delimiter, start)) >= 0) {
            values.add(text.substring(start, at));
            start = at + delimiter.length();
        }
        values.add(text.substring(start));
        return values;
    }

    /**
     * Parses one RFC 4180 CSV record (quoted fields may hold commas, quotes and line breaks).
     * Invalid bytes reject the record.
     */
    public static Fields csv(TextRecord record, String... names) throws RowRejectedException {
        return checked(record, names, csv(record), null, new int[0]);
    }

    /** Parses one RFC 4180 CSV record; invalid bytes are repaired in any field but the {@code key} fields. */
    public static Fields csv(TextRecord record, String[] names, RecordParser.Repairs repairs, int... key)
            throws RowRejectedException {
        return checked(record, names, csv(record), repairs, key);
    }

    private static List<String> csv(TextRecord record) throws RowRejectedException {
        try (CSVParser parser = CSVParser.parse(record.text(), CSV)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new RowRejectedException("expected one CSV record, found " + records.size());
            }
            return records.get(0).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new RowRejectedException("malformed CSV: " + e.getMessage());
        }
    }

    private static Fields checked(TextRecord record, String[] names, List<String> values, RecordParser.Repairs repairs,
                                  int[] key) throws RowRejectedException {
        if (values.size() != names.length) {
            throw new RowRejectedException("expected %d fields (%s) but found %d".formatted(names.length,
                    String.join(",", names), values.size()));
        }
        if (!record.invalidBytes()) {
            return new Fields(names, values, repairs, key);
        }
        Fields fields = new Fields(names, new ArrayList<>(values), repairs, key);
        fields.findInvalid();
        return fields;
    }

    /** Notes the fields holding invalid bytes; rejects the record when one of them may not be repaired. */
    private void findInvalid() throws RowRejectedException {
        for (int i = 0; i < names.length; i++) {
            String value = values.get(i);
            if (!InvalidBytes.in(value)) {
                continue;
            }
            if (repairs == null || isKey(i)) {
                throw new RowRejectedException("%s: invalid UTF-8 (bytes %s), found '%s'%s".formatted(names[i],
                        InvalidBytes.invalidHex(value), InvalidBytes.visible(value), rawBytesNote(value)));
            }
            if (invalid == null) {
                invalid = new String[names.length];
                repaired = new boolean[names.length];
            }
            invalid[i] = value;
        }
    }

    private boolean isKey(int index) {
        for (int k : key) {
            if (k == index) {
                return true;
            }
        }
        return false;
    }

    /** Reads a field holding invalid bytes for the first time: replaces them and records the repair. */
    private String repair(int index) {
        String escaped = invalid[index];
        String text = InvalidBytes.replaced(escaped);
        values.set(index, text);
        List<String> keyValues = new ArrayList<>(key.length);
        for (int k : key) {
            keyValues.add(values.get(k));
        }
        repairs.add(String.join(",", keyValues), "%s: invalid UTF-8 (bytes %s) replaced by U+FFFD: '%s'".formatted(
                names[index], InvalidBytes.invalidHex(escaped), text), InvalidBytes.rawBytes(escaped));
        repaired[index] = true;
        return text;
    }

    private static String rawBytesNote(String escaped) {
        return "; the field's bytes: " + InvalidBytes.hex(InvalidBytes.rawBytes(escaped));
    }

    /** The raw text of a field (invalid bytes repaired, see above). */
    public String raw(int index) {
        if (invalid != null && invalid[index] != null && !repaired[index]) {
            return repair(index);
        }
        return values.get(index);
    }

    /** A field's text with surrounding blanks removed; null when blank. */
    public String text(int index) {
        String value = raw(index).strip();
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
        String reason = "%s: expected %s, found '%s'".formatted(names[index], expected, found);
        String escaped = invalid == null ? null : invalid[index];
        return new RowRejectedException(escaped == null ? reason : reason + (" (invalid UTF-8 (bytes %s) replaced by "
                + "U+FFFD%s)").formatted(InvalidBytes.invalidHex(escaped), rawBytesNote(escaped)));
    }
}
