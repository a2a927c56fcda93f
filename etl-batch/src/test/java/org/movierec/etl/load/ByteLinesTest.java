package org.movierec.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Lines split on bytes are the lines of BufferedReader, whatever the buffer's size. */
class ByteLinesTest {

    private static final List<String> TEXTS = List.of("", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "\n\n\r\r\n\n",
            "1,31,2.5,1260759144\n1,1029,3.0,1260759179\n", "héllo,wörld\r\nnaïve ☃ 𝄞\nend", "\uFEFFuserId\nx\r",
            "long line " + "x".repeat(100) + "\r\n" + "y".repeat(37));

    private static List<String> lines(Lines lines) throws IOException {
        List<String> all = new ArrayList<>();
        for (String line; (line = lines.readLine()) != null; ) {
            all.add(line);
        }
        return all;
    }

    private static List<String> expected(String text) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(text));
        List<String> all = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            all.add(line);
        }
        return all;
    }

    @Test
    void theSameLinesAsBufferedReaderAtEveryBufferSize() throws IOException {
        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            for (String text : TEXTS) {
                String decodable = new String(text.getBytes(charset), charset);
                for (int size : new int[] {1, 2, 3, 5, 8, 64, 1 << 16}) {
                    assertThat(lines(new ByteLines(new ByteArrayInputStream(text.getBytes(charset)), charset, size)))
                            .as("%s in %s with %d bytes", text, charset, size).isEqualTo(expected(decodable));
                }
            }
        }
    }

    @Test
    void aStreamThatHandsOutOneByteAtATimeGivesTheSameLines() throws IOException {
        String text = "a\r\nbb\r\r\nccc\n";
        InputStream trickle = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(lines(Lines.of(trickle, StandardCharsets.UTF_8))).containsExactly("a", "bb", "", "ccc");
    }
}
