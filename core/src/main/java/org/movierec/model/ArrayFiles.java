package org.movierec.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes the numeric arrays of a saved model. Each file holds one array: the magic bytes
 * {@code MRA1}, a type byte ({@code f} float32, {@code l} int64, {@code i} int32), the number of rows and
 * of columns as int32, then the values row by row, everything little-endian. Reading checks the magic,
 * the type and that the file holds exactly the values its header announces, so a truncated or foreign
 * file is refused with its name.
 */
public final class ArrayFiles {

    private static final int MAGIC = 0x3141524d; // "MRA1" read as a little-endian int
    private static final int HEADER_BYTES = 13;
    private static final int CHUNK = 1 << 20;

    private ArrayFiles() {
    }

    public static void writeFloats(Path file, FloatMatrix matrix) throws IOException {
        try (FileChannel channel = create(file)) {
            channel.write(header('f', matrix.rows(), matrix.cols()));
            float[] data = matrix.data();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < data.length; from += CHUNK) {
                int count = Math.min(CHUNK, data.length - from);
                buffer.clear();
                buffer.asFloatBuffer().put(data, from, count);
                buffer.limit(count * 4);
                writeFully(channel, buffer);
            }
        }
    }

    public static void writeFloats(Path file, float[] vector) throws IOException {
        writeFloats(file, FloatMatrix.row(vector));
    }

    public static void writeLongs(Path file, long[] values) throws IOException {
        ByteBuffer body = body(values.length, 8);
        body.asLongBuffer().put(values);
        writeVector(file, 'l', values.length, body);
    }

    public static void writeInts(Path file, int[] values) throws IOException {
        ByteBuffer body = body(values.length, 4);
        body.asIntBuffer().put(values);
        writeVector(file, 'i', values.length, body);
    }

    public static FloatMatrix readFloatMatrix(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            int[] shape = readHeader(file, channel, 'f', 4);
            float[] data = new float[Math.multiplyExact(shape[0], shape[1])];
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < data.length; from += CHUNK) {
                int count = Math.min(CHUNK, data.length - from);
                buffer.clear().limit(count * 4);
                readFully(file, channel, buffer);
                buffer.flip();
                buffer.asFloatBuffer().get(data, from, count);
            }
            return new FloatMatrix(shape[0], shape[1], data);
        }
    }

    public static float[] readFloats(Path file) throws IOException {
        return readFloatMatrix(file).data();
    }

    public static long[] readLongs(Path file) throws IOException {
        ByteBuffer body = readWhole(file, 'l', 8);
        long[] values = new long[body.remaining() / 8];
        body.asLongBuffer().get(values);
        return values;
    }

    public static int[] readInts(Path file) throws IOException {
        ByteBuffer body = readWhole(file, 'i', 4);
        int[] values = new int[body.remaining() / 4];
        body.asIntBuffer().get(values);
        return values;
    }

    /** A little-endian buffer for {@code count} values of {@code valueBytes} each. */
    private static ByteBuffer body(int count, int valueBytes) {
        return ByteBuffer.allocate(Math.multiplyExact(count, valueBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a one-row array: the header, then {@code body} as it is. */
    private static void writeVector(Path file, char type, int count, ByteBuffer body) throws IOException {
        try (FileChannel channel = create(file)) {
            channel.write(header(type, 1, count));
            writeFully(channel, body);
        }
    }

    /** The values of a file, read at once and flipped for reading. */
    private static ByteBuffer readWhole(Path file, char type, int valueBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            int[] shape = readHeader(file, channel, type, valueBytes);
            ByteBuffer body = body(Math.multiplyExact(shape[0], shape[1]), valueBytes);
            readFully(file, channel, body);
            return body.flip();
        }
    }

    private static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    private static ByteBuffer header(char type, int rows, int cols) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).put((byte) type).putInt(rows).putInt(cols);
        return header.flip();
    }

    private static int[] readHeader(Path file, FileChannel channel, char type, int valueBytes) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, header);
        header.flip();
        if (header.getInt() != MAGIC) {
            throw new InvalidModelException(file + " is not a model array file (expected the magic bytes MRA1)");
        }
        char actual = (char) header.get();
        if (actual != type) {
            throw new InvalidModelException(file + " holds values of type '" + actual + "', expected '" + type + "'");
        }
        int rows = header.getInt();
        int cols = header.getInt();
        long expected = HEADER_BYTES + (long) rows * cols * valueBytes;
        if (rows < 0 || cols < 0 || channel.size() != expected) {
            throw new InvalidModelException(file + " announces " + rows + " x " + cols + " values (" + expected
                    + " bytes) but has " + channel.size() + " bytes");
        }
        return new int[] {rows, cols};
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new InvalidModelException(file + " ends early");
            }
        }
    }
}
