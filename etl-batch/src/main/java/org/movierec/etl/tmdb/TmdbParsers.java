package org.movierec.etl.tmdb;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.movierec.etl.load.Fields;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;
import org.movierec.etl.tmdb.TmdbRows.CastMember;
import org.movierec.etl.tmdb.TmdbRows.Coded;
import org.movierec.etl.tmdb.TmdbRows.Credits;
import org.movierec.etl.tmdb.TmdbRows.Movie;
import org.movierec.etl.tmdb.TmdbRows.Named;

/**
 * The transformation rules of the Kaggle TMDB files. The list and dict columns hold Python
 * literals ({@link PythonLiteral}) in "The Movies Dataset", JSON arrays ({@link JsonList}) in
 * "TMDB 5000 Movie Dataset"; an entry listed twice in one of a movie's lists (same id or
 * code) is kept once, the first time, since each becomes a row keyed by it. Invalid UTF-8 in a text
 * field (titles, overview, names in the lists) is repaired and recorded; in the {@code id} or a
 * number it rejects the record.
 */
final class TmdbParsers {

    static final String[] MOVIE = {"adult", "belongs_to_collection", "budget", "genres", "homepage", "id", "imdb_id",
        "original_language", "original_title", "overview", "popularity", "poster_path", "production_companies",
        "production_countries", "release_date", "revenue", "runtime", "spoken_languages", "status", "tagline", "title",
        "video", "vote_average", "vote_count"};
    static final String[] CREDITS = {"cast", "crew", "id"};
    /** tmdb_5000_movies.csv of Kaggle's "TMDB 5000 Movie Dataset". */
    static final String[] MOVIE_5000 = {"budget", "genres", "homepage", "id", "keywords", "original_language",
        "original_title", "overview", "popularity", "production_companies", "production_countries", "release_date",
        "revenue", "runtime", "spoken_languages", "status", "tagline", "title", "vote_average", "vote_count"};
    /** tmdb_5000_credits.csv of Kaggle's "TMDB 5000 Movie Dataset". */
    static final String[] CREDITS_5000 = {"movie_id", "title", "cast", "crew"};
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static final int ADULT = column(MOVIE, "adult");
    private static final int COLLECTION = column(MOVIE, "belongs_to_collection");
    private static final int BUDGET = column(MOVIE, "budget");
    private static final int GENRES = column(MOVIE, "genres");
    private static final int ID = column(MOVIE, "id");
    private static final int IMDB_ID = column(MOVIE, "imdb_id");
    private static final int ORIGINAL_LANGUAGE = column(MOVIE, "original_language");
    private static final int ORIGINAL_TITLE = column(MOVIE, "original_title");
    private static final int OVERVIEW = column(MOVIE, "overview");
    private static final int POPULARITY = column(MOVIE, "popularity");
    private static final int COMPANIES = column(MOVIE, "production_companies");
    private static final int COUNTRIES = column(MOVIE, "production_countries");
    private static final int RELEASE_DATE = column(MOVIE, "release_date");
    private static final int REVENUE = column(MOVIE, "revenue");
    private static final int RUNTIME = column(MOVIE, "runtime");
    private static final int LANGUAGES = column(MOVIE, "spoken_languages");
    private static final int STATUS = column(MOVIE, "status");
    private static final int TAGLINE = column(MOVIE, "tagline");
    private static final int TITLE = column(MOVIE, "title");
    private static final int VOTE_AVERAGE = column(MOVIE, "vote_average");
    private static final int VOTE_COUNT = column(MOVIE, "vote_count");
    private static final int CAST = column(CREDITS, "cast");
    private static final int CREW = column(CREDITS, "crew");
    private static final int CREDITS_ID = column(CREDITS, "id");

    private TmdbParsers() {
    }

    /**
     * movies_metadata.csv. The id must be a whole number (the real file has records whose columns
     * are shifted, with a date in {@code id}); a movie without a release date is left out (skipped);
     * an unknown budget or revenue is 0.
     */
    static RecordParser movies() {
        return (record, repairs) -> {
            Fields f = Fields.csv(record, MOVIE, repairs, ID);
            int id = f.intValue(ID);
            LocalDate released = releaseDate(f, RELEASE_DATE);
            if (released == null) {
                return null;
            }
            long budget = amount(f, BUDGET);
            long revenue = amount(f, REVENUE);
            return new Movie(id, f.text(IMDB_ID), f.text(TITLE), f.text(ORIGINAL_TITLE), f.text(ORIGINAL_LANGUAGE),
                    f.text(OVERVIEW), f.text(TAGLINE), f.text(STATUS), bool(f, ADULT), released, budget, revenue,
                    budget == 0 ? 0 : (double) revenue / budget, f.optionalDouble(POPULARITY),
                    f.optionalDouble(VOTE_AVERAGE), f.optionalInt(VOTE_COUNT), f.optionalDouble(RUNTIME),
                    collection(f), named(f, MOVIE, GENRES, false), named(f, MOVIE, COMPANIES, false),
                    coded(f, MOVIE, COUNTRIES, "iso_3166_1", false), coded(f, MOVIE, LANGUAGES, "iso_639_1", false));
        };
    }

