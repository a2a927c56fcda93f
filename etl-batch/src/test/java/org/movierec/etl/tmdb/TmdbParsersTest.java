package org.movierec.etl.tmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.TextRecord;
import org.movierec.etl.tmdb.TmdbRows.CastMember;
import org.movierec.etl.tmdb.TmdbRows.Coded;
import org.movierec.etl.tmdb.TmdbRows.Credits;
import org.movierec.etl.tmdb.TmdbRows.Movie;
import org.movierec.etl.tmdb.TmdbRows.Named;

/** The TMDB rules on hand-written records in the Kaggle format. */
class TmdbParsersTest {

    private static final RecordParser.Repairs NO_REPAIRS = (key, description) -> {
        throw new AssertionError("unexpected repair " + key + ": " + description);
    };

    @Test
    void aMovieWithItsListsUnnested() throws Exception {
        Movie movie = movie(toyStory());

        assertThat(movie.tmdbId()).isEqualTo(862);
        assertThat(movie.imdbId()).isEqualTo("tt0114709");
        assertThat(movie.title()).isEqualTo("Toy Story");
        assertThat(movie.adult()).isFalse();
        assertThat(movie.releaseDate()).isEqualTo(LocalDate.of(1995, 10, 30));
        assertThat(movie.releaseDate().getYear()).isEqualTo(1995);
        assertThat(movie.budget()).isEqualTo(30_000_000L);
        assertThat(movie.revenue()).isEqualTo(373_554_033L);
        assertThat(movie.returnRatio()).isCloseTo(12.4518011, within(1e-7));
        assertThat(movie.popularity()).isEqualTo(21.946943);
        assertThat(movie.voteAverage()).isEqualTo(7.7);
        assertThat(movie.voteCount()).isEqualTo(5415);
        assertThat(movie.runtime()).isEqualTo(81.0);
        assertThat(movie.collection()).isEqualTo(new Named(10194, "Toy Story Collection"));
        assertThat(movie.genres()).containsExactly(new Named(16, "Animation"), new Named(35, "Comedy"),
                new Named(10751, "Family"));
        assertThat(movie.companies()).containsExactly(new Named(3, "Pixar Animation Studios"), new Named(7, "Walt's"));
        assertThat(movie.countries()).containsExactly(new Coded("US", "United States of America"));
        assertThat(movie.languages()).containsExactly(new Coded("en", "English"), new Coded("fr", "Français"));
    }

    @Test
    void aMissingBudgetOrRevenueIsZeroAndSoIsTheReturnWithoutABudget() throws Exception {
        Movie noBudget = movie(toyStory().with("budget", ""));
        assertThat(noBudget.budget()).isZero();
        assertThat(noBudget.returnRatio()).isZero();

        Movie zeroBudget = movie(toyStory().with("budget", "0"));
        assertThat(zeroBudget.revenue()).isEqualTo(373_554_033L);
        assertThat(zeroBudget.returnRatio()).isZero();

        Movie noRevenue = movie(toyStory().with("revenue", ""));
        assertThat(noRevenue.revenue()).isZero();
        assertThat(noRevenue.returnRatio()).isZero();

        assertThat(movie(toyStory().with("budget", "4").with("revenue", "10")).returnRatio()).isEqualTo(2.5);
    }

    @Test
    void blankOptionalFieldsAreNull() throws Exception {
        Movie movie = movie(toyStory().with("imdb_id", " ").with("runtime", "").with("vote_count", "")
                .with("popularity", "").with("adult", "").with("belongs_to_collection", "").with("genres", "[]")
                .with("production_countries", ""));
        assertThat(movie.imdbId()).isNull();
        assertThat(movie.runtime()).isNull();
        assertThat(movie.voteCount()).isNull();
        assertThat(movie.popularity()).isNull();
        assertThat(movie.adult()).isNull();
        assertThat(movie.collection()).isNull();
        assertThat(movie.genres()).isEmpty();
        assertThat(movie.countries()).isEmpty();
        assertThat(movie(toyStory().with("adult", "True")).adult()).isTrue();
    }

    @Test
    void aMovieWithoutAReleaseDateIsSkipped() throws Exception {
        assertThat(parse(TmdbParsers.movies(), toyStory().with("release_date", "").line())).isNull();
    }

    @Test
    void aRecordWithShiftedColumnsIsRejectedNamingTheId() {
        // The shape of the three broken records of the real file: the columns 9 places to the left.
        Row shifted = toyStory();
        String[] values = shifted.values.values().toArray(String[]::new);
        String[] moved = Arrays.copyOf(Arrays.copyOfRange(values, 9, values.length), values.length);
        Arrays.fill(moved, values.length - 9, values.length, "");
        int i = 0;
        for (String column : TmdbParsers.MOVIE) {
            shifted.with(column, moved[i++]);
        }
        assertThat(shifted.values).containsEntry("id", "1995-10-30");

        assertRejected(TmdbParsers.movies(), shifted.line(), "id: expected a whole number, found '1995-10-30'");
        assertRejected(TmdbParsers.movies(), toyStory().with("id", "").line(), "id: expected a value, found 'nothing'");
    }

