package org.movierec.etl.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Lines found on the bytes of a stream and decoded one at a time, for an encoding in which '\n'
 * and '\r' are single bytes never part of another character (UTF-8, ISO-8859-1, ASCII). The lines
 * are those of {@link java.io.BufferedReader#readLine()} ("\n", "\r" and "\r\n" end a line), without
 * decoding the whole stream into characters first: an ASCII line becomes its string in one copy.
 */
final class ByteLines implements Lines {

    static final int BUFFER_SIZE = 1 << 16;

    private final InputStream in;
    private final Charset charset;
    private byte[] buffer;
    private int start;
    private int end;
    /** The last line ended with '\r': a '\n' right after it belongs to that line break. */
    private boolean afterCarriageReturn;

    ByteLines(InputStream in, Charset charset, int bufferSize) {
        this.in = in;
        this.charset = charset;
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
                    String line = new String(bytes, start, at - start, charset);
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
                String line = new String(buffer, start, end - start, charset);
                start = end;
                return line;
            }
            at = start + scanned;
        }
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
