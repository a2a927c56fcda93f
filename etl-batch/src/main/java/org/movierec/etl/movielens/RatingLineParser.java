package org.movierec.etl.movielens;

/**
 * The fast path for the bulk of every release: a ratings line of plain digits
 * ({@code 1,31,2.5,1260759144}) read straight from its characters, without splitting it into
 * strings. It accepts only lines that are valid as they stand (user 1 to 999999999, a half-step
 * rating from 0.5 to 5.0 written as one digit with at most one decimal, seconds up to 2100) and
 * answers null for anything else, which the general parser then accepts or rejects with its message.
 * Not thread-safe: one per parser, like the parser's memory of the last user.
 */
final class RatingLineParser {

    private static final int MAX_ID_DIGITS = 9;
    private static final int MAX_SECONDS_DIGITS = 10;

    private final String delimiter;
    /** The delimiter when it is one character (",", tab), else -1. */
    private final int single;
    private String text;
    private int at;

    RatingLineParser(String delimiter) {
        this.delimiter = delimiter;
        this.single = delimiter.length() == 1 ? delimiter.charAt(0) : -1;
    }

    /** The rating of a plain line, or null when the line needs the general parser. */
    MovieLensRows.Rating parse(String line, long lastUser) {
        text = line;
        at = 0;
        long user = digits(MAX_ID_DIGITS);
        if (user < 1 || !delimiter()) {
            return null;
        }
        long movie = digits(MAX_ID_DIGITS);
        if (movie < 0 || !delimiter()) {
            return null;
        }
        int halves = halfSteps();
        if (halves < 1 || halves > 10 || !delimiter()) {
            return null;
        }
        long seconds = digits(MAX_SECONDS_DIGITS);
        if (seconds < 0 || seconds > MovieLensParsers.MAX_EPOCH_SECONDS || at != text.length()) {
            return null;
        }
        return new MovieLensRows.Rating(user, (int) movie, halves / 2.0, seconds, user != lastUser);
    }

    /** One to {@code max} digits as a number, or -1. */
    private long digits(int max) {
        int start = at;
        int end = Math.min(text.length(), start + max + 1);
        long value = 0;
        while (at < end) {
            int digit = text.charAt(at) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            at++;
        }
        return at == start || at - start > max ? -1 : value;
    }

    /** A rating "D", "D.0" or "D.5" as a number of half steps, or -1. */
    private int halfSteps() {
        int length = text.length();
        if (at >= length) {
            return -1;
        }
        int whole = text.charAt(at) - '0';
        if (whole < 0 || whole > 9) {
            return -1;
        }
        at++;
        if (at + 1 < length && text.charAt(at) == '.') {
            char decimal = text.charAt(at + 1);
            at += 2;
            return decimal == '0' ? whole * 2 : decimal == '5' ? whole * 2 + 1 : -1;
        }
        return whole * 2;
    }

    private boolean delimiter() {
        if (single >= 0) {
            if (at < text.length() && text.charAt(at) == single) {
                at++;
                return true;
            }
            return false;
        }
        if (!text.startsWith(delimiter, at)) {
            return false;
        }
        at += delimiter.length();
        return true;
    }
}