    @Test
    void aRecordBrokenInTwoIsRejectedForItsFieldCount() {
        // How the real file holds its three broken records: a line break inside an unquoted overview
        // makes two records, the movie's first ten fields and the rest.
        String[] values = toyStory().with("overview", "A cowboy doll's place - Andy's favourite").values.values()
                .toArray(String[]::new);
        String[] head = Arrays.copyOf(values, 10);
        head[9] = "A cowboy doll's place";
        String[] tail = Arrays.copyOfRange(values, 9, values.length);
        tail[0] = " - Andy's favourite";
        String expected = "expected 24 fields (" + String.join(",", TmdbParsers.MOVIE) + ") but found ";
        assertRejected(TmdbParsers.movies(), csv(head), expected + 10);
        assertRejected(TmdbParsers.movies(), csv(tail), expected + 15);
    }

    @Test
    void malformedFieldsAreRejectedNamingTheField() {
        assertRejected(TmdbParsers.movies(), toyStory().with("popularity", "Beware Of Frost Bites").line(),
                "popularity: expected a number, found 'Beware Of Frost Bites'");
        assertRejected(TmdbParsers.movies(), toyStory().with("budget", "/ff9qCepilowshEtG2GYWwzt2bs4.jpg").line(),
                "budget: expected a whole number, found '/ff9qCepilowshEtG2GYWwzt2bs4.jpg'");
        assertRejected(TmdbParsers.movies(), toyStory().with("adult", " - Written by Ørnås").line(),
                "adult: expected True or False, found '- Written by Ørnås'");
        assertRejected(TmdbParsers.movies(), toyStory().with("release_date", "1995-13-30").line(),
                "release_date: expected a date YYYY-MM-DD, found '1995-13-30'");
        assertRejected(TmdbParsers.movies(), toyStory().with("release_date", "+40000-10-30").line(),
                "release_date: expected a date YYYY-MM-DD, found '+40000-10-30'");
        assertRejected(TmdbParsers.movies(), toyStory().with("vote_count", "5415.5").line(),
                "vote_count: expected a whole number, found '5415.5'");
        assertRejected(TmdbParsers.movies(), toyStory().with("genres", "[{'id': 16, 'name': 'Animation'").line(),
                "genres: not a Python list of dicts: at 31: expected ',' or '}' but found end of input");
        assertRejected(TmdbParsers.movies(), toyStory().with("genres", "[{'id': 16, 'name': 'Animation'}, {'name': 'X'}]")
                .line(), "genres: item 1: expected a whole number as 'id', found nothing");
        assertRejected(TmdbParsers.movies(), toyStory().with("production_countries", "[{'iso_3166_1': 1, 'name': 'X'}]")
                .line(), "production_countries: item 0: expected a string as 'iso_3166_1', found '1'");
        assertRejected(TmdbParsers.movies(), toyStory().with("belongs_to_collection", "0.065736").line(),
                "belongs_to_collection: not a Python dict: expected a dict but found a Double 0.065736");
    }

    @Test
    void anEntryListedTwiceInAMoviesListIsKeptOnce() throws Exception {
        Movie movie = movie(toyStory().with("genres", "[{'id': 16, 'name': 'Animation'}, {'id': 16, 'name': 'Animation'}]")
                .with("spoken_languages", "[{'iso_639_1': 'en', 'name': 'English'}, {'iso_639_1': 'en', 'name': 'English'}]"));
        assertThat(movie.genres()).containsExactly(new Named(16, "Animation"));
        assertThat(movie.languages()).containsExactly(new Coded("en", "English"));
    }

    @Test
    void creditsGiveEveryCastEntryAndOnlyTheDirectorsOfTheCrewEachOnce() throws Exception {
        String cast = "[{'cast_id': 14, 'character': 'Woody (voice)', 'credit_id': 'c1', 'gender': 2, 'id': 31, "
                + "'name': 'Tom Hanks', 'order': 0, 'profile_path': None}, {'cast_id': 15, 'character': '', "
                + "'credit_id': 'c2', 'gender': 2, 'id': 12898, 'name': 'Tim Allen', 'order': 1, 'profile_path': None}]";
        String crew = "[{'credit_id': 'd1', 'department': 'Directing', 'gender': 2, 'id': 7879, 'job': 'Director', "
                + "'name': 'John Lasseter', 'profile_path': None}, "
                + "{'credit_id': 'd2', 'department': 'Writing', 'gender': 2, 'id': 7879, 'job': 'Screenplay', "
                + "'name': 'John Lasseter', 'profile_path': None}, "
                + "{'credit_id': 'd3', 'department': 'Sound', 'gender': 2, 'id': 7885, 'job': 'Music', "
                + "'name': 'Randy Newman', 'profile_path': None}, "
                + "{'credit_id': 'd4', 'department': 'Directing', 'gender': 2, 'id': 7879, 'job': 'Director', "
                + "'name': 'John Lasseter', 'profile_path': None}, "
                + "{'credit_id': 'd5', 'department': 'Directing', 'gender': 1, 'id': 99, 'job': 'Director', "
                + "'name': \"Kelly O'Connell\", 'profile_path': None}]";
        Credits credits = (Credits) parse(TmdbParsers.credits(), csv(cast, crew, "862"));

        assertThat(credits.tmdbId()).isEqualTo(862);
        assertThat(credits.cast()).containsExactly(new CastMember("c1", 31, "Tom Hanks", "Woody (voice)", 0),
                new CastMember("c2", 12898, "Tim Allen", "", 1));
        assertThat(credits.directors()).containsExactly(new Named(7879, "John Lasseter"), new Named(99, "Kelly O'Connell"));
    }

