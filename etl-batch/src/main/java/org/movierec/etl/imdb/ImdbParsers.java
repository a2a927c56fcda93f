package org.movierec.etl.imdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.movierec.etl.load.Fields;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;

/**
 * The transformation rules of the IMDb TSV files: tab-separated, {@code \N} for null, and quotes
 * are ordinary characters (a title may hold a lone {@code "}), so records are split on tabs only.
 * Invalid UTF-8 in a text field (titles, names, genres, jobs, characters) is repaired and recorded;
 * in an id or a number it rejects the record, and title.ratings and title.crew, ids and numbers
 * only, reject any record holding it.
 */
final class ImdbParsers {

    static final String[] TITLE_BASICS = {"tconst", "titleType", "primaryTitle", "originalTitle", "isAdult",
        "startYear", "endYear", "runtimeMinutes", "genres"};
    static final String[] TITLE_RATINGS = {"tconst", "averageRating", "numVotes"};
    static final String[] TITLE_CREW = {"tconst", "directors", "writers"};
    static final String[] TITLE_PRINCIPALS = {"tconst", "ordering", "nconst", "category", "job", "characters"};
    static final String[] NAME_BASICS = {"nconst", "primaryName", "birthYear", "deathYear", "primaryProfession",
        "knownForTitles"};

    private static final String NULL = "\\N";
    private static final String TAB = "\t";
    private static final String TITLE_ID = "tt";
    private static final String NAME_ID = "nm";

    private ImdbParsers() {
    }

    /** The header line of a file with these fields. */
    static String header(String[] fields) {
        return String.join(TAB, fields);
    }

    /**
     * title.basics. Titles of other types than {@code titleTypes} are skipped before their other
     * fields are checked: most of the dump is episodes that are never loaded.
     */
    static RecordParser titleBasics(Set<String> titleTypes) {
        return (record, repairs) -> {
            Fields f = Fields.split(record, TAB, TITLE_BASICS, repairs, 0);
            String type = value(f, 1);
            if (type == null) {
                throw f.reject(1, "a title type", f.raw(1));
            }
            if (!titleTypes.contains(type)) {
                return null;
            }
            return new ImdbRows.Title(id(f, 0, TITLE_ID), type, value(f, 2), value(f, 3), isAdult(f, 4), year(f, 5),
                    year(f, 6), whole(f, 7, "a number of minutes", 0, Integer.MAX_VALUE), list(f, 8));
        };
    }

    /** title.ratings: a rating from 1 to 10 and a vote count, both required. */
    static RecordParser titleRatings() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, TAB, TITLE_RATINGS);
            double rating = f.doubleValue(1);
            if (rating < 1.0 || rating > 10.0) {
                throw f.reject(1, "a rating from 1.0 to 10.0", f.raw(1));
            }
            return new ImdbRows.Rating(id(f, 0, TITLE_ID), rating,
                    requiredWhole(f, 2, "a number of votes", 0, Integer.MAX_VALUE));
        };
    }

    /**
     * title.crew: the comma-separated directors and writers become one credit each. A person
     * listed twice in one role is kept once (a repair); a title without either has nothing to
     * load and is skipped.
     */
    static RecordParser titleCrew() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, TAB, TITLE_CREW);
            String tconst = id(f, 0, TITLE_ID);
            List<ImdbRows.Credit> credits = new ArrayList<>();
            for (int index = 1; index <= 2; index++) {
                String role = index == 1 ? "director" : "writer";
                List<String> people = ids(f, index, NAME_ID);
                Set<String> distinct = new LinkedHashSet<>(people);
                if (distinct.size() < people.size()) {
                    repairs.add(tconst, "%s: a person listed more than once was kept once (%s)".formatted(
                            TITLE_CREW[index], f.raw(index)));
                }
                distinct.forEach(nconst -> credits.add(new ImdbRows.Credit(role, nconst)));
            }
            return credits.isEmpty() ? null : new ImdbRows.Crew(tconst, credits);
        };
    }

    /** title.principals: the main cast and crew of a title, in billing order. */
    static RecordParser titlePrincipals() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, TAB, TITLE_PRINCIPALS, repairs, 0, 1);
            int ordering = requiredWhole(f, 1, "an ordering from 1 to 32767", 1, Short.MAX_VALUE);
            return new ImdbRows.Principal(id(f, 0, TITLE_ID), ordering, id(f, 2, NAME_ID), value(f, 3), value(f, 4),
                    value(f, 5));
        };
    }

    /** name.basics. */
    static RecordParser nameBasics() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, TAB, NAME_BASICS, repairs, 0);
            return new ImdbRows.Name(id(f, 0, NAME_ID), value(f, 1), year(f, 2), year(f, 3), list(f, 4),
                    ids(f, 5, TITLE_ID));
        };
    }

    /** A field's text; null for {@code \N} or blank. */
    static String value(Fields f, int index) {
        String text = f.text(index);
        return NULL.equals(text) ? null : text;
    }

    /** A comma-separated list; empty for {@code \N}. */
    static List<String> list(Fields f, int index) {
        String text = value(f, index);
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> ids(Fields f, int index, String prefix) throws RowRejectedException {
        List<String> ids = list(f, index);
        for (String id : ids) {
            if (!isId(id, prefix)) {
                throw f.reject(index, "IMDb " + kind(prefix) + " ids (" + prefix + " and digits) separated by commas", id);
            }
        }
        return ids;
    }

    private static String id(Fields f, int index, String prefix) throws RowRejectedException {
        String id = value(f, index);
        if (id == null || !isId(id, prefix)) {
            throw f.reject(index, "an IMDb " + kind(prefix) + " id (" + prefix + " and digits)", f.raw(index));
        }
        return id;
    }

    private static boolean isId(String text, String prefix) {
        return text.length() > prefix.length() && text.startsWith(prefix) && digits(text, prefix.length());
    }

    private static String kind(String prefix) {
        return prefix.equals(TITLE_ID) ? "title" : "name";
    }

    private static Boolean isAdult(Fields f, int index) throws RowRejectedException {
        String flag = value(f, index);
        if (flag == null) {
            return null;
        }
        return switch (flag) {
            case "0" -> false;
            case "1" -> true;
            default -> throw f.reject(index, "0 or 1", flag);
        };
    }

    private static Integer year(Fields f, int index) throws RowRejectedException {
        return whole(f, index, "a year from 0 to 9999", 0, 9999);
    }

    private static int requiredWhole(Fields f, int index, String expected, int min, int max) throws RowRejectedException {
        Integer value = whole(f, index, expected, min, max);
        if (value == null) {
            throw f.reject(index, expected, f.raw(index));
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; null for {@code \N}. */
    private static Integer whole(Fields f, int index, String expected, int min, int max) throws RowRejectedException {
        String text = value(f, index);
        if (text == null) {
            return null;
        }
        // Ten digits at most: the range check below then cannot overflow a long.
        if (text.length() > 10 || !digits(text, 0)) {
            throw f.reject(index, expected, text);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw f.reject(index, expected, text);
        }
        return (int) value;
    }

    private static boolean digits(String text, int from) {
        if (from >= text.length()) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
