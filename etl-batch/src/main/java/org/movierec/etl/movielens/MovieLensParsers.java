package org.movierec.etl.movielens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.movierec.core.Titles;
import org.movierec.etl.load.Fields;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;
import org.movierec.etl.load.TextRecord;

/** The transformation rules of every MovieLens file layout. */
final class MovieLensParsers {

    static final String[] MOVIE = {"movieId", "title", "genres"};
    static final String[] RATING = {"userId", "movieId", "rating", "timestamp"};
    static final String[] TAG = {"userId", "movieId", "tag", "timestamp"};
    static final String[] LINK = {"movieId", "imdbId", "tmdbId"};
    static final String[] USER_1M = {"userId", "gender", "age", "occupation", "zipCode"};
    static final String[] USER_100K = {"userId", "age", "gender", "occupation", "zipCode"};
    static final String[] ITEM_100K = {"movieId", "title", "releaseDate", "videoReleaseDate", "imdbUrl", "unknown",
        "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};
    private static final int FIRST_GENRE_100K = 6;
    /** The platform's own users start here (platform_user_id_seq): MovieLens ids stay below. */
    static final long FIRST_PLATFORM_USER_ID = 1_000_000_000L;
    /** 2100-01-01: a later timestamp is a typo, not a rating. */
    static final long MAX_EPOCH_SECONDS = 4_102_444_800L;

    private MovieLensParsers() {
    }

    /**
     * movies.csv and movies.dat: id, "Title (year)", genres separated by "|". Invalid UTF-8 in the
     * title or genres is repaired and recorded (a title with one bad byte is better kept than lost).
     */
    static RecordParser movies(String delimiter) {
        return (record, repairs) -> {
            Fields f = delimiter == null ? Fields.csv(record, MOVIE, repairs, 0)
                    : Fields.split(record, delimiter, MOVIE, repairs, 0);
            Titles.TitleYear title = Titles.splitYear(f.required(1));
            return new MovieLensRows.Movie(f.intValue(0), title.title(), title.year(), genres(f.text(2)));
        };
    }

    /** u.item (ml-100k): pipe-separated, the genres as 19 flags. */
    static RecordParser movies100k() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, "|", ITEM_100K, repairs, 0);
            Titles.TitleYear title = Titles.splitYear(f.required(1));
            List<String> genres = new ArrayList<>();
            for (int i = FIRST_GENRE_100K; i < ITEM_100K.length; i++) {
                String flag = f.required(i);
                if (!flag.equals("0") && !flag.equals("1")) {
                    throw f.reject(i, "a genre flag 0 or 1", flag);
                }
                if (flag.equals("1") && i > FIRST_GENRE_100K) {
                    genres.add(ITEM_100K[i]);
                }
            }
            return new MovieLensRows.Movie(f.intValue(0), title.title(), title.year(), genres);
        };
    }

    /**
     * ratings.csv, ratings.dat, u.data: user, movie, rating 0.5-5.0 in half steps, Unix seconds.
     * The parser remembers the last user, to note each user once per run of lines. Plain lines take
     * the fast path of {@link RatingLineParser}; any other line is split into fields and checked here.
     */
    static RecordParser ratings(String delimiter) {
        long[] lastUser = {Long.MIN_VALUE};
        RatingLineParser plain = new RatingLineParser(delimiter);
        return (record, repairs) -> {
            MovieLensRows.Rating row = plain.parse(record.text(), lastUser[0]);
            if (row == null) {
                row = rating(record, delimiter, lastUser[0]);
            }
            lastUser[0] = row.userId();
            return row;
        };
    }

    /** The general ratings rules, field by field. */
    static MovieLensRows.Rating rating(TextRecord record, String delimiter, long lastUser) throws RowRejectedException {
        Fields f = Fields.split(record, delimiter, RATING);
        double rating = f.doubleValue(2);
        if (rating < 0.5 || rating > 5.0 || rating * 2 != Math.rint(rating * 2)) {
            throw f.reject(2, "a rating from 0.5 to 5.0 in half steps", f.raw(2));
        }
        long user = userId(f);
        return new MovieLensRows.Rating(user, f.intValue(1), rating, epochSeconds(f, 3), user != lastUser);
    }

    /** tags.csv (quoted) and tags.dat. Invalid UTF-8 in the tag is repaired and recorded. */
    static RecordParser tags(String delimiter) {
        return (record, repairs) -> {
            Fields f = delimiter == null ? Fields.csv(record, TAG, repairs, 0, 1)
                    : Fields.split(record, delimiter, TAG, repairs, 0, 1);
            return new MovieLensRows.Tag(userId(f), f.intValue(1), f.required(2), instant(f, 3));
        };
    }

    /** links.csv: imdbId becomes "tt" + 7 digits, a blank tmdbId null. */
    static RecordParser links() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, ",", LINK);
            return new MovieLensRows.Link(f.intValue(0), imdbId(f), f.optionalInt(2));
        };
    }

    /** users.dat (ml-1m): UserID::Gender::Age::Occupation::Zip-code. */
    static RecordParser users1m() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, "::", USER_1M);
            return new MovieLensRows.User(userId(f), f.text(1), f.optionalInt(2), f.text(3), f.text(4));
        };
    }

    /** u.user (ml-100k): user id | age | gender | occupation | zip code. */
    static RecordParser users100k() {
        return (record, repairs) -> {
            Fields f = Fields.split(record, "|", USER_100K);
            return new MovieLensRows.User(userId(f), f.text(2), f.optionalInt(1), f.text(3), f.text(4));
        };
    }

    static List<String> genres(String genres) {
        if (genres == null || genres.equals("(no genres listed)")) {
            return List.of();
        }
        return Arrays.stream(genres.split("\\|")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    static String imdbId(Fields f) throws RowRejectedException {
        String digits = f.text(1);
        if (digits == null) {
            return null;
        }
        if (!digits.chars().allMatch(Character::isDigit)) {
            throw f.reject(1, "the digits of an IMDb id", digits);
        }
        String id = Long.toString(Long.parseLong(digits));
        return "tt" + "0".repeat(Math.max(0, 7 - id.length())) + id;
    }

    /** Field 0: a MovieLens user id, positive and below the platform's own ids. */
    private static long userId(Fields f) throws RowRejectedException {
        long id = f.longValue(0);
        if (id < 1 || id >= FIRST_PLATFORM_USER_ID) {
            throw f.reject(0, "a MovieLens user id from 1 to 999999999", f.raw(0));
        }
        return id;
    }

    private static Instant instant(Fields f, int index) throws RowRejectedException {
        return Instant.ofEpochSecond(epochSeconds(f, index));
    }

    private static long epochSeconds(Fields f, int index) throws RowRejectedException {
        long seconds = f.longValue(index);
        if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
            throw f.reject(index, "seconds since 1970", f.raw(index));
        }
        return seconds;
    }
}
