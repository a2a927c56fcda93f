package org.movierec.etl.imdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.movierec.etl.imdb.ImdbRows.Credit;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.TextRecord;

/** The IMDb transformation rules, without a database. */
class ImdbParsersTest {

    private static final Set<String> MOVIES_AND_SERIES = Set.of("movie", "tvSeries");

    private final List<String> repairs = new ArrayList<>();

    @Test
    void aTitleIsConvertedFieldByField() throws Exception {
        assertThat(parse(ImdbParsers.titleBasics(MOVIES_AND_SERIES),
                "tt0468569\tmovie\tThe Night Warden\tThe Night Warden\t0\t2008\t\\N\t150\tAction,Crime,Drama"))
                .isEqualTo(new ImdbRows.Title("tt0468569", "movie", "The Night Warden", "The Night Warden", false, 2008,
                        null, 150, List.of("Action", "Crime", "Drama")));
        assertThat(parse(ImdbParsers.titleBasics(MOVIES_AND_SERIES),
                "tt0903747\ttvSeries\tCooking Class\tCooking Class\t1\t2008\t2013\t\\N\tCrime"))
                .isEqualTo(new ImdbRows.Title("tt0903747", "tvSeries", "Cooking Class", "Cooking Class", true, 2008, 2013,
                        null, List.of("Crime")));
    }

    @Test
    void backslashNIsNullAndAnEmptyListForListFields() throws Exception {
        assertThat(parse(ImdbParsers.titleBasics(MOVIES_AND_SERIES), "tt0000009\tmovie\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N"))
                .isEqualTo(new ImdbRows.Title("tt0000009", "movie", null, null, null, null, null, null, List.of()));
        assertThat(parse(ImdbParsers.nameBasics(), "nm9900001\tNobody Credited\t\\N\t\\N\t\\N\t\\N"))
                .isEqualTo(new ImdbRows.Name("nm9900001", "Nobody Credited", null, null, List.of(), List.of()));
        assertThat(parse(ImdbParsers.titlePrincipals(), "tt0468569\t3\tnm9800008\tdirector\t\\N\t\\N"))
                .isEqualTo(new ImdbRows.Principal("tt0468569", 3, "nm9800008", "director", null, null));
    }

    @Test
    void quotesAreOrdinaryCharacters() throws Exception {
        assertThat(parse(ImdbParsers.titleBasics(MOVIES_AND_SERIES),
                "tt9900001\tmovie\t\"Weird\" Al\tThe \"Lost Tape\t0\t2024\t\\N\t90\tComedy"))
                .extracting("primaryTitle", "originalTitle").containsExactly("\"Weird\" Al", "The \"Lost Tape");
        assertThat(parse(ImdbParsers.titlePrincipals(), "tt0468569\t2\tnm9800004\tactor\t\\N\t[\"The Jester\"]"))
                .extracting("characters").isEqualTo("[\"The Jester\"]");
    }

    @Test
    void titlesOfOtherTypesAreSkippedNotRejected() throws Exception {
        RecordParser movies = ImdbParsers.titleBasics(Set.of("movie"));
        assertThat(parse(movies, "tt9900010\tshort\tDancing Short\tDancing Short\t0\t1894\t\\N\t2\tShort")).isNull();
        assertThat(parse(movies, "tt9900006\ttvEpisode\tPilot\tPilot\t0\t2008\t\\N\t58\tDrama")).isNull();
        assertThat(parse(ImdbParsers.titleBasics(Set.of("short")),
                "tt9900010\tshort\tDancing Short\tDancing Short\t0\t1894\t\\N\t2\tShort"))
                .extracting("titleType", "runtimeMinutes").containsExactly("short", 2);
    }

