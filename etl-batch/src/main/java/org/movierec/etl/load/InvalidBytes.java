package org.movierec.etl.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Bytes that are not valid in a file's encoding, kept in the decoded text instead of being
 * replaced: each such byte {@code b} becomes the lone surrogate {@code U+DC00 + b} (as Python's
 * "surrogateescape"), a character no decoded UTF-8 or Latin-1 text can hold. The bytes thus travel
 * through CSV parsing and field splitting unchanged, and {@link Fields} decides per field what
 * becomes of them: a repair recorded with the field's raw bytes, or a reject naming the field.
 */
final class InvalidBytes {

    private static final char FIRST = '\uDC80';
    private static final char LAST = '\uDCFF';
    private static final HexFormat HEX = HexFormat.of();

    private InvalidBytes() {
    }

    /**
     * The text of these bytes with every invalid byte kept as its escape character; null when the
     * bytes are valid (their text is then what {@code new String(bytes, charset)} gives).
     */
    static String decode(CharsetDecoder decoder, byte[] bytes, int offset, int length) {
        decoder.reset().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        boolean escaped = false;
        for (;;) {
            // End of input: a sequence cut short by the end of the line is reported as malformed too.
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            if (result.isOverflow()) {
                throw new IllegalStateException("a decoded line holds more characters than bytes");
            }
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (FIRST - 0x80 + (in.get() & 0xFF)));
            }
            escaped = true;
        }
        decoder.flush(out);
        return escaped ? out.flip().toString() : null;
    }

    /** Whether the text holds an escaped invalid byte. */
    static boolean in(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST) {
                return true;
            }
        }
        return false;
    }

    /** The bytes the text was decoded from: escaped bytes as they were, every other character in UTF-8. */
    static byte[] rawBytes(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 8);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST) {
                bytes.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(c - FIRST + 0x80);
                start = i + 1;
            }
        }
        bytes.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** The invalid bytes alone, in hex ("ff" for one, "e282ff" for three). */
    static String invalidHex(String text) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST) {
                HEX.toHexDigits(hex, (byte) (c - FIRST + 0x80));
            }
        }
        return hex.toString();
    }

    /**
     * The text as the JDK decodes the raw bytes: every malformed sequence replaced by U+FFFD. The
     * escapes only ever come from UTF-8 files (Latin-1 has no invalid bytes), so UTF-8 it is.
     */
    static String replaced(String text) {
        return new String(rawBytes(text), StandardCharsets.UTF_8);
    }

    /** The text with every escaped byte written {@code \xff}, for rejects and messages. */
    static String visible(String text) {
        if (!in(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST) {
                out.append("\\x");
                HEX.toHexDigits(out, (byte) (c - FIRST + 0x80));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Hex of bytes, as etl_repairs and reject reasons show them. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
