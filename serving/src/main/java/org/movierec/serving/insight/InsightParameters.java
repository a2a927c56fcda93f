package org.movierec.serving.insight;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks of the insight endpoints' request parameters. Each check returns the value in the form
 * the queries use or throws {@link InvalidParameterException} naming the parameter and what was
 * expected, so no value reaches the database that it would refuse (a year outside a smallint, a
 * NUL character in a text).
 */
final class InsightParameters {

    /** The {@code platform} values of {@code catalog_titles}. */
    static final List<String> PLATFORMS = List.of("amazon", "disney", "hulu", "netflix");
    static final int MIN_YEAR = 1800;
    static final int MAX_YEAR = 2100;
    static final int MAX_TEXT = 200;
    static final double MAX_SCORE = 5.0;
    /**
     * What {@link #text} takes, for the OpenAPI document: a character that is neither a space nor a control character,
     * and no control character. (Its length is checked once the blanks around are left out.)
     */
    static final String NOT_BLANK_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F]"
            + "[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private InsightParameters() {
    }

    /** One of {@link #PLATFORMS}, any case, blanks around ignored. */
    static String platform(String value) {
        String platform = value.strip().toLowerCase(Locale.ROOT);
        if (!PLATFORMS.contains(platform)) {
            throw new InvalidParameterException("platform", "one of " + String.join(", ", PLATFORMS), value);
        }
        return platform;
    }

    /** An optional platform: null stays null. */
    static String optionalPlatform(String value) {
        return value == null ? null : platform(value);
    }

    /** A year from {@value #MIN_YEAR} to {@value #MAX_YEAR}; null stays null. */
    static Integer year(Integer year) {
        if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
            throw new InvalidParameterException("year", "a year from %d to %d".formatted(MIN_YEAR, MAX_YEAR),
                    year.toString());
        }
        return year;
    }

    /** A score from 0 to {@value #MAX_SCORE} (ratings run from 0.5 to 5.0); NaN and infinities refused. */
    static double score(double score) {
        if (!(score >= 0 && score <= MAX_SCORE)) {
            throw new InvalidParameterException("score", "a number from 0 to 5", Double.toString(score));
        }
        return score;
    }

    /** {@code min} (films) or {@code season} (series), any case; null means {@code min}. */
    static String durationType(String value) {
        if (value == null) {
            return "min";
        }
        String type = value.strip().toLowerCase(Locale.ROOT);
        if (!type.equals("min") && !type.equals("season")) {
            throw new InvalidParameterException("durationType", "min or season", value);
        }
        return type;
    }

    /**
     * A name or title: blanks around removed, then not empty, at most {@value #MAX_TEXT}
     * characters and without control characters.
     */
    static String text(String parameter, String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            throw new InvalidParameterException(parameter, "a non-blank text", value);
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidParameterException(parameter, "at most %d characters".formatted(MAX_TEXT), value);
        }
        if (CONTROL.matcher(text).find()) {
            throw new InvalidParameterException(parameter, "a text without control characters", value);
        }
        return text;
    }
}