    /**
     * tmdb_5000_movies.csv: the same rules as {@link #movies()}, with JSON arrays for the lists. The
     * file has no imdb_id, adult flag or collection: they stay null.
     */
    static RecordParser movies5000() {
        int id = column(MOVIE_5000, "id");
        int budgetColumn = column(MOVIE_5000, "budget");
        int revenueColumn = column(MOVIE_5000, "revenue");
        return (record, repairs) -> {
            Fields f = Fields.csv(record, MOVIE_5000, repairs, id);
            int tmdbId = f.intValue(id);
            LocalDate released = releaseDate(f, column(MOVIE_5000, "release_date"));
            if (released == null) {
                return null;
            }
            long budget = amount(f, budgetColumn);
            long revenue = amount(f, revenueColumn);
            return new Movie(tmdbId, null, f.text(column(MOVIE_5000, "title")),
                    f.text(column(MOVIE_5000, "original_title")), f.text(column(MOVIE_5000, "original_language")),
                    f.text(column(MOVIE_5000, "overview")), f.text(column(MOVIE_5000, "tagline")),
                    f.text(column(MOVIE_5000, "status")), null, released, budget, revenue,
                    budget == 0 ? 0 : (double) revenue / budget, f.optionalDouble(column(MOVIE_5000, "popularity")),
                    f.optionalDouble(column(MOVIE_5000, "vote_average")),
                    f.optionalInt(column(MOVIE_5000, "vote_count")), f.optionalDouble(column(MOVIE_5000, "runtime")),
                    null, named(f, MOVIE_5000, column(MOVIE_5000, "genres"), true),
                    named(f, MOVIE_5000, column(MOVIE_5000, "production_companies"), true),
                    coded(f, MOVIE_5000, column(MOVIE_5000, "production_countries"), "iso_3166_1", true),
                    coded(f, MOVIE_5000, column(MOVIE_5000, "spoken_languages"), "iso_639_1", true));
        };
    }

    /** credits.csv: every cast entry, and the crew entries whose job is "Director", each person once. */
    static RecordParser credits() {
        return credits(CREDITS, CREDITS_ID, CAST, CREW, false);
    }

    /** tmdb_5000_credits.csv: the same rules as {@link #credits()}, with JSON arrays; its title is not read. */
    static RecordParser credits5000() {
        return credits(CREDITS_5000, column(CREDITS_5000, "movie_id"), column(CREDITS_5000, "cast"),
                column(CREDITS_5000, "crew"), true);
    }

    private static RecordParser credits(String[] names, int idColumn, int castColumn, int crewColumn, boolean json) {
        return (record, repairs) -> {
            Fields f = Fields.csv(record, names, repairs, idColumn);
            int id = f.intValue(idColumn);
            Literal cast = Literal.of(f, names, castColumn, json);
            Map<String, CastMember> members = new LinkedHashMap<>();
            for (int i = 0; i < cast.items.size(); i++) {
                String creditId = cast.text(i, "credit_id", true);
                members.putIfAbsent(creditId, new CastMember(creditId, cast.integer(i, "id"), cast.text(i, "name", true),
                        cast.text(i, "character", false), cast.optionalInteger(i, "order")));
            }
            Literal crew = Literal.of(f, names, crewColumn, json);
            Map<Integer, Named> directors = new LinkedHashMap<>();
            for (int i = 0; i < crew.items.size(); i++) {
                if ("Director".equals(crew.items.get(i).get("job"))) {
                    int person = crew.integer(i, "id");
                    directors.putIfAbsent(person, new Named(person, crew.text(i, "name", true)));
                }
            }
            return new Credits(id, List.copyOf(members.values()), List.copyOf(directors.values()));
        };
    }

