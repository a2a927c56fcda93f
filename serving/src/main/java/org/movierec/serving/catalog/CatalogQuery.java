package org.movierec.serving.catalog;

import java.util.regex.Pattern;

import org.movierec.serving.system.InvalidParameterException;

/**
 * The filters of a catalog search, checked and normalised; null means "any".
 *
 * @param text     a substring of the title, any case (blanks around ignored)
 * @param genre    a genre the movie must have, any case
 * @param yearFrom the earliest release year (inclusive); movies without a year are left out when a bound is given
 * @param yearTo   the latest release year (inclusive)
 */
record CatalogQuery(String text, String genre, Integer yearFrom, Integer yearTo) {

    static final int MAX_TEXT = 200;
    static final int MAX_GENRE = 100;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    /** Checks the request parameters; a bad one is a 400 naming it. */
    static CatalogQuery of(String q, String genre, Integer yearFrom, Integer yearTo) {
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new InvalidParameterException("yearTo", "must not be before yearFrom (" + yearFrom + "), got " + yearTo);
        }
        return new CatalogQuery(text("q", q, MAX_TEXT), text("genre", genre, MAX_GENRE), yearFrom, yearTo);
    }

    private static String text(String parameter, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new InvalidParameterException(parameter, "must be at most " + max + " characters, got " + text.length());
        }
        if (CONTROL.matcher(text).find()) {
            throw new InvalidParameterException(parameter, "must not contain control characters");
        }
        return text;
    }

    /** The LIKE pattern matching titles that contain the text: its %, _ and \ escaped with \. */
    String likePattern() {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
