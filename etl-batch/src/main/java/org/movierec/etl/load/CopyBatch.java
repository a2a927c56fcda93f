package org.movierec.etl.load;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of one chunk in PostgreSQL's COPY text format, one buffer per staging table. Rows are
 * written field by field: {@code batch.into(table, line).text(a).integer(b).end()}.
 */
public final class CopyBatch {

    private final Map<StagingTable, Buffer> buffers = new LinkedHashMap<>();

    public Row into(StagingTable table, long line) {
        Buffer buffer = buffers.computeIfAbsent(table, t -> new Buffer());
        buffer.rows++;
        Row row = buffer.row;
        row.begin(line);
        return row;
    }

    Map<StagingTable, Buffer> buffers() {
        return buffers;
    }

    static final class Buffer {
        final StringBuilder text = new StringBuilder(1 << 16);
        final Row row = new Row(text);
        long rows;
    }

    /** Appends the fields of one row; {@link #end()} closes it. A null value is SQL NULL. */
    public static final class Row {
        private final StringBuilder out;

        Row(StringBuilder out) {
            this.out = out;
        }

        void begin(long line) {
            out.append(line);
        }

        public Row text(String value) {
            out.append('\t');
            if (value == null) {
                out.append("\\N");
            } else {
                escape(value, out);
            }
            return this;
        }

        public Row integer(Number value) {
            out.append('\t');
            if (value == null) {
                out.append("\\N");
            } else {
                out.append(value);
            }
            return this;
        }

        public Row integer(long value) {
            out.append('\t').append(value);
            return this;
        }

        public Row decimal(double value) {
            out.append('\t').append(value);
            return this;
        }

        public Row decimal(Double value) {
            return value == null ? text(null) : decimal(value.doubleValue());
        }

        public Row bool(Boolean value) {
            return text(value == null ? null : value ? "t" : "f");
        }

        public Row date(LocalDate value) {
            return text(value == null ? null : value.toString());
        }

        public Row instant(Instant value) {
            return text(value == null ? null : value.toString());
        }

        /** A text[] value; elements are quoted so any character survives. */
        public Row array(Collection<String> values) {
            StringBuilder literal = new StringBuilder(16 + values.size() * 16).append('{');
            boolean first = true;
            for (String value : values) {
                if (!first) {
                    literal.append(',');
                }
                first = false;
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
