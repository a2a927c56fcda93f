package org.movierec.etl.load;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The rows of one chunk in PostgreSQL's COPY text format. Rows of the feed's main table stream to
 * the server while the chunk is still being parsed (one COPY per chunk), so parsing here and
 * inserting there run at the same time; rows of other tables are buffered and copied after it.
 * Rows are written field by field: {@code batch.into(table, line).text(a).integer(b).end()}.
 */
public final class CopyBatch {

    private static final int FLUSH_CHARS = 1 << 16;

    private final CopyManager copyManager;
    private final StagingTable streamed;
    private final boolean lineNumbers;
    private final Map<StagingTable, Buffer> buffers = new LinkedHashMap<>();

    /**
     * @param copyManager where the rows go; null to only collect them (for tests)
     * @param streamed    the table whose rows stream while the chunk is parsed
     * @param lineNumbers whether rows carry their input line (false for a table loaded whole)
     */
    public CopyBatch(CopyManager copyManager, StagingTable streamed, boolean lineNumbers) {
        this.copyManager = copyManager;
        this.streamed = streamed;
        this.lineNumbers = lineNumbers;
    }

    public Row into(StagingTable table, long line) {
        Buffer buffer = buffers.computeIfAbsent(table, Buffer::new);
        buffer.rows++;
        return buffer.row.begin(line);
    }

    /** Sends what is still buffered and ends every COPY; returns the rows sent per staging table. */
    Map<StagingTable, Long> finish() throws SQLException {
        Map<StagingTable, Long> rows = new LinkedHashMap<>();
        for (Buffer buffer : buffers.values()) {
            if (copyManager != null) {
                buffer.flush();
                buffer.sink.endCopy();
                buffer.sink = null;
            }
            rows.merge(buffer.table, buffer.rows, Long::sum);
        }
        return rows;
    }

    /** Abandons an unfinished COPY (the chunk's transaction is rolled back). */
    void cancel() {
        for (Buffer buffer : buffers.values()) {
            if (buffer.sink != null && buffer.sink.isActive()) {
                try {
                    buffer.sink.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back anyway
                }
            }
        }
    }

    /** The COPY text collected for a table (what was not streamed yet). */
    String text(StagingTable table) {
        Buffer buffer = buffers.get(table);
        return buffer == null ? "" : buffer.text.toString();
    }

    private final class Buffer {
        final StagingTable table;
        final StringBuilder text = new StringBuilder(FLUSH_CHARS + 1024);
        final Row row = new Row(this);
        CopyIn sink;
        long rows;

        Buffer(StagingTable table) {
            this.table = table;
        }

        void rowEnded() {
            if (table.equals(streamed) && copyManager != null && text.length() >= FLUSH_CHARS) {
                try {
                    flush();
                } catch (SQLException e) {
                    throw new IllegalStateException("COPY into staging." + table.name() + " failed: " + e.getMessage(), e);
                }
            }
        }

        void flush() throws SQLException {
            if (sink == null) {
                sink = copyManager.copyIn(table.copyStatement(lineNumbers));
            }
            if (!text.isEmpty()) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                sink.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
        }
    }

    /** Appends the fields of one row; {@link #end()} closes it. A null value is SQL NULL. */
    public final class Row {
        private final Buffer buffer;
        private final StringBuilder out;
        private boolean first;

        Row(Buffer buffer) {
            this.buffer = buffer;
            this.out = buffer.text;
        }

        Row begin(long line) {
            first = true;
            if (lineNumbers) {
                out.append(line);
                first = false;
            }
            return this;
        }

        private StringBuilder field() {
            if (!first) {
                out.append('\t');
            }
            first = false;
            return out;
        }

        public Row text(String value) {
            StringBuilder field = field();
            if (value == null) {
                field.append("\\N");
            } else {
                escape(value, field);
            }
            return this;
        }

        public Row integer(Number value) {
            if (value == null) {
                field().append("\\N");
            } else {
                field().append(value);
            }
            return this;
        }

        public Row integer(long value) {
            field().append(value);
            return this;
        }

        public Row integer(int value) {
            field().append(value);
            return this;
        }

        public Row decimal(double value) {
            field().append(value);
            return this;
        }

        public Row decimal(Double value) {
            return value == null ? text(null) : decimal(value.doubleValue());
        }

        /** A value written exactly as given (a number already validated by the parser). */
        public Row verbatim(String value) {
            field().append(value);
            return this;
        }

        public Row bool(Boolean value) {
            return text(value == null ? null : value ? "t" : "f");
        }

        public Row date(LocalDate value) {
            return text(value == null ? null : value.toString());
        }

        public Row instant(Instant value) {
            return value == null ? text(null) : epochSeconds(value.getEpochSecond());
        }

        /** A timestamptz from seconds since 1970, as "2018-09-24 14:27:30+00". */
        public Row epochSeconds(long seconds) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
            StringBuilder field = field();
            field.append(time.getYear()).append('-');
            twoDigits(field, time.getMonthValue()).append('-');
            twoDigits(field, time.getDayOfMonth()).append(' ');
            twoDigits(field, time.getHour()).append(':');
            twoDigits(field, time.getMinute()).append(':');
            twoDigits(field, time.getSecond()).append("+00");
            return this;
        }

        /** A text[] value; elements are quoted so any character survives. */
        public Row array(Collection<String> values) {
            StringBuilder literal = new StringBuilder(16 + values.size() * 16).append('{');
            for (String value : values) {
                if (literal.length() > 1) {
                    literal.append(',');
                }
                literal.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"' || c == '\\') {
                        literal.append('\\');
                    }
                    literal.append(c);
                }
                literal.append('"');
            }
            return text(literal.append('}').toString());
        }

        public void end() {
            out.append('\n');
            buffer.rowEnded();
        }

        private static StringBuilder twoDigits(StringBuilder out, int value) {
            return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
        }

        private static void escape(String value, StringBuilder out) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }
}
