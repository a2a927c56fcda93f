package org.movierec.etl.load;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The lines of a text stream, split as {@link BufferedReader#readLine()} splits them. */
interface Lines extends Closeable {

    /** Encodings whose line breaks are single bytes that are never part of another character. */
    Set<Charset> BYTE_SPLIT = Set.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII);

    /** The next line without its terminator, or null at the end of the stream. */
    String readLine() throws IOException;

    /** Whether the line last read held bytes invalid in the encoding, kept as {@link InvalidBytes} escapes. */
    default boolean lastLineInvalid() {
        return false;
    }

    /**
     * Split on the bytes where the encoding allows it, else through a {@link BufferedReader} whose
     * decoder reports invalid bytes (the read fails) instead of replacing them.
     */
    static Lines of(InputStream in, Charset charset) {
        if (BYTE_SPLIT.contains(charset)) {
            return new ByteLines(in, charset, ByteLines.BUFFER_SIZE);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset.newDecoder()), ByteLines.BUFFER_SIZE);
        return new Lines() {
            @Override
            public String readLine() throws IOException {
                return reader.readLine();
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
