package org.movierec.etl.load;

/**
 * One record of an input file as it was read: the file it came from, the line it starts on
 * (1-based, the header is line 1) and its raw text (several physical lines for a quoted
 * CSV field that spans lines).
 */
public record TextRecord(String file, long line, String text) {
}
