package org.movierec.etl.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.movierec.etl.load.Fields;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;

/**
 * The transformation rules of the streaming catalogs (one layout for all four platforms) and of
 * their user-rating files. Every text field is stored lower-case, so titles, names and genres
 * compare without case across platforms.
 */
final class CatalogParsers {

    static final String TITLES_HEADER =
            "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description";
    static final String RATINGS_HEADER = "userId,rating,timestamp,movieId";
    /** The age rating stored when the file has none ("G" in the original specification, lower-cased). */
    static final String NO_RATING = "g";

    private static final String[] TITLE = TITLES_HEADER.split(",");
    private static final String[] RATING = RATINGS_HEADER.split(",");
    private static final int SHOW_ID = 0;
    private static final int TYPE = 1;
    private static final int TITLE_NAME = 2;
    private static final int DIRECTOR = 3;
    private static final int CAST = 4;
    private static final int COUNTRY = 5;
    private static final int DATE_ADDED = 6;
    private static final int RELEASE_YEAR = 7;
    private static final int AGE_RATING = 8;
    private static final int DURATION = 9;
    private static final int LISTED_IN = 10;
    private static final int DESCRIPTION = 11;

    private static final DateTimeFormatter DATE_ADDED_FORMAT = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMMM d, uuuu").toFormatter(Locale.ENGLISH);
    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d{1,6})\\s*(min|seasons?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern CATALOG_ID = Pattern.compile("[adhn]s\\d+");
    /** Blanks at either end of a field, the no-break space (U+00A0) of some Amazon names included. */
    private static final Pattern EDGE_BLANKS = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");
    /** 2100-01-01: a later timestamp is a typo, not a rating. */
    private static final long MAX_EPOCH_SECONDS = 4_102_444_800L;

    private CatalogParsers() {
    }

    /** A length and its unit: {@code min} for a film, {@code season} for a show. */
    record Duration(int value, String type) {
    }

    /**
     * One platform's titles file. A duration found in the rating column is moved back, and the move
     * recorded. Invalid UTF-8 in a text field is repaired and recorded, except in show_id (the key).
     */
    static RecordParser titles(Platform platform) {
        return (record, repairs) -> {
            Fields f = Fields.csv(record, TITLE, repairs, SHOW_ID);
            String showId = required(f, SHOW_ID);
            String titleId = titleId(platform, showId);
            String rating = text(f, AGE_RATING);
            Duration duration = durationField(f);
            Duration misplaced = rating == null ? null : duration(rating);
            if (misplaced != null) {
                if (duration != null) {
                    throw f.reject(AGE_RATING, "an age rating (the duration has a value already)", rating);
                }
                repairs.add(titleId, "duration '%s' found in the rating column: moved to duration, rating set to '%s'"
                        .formatted(rating, NO_RATING));
                duration = misplaced;
                rating = null;
            }
            return new CatalogRows.Title(titleId, platform, showId, lower(required(f, TYPE)),
                    lower(required(f, TITLE_NAME)), list(f.raw(DIRECTOR)), list(f.raw(CAST)), list(f.raw(COUNTRY)),
                    dateAdded(f), releaseYear(f), rating(rating), duration == null ? null : duration.value(),
                    duration == null ? null : duration.type(), list(f.raw(LISTED_IN)), lower(text(f, DESCRIPTION)));
        };
    }

    /**
     * A ratings file (userId,rating,timestamp,movieId): a rating from 0.5 to 5.0, Unix seconds, and
     * the catalog id of the title rated.
     *
     * @param sourceFile the file as it is reported ("ratings/1.csv"), kept with each row
     */
    static RecordParser ratings(String sourceFile) {
        return (record, repairs) -> {
            Fields f = Fields.split(record, ",", RATING);
            long user = f.longValue(0);
            double rating = f.doubleValue(1);
            if (rating < 0.5 || rating > 5.0) {
                throw f.reject(1, "a rating from 0.5 to 5.0", f.raw(1));
            }
            long seconds = f.longValue(2);
            if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
                throw f.reject(2, "seconds since 1970", f.raw(2));
            }
            String titleId = f.required(3);
            if (!CATALOG_ID.matcher(titleId).matches()) {
                throw f.reject(3, "a catalog id (a, d, h or n, then s and digits, like 'ns123')", titleId);
            }
            return new CatalogRows.Rating(user, titleId, rating, seconds, sourceFile);
        };
    }

    /** "s123" of Netflix is "ns123": show ids repeat across the platforms' files. */
    static String titleId(Platform platform, String showId) {
        return platform.letter() + showId;
    }

    /** The age rating lower-case; none becomes {@link #NO_RATING}. */
    static String rating(String rating) {
        return rating == null ? NO_RATING : lower(rating);
    }

    /** "90 min", "1 Season", "3 Seasons" (without blanks around); null when the text is not a duration. */
    static Duration duration(String text) {
        Matcher matcher = DURATION_TEXT.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        return new Duration(Integer.parseInt(matcher.group(1)), unit.equals("min") ? "min" : "season");
    }

    /** A comma-separated list: items trimmed, blank ones dropped, lower-case. */
    static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(CatalogParsers::clean).filter(item -> item != null)
                .map(CatalogParsers::lower).toList();
    }

    /** "September 25, 2021", blanks around tolerated; null when blank. */
    private static LocalDate dateAdded(Fields f) throws RowRejectedException {
        String text = text(f, DATE_ADDED);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text, DATE_ADDED_FORMAT);
        } catch (DateTimeParseException e) {
            throw f.reject(DATE_ADDED, "a date like 'September 25, 2021'", text);
        }
    }

    private static Duration durationField(Fields f) throws RowRejectedException {
        String text = text(f, DURATION);
        if (text == null) {
            return null;
        }
        Duration duration = duration(text);
        if (duration == null) {
            throw f.reject(DURATION, "a duration like '90 min' or '2 Seasons'", text);
        }
        return duration;
    }

    private static Integer releaseYear(Fields f) throws RowRejectedException {
        String text = text(f, RELEASE_YEAR);
        if (text == null) {
            return null;
        }
        if (!YEAR.matcher(text).matches()) {
            throw f.reject(RELEASE_YEAR, "a four-digit year", text);
        }
        return Integer.parseInt(text);
    }

    private static String required(Fields f, int index) throws RowRejectedException {
        String text = text(f, index);
        if (text == null) {
            throw f.reject(index, "a value", "nothing");
        }
        return text;
    }

    private static String text(Fields f, int index) {
        return clean(f.raw(index));
    }

    /** The text without blanks at either end; null when nothing is left. */
    private static String clean(String text) {
        String cleaned = EDGE_BLANKS.matcher(text).replaceAll("");
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
