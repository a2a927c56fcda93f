package org.movierec.serving.catalog;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.movierec.serving.system.InvalidParameterException;

/**
 * The filters of a catalog search, checked and normalised; null means "any".
 *
 * @param text     the text asked for in the title (blanks around ignored)
 * @param titleKey the text as a title key ({@link org.movierec.serving.system.TitleKeys}): a title matches when one
 *                 of its names' keys contains it; empty when the text has no letter or digit, and then the title
 *                 itself must contain the text, any case
 * @param genre    a genre the movie must have, any case
 * @param yearFrom the earliest release year (inclusive); movies without a year are left out when a bound is given
 * @param yearTo   the latest release year (inclusive)
 */
record CatalogQuery(String text, String titleKey, String genre, Integer yearFrom, Integer yearTo) {

    static final int MAX_TEXT = 200;
    static final int MAX_GENRE = 100;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    /** Checks the request parameters; a bad one is a 400 naming it. */
    static CatalogQuery of(String q, String genre, Integer yearFrom, Integer yearTo) {
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new InvalidParameterException("yearTo", "must not be before yearFrom (" + yearFrom + "), got " + yearTo);
        }
        return new CatalogQuery(text("q", q, MAX_TEXT), null, text("genre", genre, MAX_GENRE), yearFrom, yearTo);
    }

    /** The same query with the text's title key, made by {@code keys} (the key stays null without a text). */
    CatalogQuery withTitleKey(UnaryOperator<String> keys) {
        return new CatalogQuery(text, text == null ? null : keys.apply(text), genre, yearFrom, yearTo);
    }

    /** Whether titles are matched by their names' keys (else by the text itself: a text without letters or digits). */
    boolean byTitleKey() {
        return titleKey != null && !titleKey.isEmpty();
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

    /** The LIKE pattern matching titles that contain the text itself: its %, _ and \ escaped with \. */
    String likePattern() {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
