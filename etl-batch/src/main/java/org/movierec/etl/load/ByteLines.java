package org.movierec.etl.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines found on the bytes of a stream and decoded one at a time, for an encoding in which '\n'
 * and '\r' are single bytes never part of another character (UTF-8, ISO-8859-1, ASCII). The lines
 * are those of {@link java.io.BufferedReader#readLine()} ("\n", "\r" and "\r\n" end a line), without
 * decoding the whole stream into characters first: an ASCII line becomes its string in one copy.
 *
 * <p>Bytes that are invalid in the encoding are kept as {@link InvalidBytes} escapes, never
 * replaced silently. They are looked for only in a line whose plain decoding holds U+FFFD (the
 * JDK's replacement): an ASCII line cannot, and the check on it costs nothing.
 */
final class ByteLines implements Lines {

    static final int BUFFER_SIZE = 1 << 16;

    private final InputStream in;
    private final Charset charset;
    /** Decodes a line again, reporting invalid bytes; null for Latin-1, where every byte is valid. */
    private final CharsetDecoder strict;
    private byte[] buffer;
    private int start;
    private int end;
    /** The last line ended with '\r': a '\n' right after it belongs to that line break. */
    private boolean afterCarriageReturn;
    /** The last line held invalid bytes. */
    private boolean invalid;

    ByteLines(InputStream in, Charset charset, int bufferSize) {
        this.in = in;
        this.charset = charset;
        this.strict = charset.equals(StandardCharsets.ISO_8859_1) ? null : charset.newDecoder();
        this.buffer = new byte[bufferSize];
    }

    @Override
    public String readLine() throws IOException {
        if (afterCarriageReturn) {
            if (start == end && !fill()) {
                return null;
            }
            afterCarriageReturn = false;
            if (buffer[start] == '\n') {
                start++;
            }
        }
        int at = start;
        for (;;) {
            byte[] bytes = buffer;
            for (int limit = end; at < limit; at++) {
                byte b = bytes[at];
                if (b == '\n' || b == '\r') {
                    String line = decode(bytes, start, at - start);
                    start = at + 1;
                    afterCarriageReturn = b == '\r';
                    return line;
                }
            }
            int scanned = at - start;
            if (!fill()) {
                if (start == end) {
                    return null;
                }
                String line = decode(buffer, start, end - start);
                start = end;
                return line;
            }
            at = start + scanned;
        }
    }

    private String decode(byte[] bytes, int offset, int length) {
        String line = new String(bytes, offset, length, charset);
        invalid = false;
        if (strict != null && line.indexOf('\uFFFD') >= 0) {
            String escaped = InvalidBytes.decode(strict, bytes, offset, length);
            if (escaped != null) {
                invalid = true;
                return escaped;
            }
        }
        return line;
    }

    @Override
    public boolean lastLineInvalid() {
        return invalid;
    }

    /** Keeps the unread bytes, reads more after them; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read;
        do {
            read = in.read(buffer, end, buffer.length - end);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
