package org.movierec.etl.load;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The rows of one chunk in PostgreSQL's binary COPY format, which the server takes in without
 * parsing text (a timestamp is 8 bytes, not 22 characters to parse). Rows of the feed's main table
 * stream to the server while the chunk is still being parsed, so parsing here and inserting there
 * run at the same time; rows of other tables are buffered and copied after it.
 *
 * <p>Rows are written field by field in the staging table's column order, each with the method of
 * its SQL type: {@code batch.into(table, line).int8(userId).int4(movieId).float4(rating).end()}.
 * A null value is SQL NULL.
 */
public final class CopyBatch {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int FLUSH_BYTES = 1 << 16;
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final long POSTGRES_EPOCH_DAYS = 10_957L;
    private static final int TEXT_OID = 25;

    private final CopyManager copyManager;
    private final boolean lineNumbers;
    /** In the order the tables were first written, the streamed one first. Few: searched in order. */
    private final List<Buffer> buffers = new ArrayList<>();
    private int buffersAtRecordStart;

    /**
     * @param copyManager where the rows go; null to only collect them (for tests)
     * @param streamed    the table whose rows stream while the chunk is parsed
     * @param lineNumbers whether rows carry their input line (false for a table loaded whole)
     */
    public CopyBatch(CopyManager copyManager, StagingTable streamed, boolean lineNumbers) {
        this.copyManager = copyManager;
        this.lineNumbers = lineNumbers;
        // First in, so its COPY ends before another one starts: a connection runs one COPY at a time.
        buffers.add(new Buffer(streamed));
    }

    /** Starts a record: what it writes can be taken back with {@link #discardRecord()} until the next one. */
    void beginRecord() {
        for (Buffer buffer : buffers) {
            buffer.markSize = buffer.bytes.size;
            buffer.markRows = buffer.rows;
        }
        buffersAtRecordStart = buffers.size();
    }

    /** Takes back the rows of the current record (one of its values could not be written). */
    void discardRecord() {
        buffers.subList(buffersAtRecordStart, buffers.size()).clear();
        for (Buffer buffer : buffers) {
            buffer.bytes.size = buffer.markSize;
            buffer.rows = buffer.markRows;
        }
    }

    /** Sends the streamed table's rows once enough have gathered; called between records. */
    void flushIfFull() throws SQLException {
        Buffer buffer = buffers.get(0);
        if (copyManager != null && buffer.bytes.size >= FLUSH_BYTES) {
            buffer.flush();
        }
    }

    public Row into(StagingTable table, long line) {
        Buffer buffer = buffer(table);
        buffer.rows++;
        return buffer.row.begin(line);
    }

    private Buffer buffer(StagingTable table) {
        for (Buffer buffer : buffers) {
            if (buffer.table == table) {
                return buffer;
            }
        }
        Buffer buffer = new Buffer(table);
        buffers.add(buffer);
        return buffer;
    }