    /** The release date, or null when it is blank. Four-digit years only: the year goes into a smallint. */
    private static LocalDate releaseDate(Fields f, int index) throws RowRejectedException {
        String date = f.text(index);
        if (date == null) {
            return null;
        }
        try {
            if (DATE.matcher(date).matches()) {
                return LocalDate.parse(date);
            }
        } catch (DateTimeParseException e) {
            // rejected below
        }
        throw f.reject(index, "a date YYYY-MM-DD", date);
    }

    /** A budget or revenue in dollars; blank means unknown, which the dataset writes as 0. */
    private static long amount(Fields f, int index) throws RowRejectedException {
        return f.text(index) == null ? 0 : f.longValue(index);
    }

    private static Boolean bool(Fields f, int index) throws RowRejectedException {
        String value = f.text(index);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "True" -> true;
            case "False" -> false;
            default -> throw f.reject(index, "True or False", value);
        };
    }

    private static Named collection(Fields f) throws RowRejectedException {
        Map<String, Object> collection;
        try {
            collection = PythonLiteral.parseDict(f.raw(COLLECTION));
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException(MOVIE[COLLECTION] + ": not a Python dict: " + e.getMessage());
        }
        if (collection == null) {
            return null;
        }
        Literal literal = new Literal(MOVIE[COLLECTION], List.of(collection));
        return new Named(literal.integer(0, "id"), literal.text(0, "name", true));
    }

    /** A list of {'id': ..., 'name': ...}: genres, production companies. */
    private static List<Named> named(Fields f, String[] names, int index, boolean json) throws RowRejectedException {
        Literal list = Literal.of(f, names, index, json);
        Map<Integer, Named> byId = new LinkedHashMap<>();
        for (int i = 0; i < list.items.size(); i++) {
            int id = list.integer(i, "id");
            byId.putIfAbsent(id, new Named(id, list.text(i, "name", true)));
        }
        return List.copyOf(byId.values());
    }

    /** A list of {'iso_...': ..., 'name': ...}: production countries, spoken languages. */
    private static List<Coded> coded(Fields f, String[] names, int index, String codeKey, boolean json)
            throws RowRejectedException {
        Literal list = Literal.of(f, names, index, json);
        Map<String, Coded> byCode = new LinkedHashMap<>();
        for (int i = 0; i < list.items.size(); i++) {
            String code = list.text(i, codeKey, true);
            byCode.putIfAbsent(code, new Coded(code, list.text(i, "name", true)));
        }
        return List.copyOf(byCode.values());
    }

    private static int column(String[] names, String name) {
        int index = Arrays.asList(names).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return index;
    }

    /** A column holding a Python list of dicts, read with reject messages naming the column, item and key. */
    private static final class Literal {
        private final String column;
        private final List<Map<String, Object>> items;

        private Literal(String column, List<Map<String, Object>> items) {
            this.column = column;
            this.items = items;
        }

        /** The column's list: a Python literal, or a JSON array (TMDB 5000) when {@code json}. */
        static Literal of(Fields f, String[] names, int index, boolean json) throws RowRejectedException {
            try {
                return new Literal(names[index], json ? JsonList.parseObjectList(f.raw(index))
                        : PythonLiteral.parseDictList(f.raw(index)));
            } catch (IllegalArgumentException e) {
                throw new RowRejectedException(names[index] + (json ? ": not a JSON array of objects: "
                        : ": not a Python list of dicts: ") + e.getMessage());
            }
        }

        int integer(int item, String key) throws RowRejectedException {
            Integer value = optionalInteger(item, key);
            if (value == null) {
                throw reject(item, key, "a whole number");
            }
            return value;
        }

        Integer optionalInteger(int item, String key) throws RowRejectedException {
            Object value = items.get(item).get(key);
            if (value != null && (!(value instanceof Long number) || number != number.intValue())) {
                throw reject(item, key, "a 32-bit whole number");
            }
            return value == null ? null : ((Long) value).intValue();
        }

        /** A string as the file has it (not trimmed, possibly empty); null for None or a missing key. */
        String text(int item, String key, boolean required) throws RowRejectedException {
            Object value = items.get(item).get(key);
            if ((value == null && required) || (value != null && !(value instanceof String))) {
                throw reject(item, key, "a string");
            }
            return (String) value;
        }

        private RowRejectedException reject(int item, String key, String expected) {
            Object value = items.get(item).get(key);
            return new RowRejectedException("%s: item %d: expected %s as '%s', found %s".formatted(column, item, expected,
                    key, value == null ? "nothing" : "'" + value + "'"));
        }
    }
}