    @Test
    void isAdultIsZeroOrOne() {
        assertRejected(ImdbParsers.titleBasics(MOVIES_AND_SERIES), "tt0000002\tmovie\tX\tX\t2\t2001\t\\N\t80\tDrama",
                "isAdult: expected 0 or 1, found '2'");
        assertRejected(ImdbParsers.titleBasics(MOVIES_AND_SERIES), "tt0000002\tmovie\tX\tX\tyes\t2001\t\\N\t80\tDrama",
                "isAdult: expected 0 or 1, found 'yes'");
    }

    @Test
    void genresProfessionsAndKnownForTitlesAreLists() throws Exception {
        assertThat(parse(ImdbParsers.titleBasics(MOVIES_AND_SERIES), "tt0000003\tmovie\tX\tX\t0\t1892\t\\N\t4\tAnimation, Comedy,"))
                .extracting("genres").isEqualTo(List.of("Animation", "Comedy"));
        assertThat(parse(ImdbParsers.nameBasics(),
                "nm9800008\tChris Example\t1968\t\\N\twriter,producer,director\ttt1375666,tt0816692"))
                .isEqualTo(new ImdbRows.Name("nm9800008", "Chris Example", 1968, null,
                        List.of("writer", "producer", "director"), List.of("tt1375666", "tt0816692")));
    }

    @Test
    void crewBecomesOneCreditPerDirectorAndWriter() throws Exception {
        assertThat(parse(ImdbParsers.titleCrew(), "tt0468569\tnm9800008\tnm9800009,nm9800008,nm9800006"))
                .isEqualTo(new ImdbRows.Crew("tt0468569", List.of(new Credit("director", "nm9800008"),
                        new Credit("writer", "nm9800009"), new Credit("writer", "nm9800008"),
                        new Credit("writer", "nm9800006"))));
        assertThat(parse(ImdbParsers.titleCrew(), "tt0903747\t\\N\tnm9800007"))
                .isEqualTo(new ImdbRows.Crew("tt0903747", List.of(new Credit("writer", "nm9800007"))));
        assertThat(repairs).isEmpty();
    }

    @Test
    void crewWithoutPeopleIsSkippedAndAPersonListedTwiceIsKeptOnce() throws Exception {
        assertThat(parse(ImdbParsers.titleCrew(), "tt9900001\t\\N\t\\N")).isNull();
        assertThat(parse(ImdbParsers.titleCrew(), "tt1375666\tnm9800008\tnm9800008,nm9800008"))
                .isEqualTo(new ImdbRows.Crew("tt1375666", List.of(new Credit("director", "nm9800008"),
                        new Credit("writer", "nm9800008"))));
        assertThat(repairs).containsExactly(
                "tt1375666: writers: a person listed more than once was kept once (nm9800008,nm9800008)");
    }

    @Test
    void ratingsAreConverted() throws Exception {
        assertThat(parse(ImdbParsers.titleRatings(), "tt0468569\t8.1\t1234567"))
                .isEqualTo(new ImdbRows.Rating("tt0468569", 8.1, 1234567));
    }

    @Test
    void malformedIdsAreRejectedWithTheFieldAndWhatWasExpected() {
        assertRejected(ImdbParsers.titleBasics(MOVIES_AND_SERIES), "tt99x0003\tmovie\tX\tX\t0\t2001\t\\N\t95\tDrama",
                "tconst: expected an IMDb title id (tt and digits), found 'tt99x0003'");
        assertRejected(ImdbParsers.titleRatings(), "nm0000001\t5.0\t10",
                "tconst: expected an IMDb title id (tt and digits), found 'nm0000001'");
        assertRejected(ImdbParsers.titleRatings(), "tt\t5.0\t10", "tconst: expected an IMDb title id (tt and digits), found 'tt'");
        assertRejected(ImdbParsers.titleRatings(), "\\N\t5.0\t10", "tconst: expected an IMDb title id (tt and digits), found '\\N'");
        assertRejected(ImdbParsers.titleCrew(), "tt9900002\tnm12x4\t\\N",
                "directors: expected IMDb name ids (nm and digits) separated by commas, found 'nm12x4'");
        assertRejected(ImdbParsers.titlePrincipals(), "tt0468569\t1\tBale\tactor\t\\N\t\\N",
                "nconst: expected an IMDb name id (nm and digits), found 'Bale'");
        assertRejected(ImdbParsers.nameBasics(), "nm9800008\tChris Example\t1968\t\\N\twriter\ttt1375666,Dream Heist",
                "knownForTitles: expected IMDb title ids (tt and digits) separated by commas, found 'Dream Heist'");
    }