    /** Sends what is still buffered and ends every COPY; returns the rows sent per staging table. */
    Map<StagingTable, Long> finish() throws SQLException {
        Map<StagingTable, Long> rows = new LinkedHashMap<>();
        for (Buffer buffer : buffers) {
            if (buffer.rows == 0) {
                continue;
            }
            if (copyManager != null) {
                buffer.bytes.putShort(-1);
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
        for (Buffer buffer : buffers) {
            if (buffer.sink != null && buffer.sink.isActive()) {
                try {
                    buffer.sink.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back anyway
                }
            }
        }
    }

    private final class Buffer {
        final StagingTable table;
        final Bytes bytes = new Bytes(FLUSH_BYTES + 4096);
        final Row row;
        CopyIn sink;
        long rows;
        int markSize;
        long markRows;

        Buffer(StagingTable table) {
            this.table = table;
            this.row = new Row(this, (short) (table.columns().size() + (lineNumbers ? 1 : 0)));
            bytes.put(SIGNATURE).putInt(0).putInt(0);
        }

        void flush() throws SQLException {
            if (sink == null) {
                sink = copyManager.copyIn(table.copyStatement(lineNumbers));
            }
            sink.writeToCopy(bytes.data, 0, bytes.size);
            bytes.size = 0;
        }
    }

    /** The fields of one row, in column order. {@link #end()} closes it. */
    public final class Row {
        private final Buffer buffer;
        private final Bytes out;
        private final short fields;

        Row(Buffer buffer, short fields) {
            this.buffer = buffer;
            this.out = buffer.bytes;
            this.fields = fields;
        }

        Row begin(long line) {
            out.putShort(fields);
            if (lineNumbers) {
                out.putInt(8).putLong(line);
            }
            return this;
        }

        private Row nullField() {
            out.putInt(-1);
            return this;
        }

        public Row text(String value) {
            if (value == null) {
                return nullField();
            }
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a text value holds a NUL character, which PostgreSQL text cannot store");
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.putInt(utf8.length).put(utf8);
            return this;
        }

        public Row int2(Integer value) {
            if (value == null) {
                return nullField();
            }
            if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                throw new IllegalArgumentException(value + " does not fit a smallint column");
            }
            out.putInt(2).putShort(value);
            return this;
        }

        public Row int4(int value) {
            out.putInt(4).putInt(value);
            return this;
        }

        public Row int4(Integer value) {
            return value == null ? nullField() : int4(value.intValue());
        }

        public Row int8(long value) {
            out.putInt(8).putLong(value);
            return this;
        }

        public Row int8(Long value) {
            return value == null ? nullField() : int8(value.longValue());
        }

        public Row float4(double value) {
            out.putInt(4).putInt(Float.floatToIntBits((float) value));
            return this;
        }

        public Row float4(Double value) {
            return value == null ? nullField() : float4(value.doubleValue());
        }

        public Row float8(double value) {
            out.putInt(8).putLong(Double.doubleToLongBits(value));
            return this;
        }

        public Row float8(Double value) {
            return value == null ? nullField() : float8(value.doubleValue());
        }

        public Row bool(Boolean value) {
            if (value == null) {
                return nullField();
            }
            out.putInt(1).put(value ? (byte) 1 : (byte) 0);
            return this;
        }

        public Row date(LocalDate value) {
            if (value == null) {
                return nullField();
            }
            out.putInt(4).putInt((int) (value.toEpochDay() - POSTGRES_EPOCH_DAYS));
            return this;
        }

        public Row timestamptz(Instant value) {
            if (value == null) {
                return nullField();
            }
            long micros = (value.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + value.getNano() / 1_000;
            out.putInt(8).putLong(micros);
            return this;
        }

        /** A timestamptz given as seconds since 1970. */
        public Row epochSeconds(long seconds) {
            out.putInt(8).putLong((seconds - POSTGRES_EPOCH_SECONDS) * 1_000_000L);
            return this;
        }

        /** A one-dimensional text[] without nulls. */
        public Row textArray(Collection<String> values) {
            if (values.isEmpty()) {
                out.putInt(12).putInt(0).putInt(0).putInt(TEXT_OID);
                return this;
            }
            byte[][] elements = new byte[values.size()][];
            int length = 20;
            int i = 0;
            for (String value : values) {
                if (value.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("a text value holds a NUL character, which PostgreSQL text cannot store");
                }
                elements[i] = value.getBytes(StandardCharsets.UTF_8);
                length += 4 + elements[i++].length;
            }
            out.putInt(length).putInt(1).putInt(0).putInt(TEXT_OID).putInt(elements.length).putInt(1);
            for (byte[] element : elements) {
                out.putInt(element.length).put(element);
            }
            return this;
        }

        /** Closes the row (its fields are all written). */
        public void end() {
            // Rows are sent between records (flushIfFull), never halfway through one.
        }
    }

    /** A growable big-endian byte buffer. */
    private static final class Bytes {
        byte[] data;
        int size;

        Bytes(int capacity) {
            data = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        Bytes put(byte b) {
            ensure(1);
            data[size++] = b;
            return this;
        }

        Bytes put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, data, size, bytes.length);
            size += bytes.length;
            return this;
        }

        Bytes putShort(int value) {
            ensure(2);
            data[size++] = (byte) (value >>> 8);
            data[size++] = (byte) value;
            return this;
        }

        Bytes putInt(int value) {
            ensure(4);
            data[size++] = (byte) (value >>> 24);
            data[size++] = (byte) (value >>> 16);
            data[size++] = (byte) (value >>> 8);
            data[size++] = (byte) value;
            return this;
        }

        Bytes putLong(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                data[size++] = (byte) (value >>> shift);
            }
            return this;
        }
    }
}