    @Test
    void emptyCreditsGiveNoRows() throws Exception {
        Credits credits = (Credits) parse(TmdbParsers.credits(), csv("[]", "[]", "12110"));
        assertThat(credits.cast()).isEmpty();
        assertThat(credits.directors()).isEmpty();
    }

    @Test
    void malformedCreditsAreRejectedNamingTheField() {
        assertRejected(TmdbParsers.credits(), csv("[]", "[]", "1997-08-20"), "id: expected a whole number, found '1997-08-20'");
        assertRejected(TmdbParsers.credits(), csv("[{'credit_id': 'c1', 'id': 'x31', 'name': 'Tom Hanks'}]", "[]", "862"),
                "cast: item 0: expected a 32-bit whole number as 'id', found 'x31'");
        assertRejected(TmdbParsers.credits(), csv("[{'credit_id': 'c1', 'id': 31}]", "[]", "862"),
                "cast: item 0: expected a string as 'name', found nothing");
        assertRejected(TmdbParsers.credits(), csv("[]", "[{'id': 7879, 'job': 'Director', 'name': None}]", "862"),
                "crew: item 0: expected a string as 'name', found nothing");
        assertRejected(TmdbParsers.credits(), csv("[]", "{'id': 1}", "862"),
                "crew: not a Python list of dicts: expected a list of dicts but found a dict");
    }

    private static Movie movie(Row row) throws RowRejectedException {
        return (Movie) parse(TmdbParsers.movies(), row.line());
    }

    private static StagedRow parse(RecordParser parser, String line) throws RowRejectedException {
        return parser.parse(new TextRecord("test.csv", 2, line), NO_REPAIRS);
    }

    private static void assertRejected(RecordParser parser, String line, String reason) {
        assertThatThrownBy(() -> parse(parser, line)).isInstanceOf(RowRejectedException.class).hasMessage(reason);
    }

    /** Toy Story as the Kaggle file has it, with a company name holding an apostrophe and a second language. */
    private static Row toyStory() {
        return new Row()
                .with("adult", "False")
                .with("belongs_to_collection", "{'id': 10194, 'name': 'Toy Story Collection', "
                        + "'poster_path': '/7G9915LfUQ2lVfwMEEhDsn3kT4B.jpg', 'backdrop_path': None}")
                .with("budget", "30000000")
                .with("genres", "[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}, "
                        + "{'id': 10751, 'name': 'Family'}]")
                .with("homepage", "http://toystory.disney.com/toy-story")
                .with("id", "862")
                .with("imdb_id", "tt0114709")
                .with("original_language", "en")
                .with("original_title", "Toy Story")
                .with("overview", "A cowboy doll's place as Andy's favourite toy is threatened.")
                .with("popularity", "21.946943")
                .with("poster_path", "/rhIRbceoE9lR4veEXuwCC2wARtG.jpg")
                .with("production_companies", "[{'name': 'Pixar Animation Studios', 'id': 3}, {'name': \"Walt's\", 'id': 7}]")
                .with("production_countries", "[{'iso_3166_1': 'US', 'name': 'United States of America'}]")
                .with("release_date", "1995-10-30")
                .with("revenue", "373554033")
                .with("runtime", "81.0")
                .with("spoken_languages", "[{'iso_639_1': 'en', 'name': 'English'}, {'iso_639_1': 'fr', 'name': 'Français'}]")
                .with("status", "Released")
                .with("tagline", "")
                .with("title", "Toy Story")
                .with("video", "False")
                .with("vote_average", "7.7")
                .with("vote_count", "5415");
    }

    /** The fields of a movies_metadata.csv record by column, written as pandas writes CSV. */
    private static final class Row {
        final Map<String, String> values = new LinkedHashMap<>();

        Row() {
            for (String column : TmdbParsers.MOVIE) {
                values.put(column, "");
            }
        }

        Row with(String column, String value) {
            assertThat(values).containsKey(column);
            values.put(column, value);
            return this;
        }

        String line() {
            return csv(values.values().toArray(String[]::new));
        }
    }

    private static String csv(String... fields) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("").get())) {
            printer.printRecord((Object[]) fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