    @Test
    void malformedNumbersAreRejectedWithTheFieldAndWhatWasExpected() {
        RecordParser titles = ImdbParsers.titleBasics(MOVIES_AND_SERIES);
        assertRejected(titles, "tt9900004\tmovie\tX\tX\t0\t2001\t\\N\tninety\tDrama",
                "runtimeMinutes: expected a number of minutes, found 'ninety'");
        assertRejected(titles, "tt9900004\tmovie\tX\tX\t0\t2001\t\\N\t-5\tDrama",
                "runtimeMinutes: expected a number of minutes, found '-5'");
        assertRejected(titles, "tt9900004\tmovie\tX\tX\t0\t20011\t\\N\t90\tDrama",
                "startYear: expected a year from 0 to 9999, found '20011'");
        assertRejected(ImdbParsers.nameBasics(), "nm9900003\tBad Year\t19x0\t\\N\tactor\t\\N",
                "birthYear: expected a year from 0 to 9999, found '19x0'");
        assertRejected(ImdbParsers.titleRatings(), "tt0468569\tnine\t10", "averageRating: expected a number, found 'nine'");
        assertRejected(ImdbParsers.titleRatings(), "tt0468569\t11.5\t10",
                "averageRating: expected a rating from 1.0 to 10.0, found '11.5'");
        assertRejected(ImdbParsers.titleRatings(), "tt0468569\t9.0\tmany", "numVotes: expected a number of votes, found 'many'");
        assertRejected(ImdbParsers.titleRatings(), "tt0468569\t9.0\t\\N", "numVotes: expected a number of votes, found '\\N'");
        assertRejected(ImdbParsers.titleRatings(), "tt0468569\t9.0\t99999999999",
                "numVotes: expected a number of votes, found '99999999999'");
        assertRejected(ImdbParsers.titlePrincipals(), "tt1375666\tx\tnm9800001\tactor\t\\N\t\\N",
                "ordering: expected an ordering from 1 to 32767, found 'x'");
        assertRejected(ImdbParsers.titlePrincipals(), "tt1375666\t40000\tnm9800001\tactor\t\\N\t\\N",
                "ordering: expected an ordering from 1 to 32767, found '40000'");
    }

    @Test
    void aRecordWithTheWrongNumberOfFieldsIsRejected() {
        assertRejected(ImdbParsers.titleBasics(MOVIES_AND_SERIES), "tt9900005\tmovie\tToo Few Fields\t0\t2001",
                "expected 9 fields (tconst,titleType,primaryTitle,originalTitle,isAdult,startYear,endYear,runtimeMinutes,"
                        + "genres) but found 5");
        assertRejected(ImdbParsers.titleRatings(), "tt0468569 8.1 1234567",
                "expected 3 fields (tconst,averageRating,numVotes) but found 1");
    }

    @Test
    void theHeadersAreTheOfficialOnes() {
        assertThat(ImdbParsers.header(ImdbParsers.TITLE_CREW)).isEqualTo("tconst\tdirectors\twriters");
        assertThat(ImdbParsers.header(ImdbParsers.NAME_BASICS))
                .isEqualTo("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles");
    }

    private StagedRow parse(RecordParser parser, String text) throws RowRejectedException {
        return parser.parse(new TextRecord("test.tsv", 2, text), (key, description) -> repairs.add(key + ": " + description));
    }

    private void assertRejected(RecordParser parser, String text, String reason) {
        assertThatThrownBy(() -> parse(parser, text)).isInstanceOf(RowRejectedException.class).hasMessage(reason);
    }
}
