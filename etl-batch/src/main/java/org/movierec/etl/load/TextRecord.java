package org.movierec.etl.load;

/**
 * One record of an input file as it was read: the file it came from, the line it starts on
 * (1-based, the header is line 1) and its raw text (several physical lines for a quoted
 * CSV field that spans lines).
 *
 * @param invalidBytes whether the text holds bytes that were invalid in the file's encoding, kept as
 *                     {@link InvalidBytes} escapes ({@link Fields} repairs or rejects them)
 */
public record TextRecord(String file, long line, String text, boolean invalidBytes) {

    /** A record read from text: it holds invalid bytes when it holds their escapes. */
    public TextRecord(String file, long line, String text) {
        this(file, line, text, InvalidBytes.in(text));
    }
}
