package org.movierec.etl.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.TextRecord;

/** The catalog rules on hand-written records, without a database. */
class CatalogParsersTest {

    private static final String NETFLIX_S1 = "s1,Movie,Dick Johnson Is Dead,Kirsten Johnson,,United States,"
            + "\"September 25, 2021\",2020,PG-13,90 min,Documentaries,\"As her father nears the end of his life.\"";

    private final List<String> repairs = new ArrayList<>();

    @Test
    void theTitleIdIsThePlatformLetterAndTheShowId() throws Exception {
        assertThat(title(Platform.AMAZON, NETFLIX_S1.replace("s1,", "s123,")).titleId()).isEqualTo("as123");
        assertThat(title(Platform.DISNEY, NETFLIX_S1).titleId()).isEqualTo("ds1");
        assertThat(title(Platform.HULU, NETFLIX_S1).titleId()).isEqualTo("hs1");
        CatalogRows.Title netflix = title(Platform.NETFLIX, NETFLIX_S1);
        assertThat(netflix.titleId()).isEqualTo("ns1");
        assertThat(netflix.showId()).isEqualTo("s1");
        assertThat(netflix.platform().label()).isEqualTo("netflix");
    }

    @Test
    void aRecordBecomesARowWithEveryField() throws Exception {
        CatalogRows.Title row = title(Platform.NETFLIX, NETFLIX_S1);

        assertThat(row).isEqualTo(new CatalogRows.Title("ns1", Platform.NETFLIX, "s1", "movie", "dick johnson is dead",
                List.of("kirsten johnson"), List.of(), List.of("united states"), LocalDate.of(2021, 9, 25), 2020,
                "pg-13", 90, "min", List.of("documentaries"), "as her father nears the end of his life."));
        assertThat(repairs).isEmpty();
    }

    @Test
    void everyTextFieldIsLowerCase() throws Exception {
        CatalogRows.Title row = title(Platform.HULU, "s7,TV Show,The BIG Show,\"Jane DOE, John Roe\",\"Ana ÉLAN\","
                + "\"United KINGDOM\",,2019,TV-MA,2 Seasons,\"Comedy, Stand Up\",A SHOW About ÉCOLES.");

        assertThat(row.type()).isEqualTo("tv show");
        assertThat(row.title()).isEqualTo("the big show");
        assertThat(row.directors()).containsExactly("jane doe", "john roe");
        assertThat(row.castMembers()).containsExactly("ana élan");
        assertThat(row.countries()).containsExactly("united kingdom");
        assertThat(row.rating()).isEqualTo("tv-ma");
        assertThat(row.listedIn()).containsExactly("comedy", "stand up");
        assertThat(row.description()).isEqualTo("a show about écoles.");
    }

    @Test
    void aMissingRatingBecomesG() throws Exception {
        assertThat(title(Platform.AMAZON, NETFLIX_S1.replace("PG-13", "")).rating()).isEqualTo("g");
        assertThat(title(Platform.AMAZON, NETFLIX_S1.replace("PG-13", "  ")).rating()).isEqualTo("g");
        assertThat(CatalogParsers.rating(null)).isEqualTo("g");
        assertThat(CatalogParsers.rating("TV-Y7-FV")).isEqualTo("tv-y7-fv");
        assertThat(repairs).isEmpty();
    }

    @Test
    void theDateAddedIsParsedAndABlankOneIsNull() throws Exception {
        assertThat(title(Platform.NETFLIX, NETFLIX_S1.replace("\"September 25, 2021\"", "\" August 4, 2017 \""))
                .dateAdded()).isEqualTo(LocalDate.of(2017, 8, 4));
        assertThat(title(Platform.NETFLIX, NETFLIX_S1.replace("\"September 25, 2021\"", "")).dateAdded()).isNull();
        assertThat(title(Platform.NETFLIX, NETFLIX_S1.replace("\"September 25, 2021\"", " ")).dateAdded()).isNull();
    }

    @Test
    void anUnreadableDateRejectsTheRecordNamingTheField() {
        assertThatThrownBy(() -> title(Platform.NETFLIX, NETFLIX_S1.replace("\"September 25, 2021\"", "25-Sep-21")))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage("date_added: expected a date like 'September 25, 2021', found '25-Sep-21'");
        assertThatThrownBy(() -> title(Platform.NETFLIX, NETFLIX_S1.replace("September 25", "Septober 25")))
                .hasMessage("date_added: expected a date like 'September 25, 2021', found 'Septober 25, 2021'");
    }

    @Test
    void theDurationIsSplitIntoNumberAndType() throws Exception {
        assertThat(CatalogParsers.duration("90 min")).isEqualTo(new CatalogParsers.Duration(90, "min"));
        assertThat(CatalogParsers.duration("1 Season")).isEqualTo(new CatalogParsers.Duration(1, "season"));
        assertThat(CatalogParsers.duration("3 Seasons")).isEqualTo(new CatalogParsers.Duration(3, "season"));
        assertThat(CatalogParsers.duration("PG-13")).isNull();

        CatalogRows.Title seasons = title(Platform.NETFLIX, NETFLIX_S1.replace("90 min", "3 Seasons"));
        assertThat(seasons.durationInt()).isEqualTo(3);
        assertThat(seasons.durationType()).isEqualTo("season");
        CatalogRows.Title blank = title(Platform.NETFLIX, NETFLIX_S1.replace("90 min", ""));
        assertThat(blank.durationInt()).isNull();
        assertThat(blank.durationType()).isNull();
        assertThatThrownBy(() -> title(Platform.NETFLIX, NETFLIX_S1.replace("90 min", "1h 30m")))
                .hasMessage("duration: expected a duration like '90 min' or '2 Seasons', found '1h 30m'");
    }

    @Test
    void listsAreSplitOnCommasTrimmedAndWithoutBlanks() throws Exception {
        assertThat(CatalogParsers.list(", South Korea")).containsExactly("south korea");
        assertThat(CatalogParsers.list("Francis Lederer, Ida Lupino, , rik Rhodes,")).containsExactly("francis lederer",
                "ida lupino", "rik rhodes");
        assertThat(CatalogParsers.list("\u00a0Raoul Walsh, Mario Bava")).containsExactly("raoul walsh", "mario bava");
        assertThat(CatalogParsers.list("")).isEmpty();
        assertThat(CatalogParsers.list(" , ")).isEmpty();
    }

    @Test
    void aDurationInTheRatingColumnIsMovedAndTheRepairRecorded() throws Exception {
        CatalogRows.Title minutes = title(Platform.NETFLIX, "s5542,Movie,Louis C.K. 2017,Louis C.K.,Louis C.K.,"
                + "United States,\"April 4, 2017\",2017,74 min,,Movies,\"Louis C.K. muses on religion.\"");

        assertThat(minutes.durationInt()).isEqualTo(74);
        assertThat(minutes.durationType()).isEqualTo("min");
        assertThat(minutes.rating()).isEqualTo("g");
        assertThat(repairs).containsExactly(
                "ns5542: duration '74 min' found in the rating column: moved to duration, rating set to 'g'");
    }

    @Test
    void seasonsInTheRatingColumnAreMovedToo() throws Exception {
        CatalogRows.Title seasons = title(Platform.HULU, "s2956,Movie,Getting On,,,United Kingdom,\"January 7, 2014\","
                + "2009,2 Seasons,,\"Comedy, International, Sitcom\",Care for the elderly.");

        assertThat(seasons.durationInt()).isEqualTo(2);
        assertThat(seasons.durationType()).isEqualTo("season");
        assertThat(seasons.rating()).isEqualTo("g");
        assertThat(seasons.type()).as("the type is kept as the file says").isEqualTo("movie");
        assertThat(repairs).containsExactly(
                "hs2956: duration '2 Seasons' found in the rating column: moved to duration, rating set to 'g'");
    }

    @Test
    void aDurationInTheRatingColumnBesideADurationIsRejected() {
        assertThatThrownBy(() -> title(Platform.NETFLIX, NETFLIX_S1.replace("PG-13", "74 min")))
                .hasMessage("rating: expected an age rating (the duration has a value already), found '74 min'");
        assertThat(repairs).isEmpty();
    }

    @Test
    void theReleaseYearMustBeAYear() throws Exception {
        assertThat(title(Platform.NETFLIX, NETFLIX_S1).releaseYear()).isEqualTo(2020);
        assertThatThrownBy(() -> title(Platform.NETFLIX, NETFLIX_S1.replace(",2020,", ",20x0,")))
                .hasMessage("release_year: expected a four-digit year, found '20x0'");
        assertThatThrownBy(() -> title(Platform.NETFLIX, NETFLIX_S1.replace(",2020,", ",99999,")))
                .hasMessage("release_year: expected a four-digit year, found '99999'");
    }

    @Test
    void aRecordWithoutTitleOrWithTooFewFieldsIsRejected() {
        assertThatThrownBy(() -> title(Platform.NETFLIX, NETFLIX_S1.replace("Dick Johnson Is Dead", " ")))
                .hasMessage("title: expected a value, found 'nothing'");
        assertThatThrownBy(() -> title(Platform.NETFLIX, "s1,Movie,Dick Johnson Is Dead"))
                .hasMessageStartingWith("expected 12 fields (show_id,type,title,director,");
    }

    @Test
    void aRatingRowKeepsItsUserTitleRatingTimeAndFile() throws Exception {
        StagedRow row = rating("7,4.5,1425941529,ns123");

        assertThat(row).isEqualTo(new CatalogRows.Rating(7, "ns123", 4.5, 1425941529, "ratings/1.csv"));
        assertThat(rating("7,0.5,0,as1")).isEqualTo(new CatalogRows.Rating(7, "as1", 0.5, 0, "ratings/1.csv"));
        assertThat(rating("7,5.0,1,ds9")).isEqualTo(new CatalogRows.Rating(7, "ds9", 5.0, 1, "ratings/1.csv"));
        assertThat(rating("7,3.25,1,hs9")).isEqualTo(new CatalogRows.Rating(7, "hs9", 3.25, 1, "ratings/1.csv"));
    }

    @Test
    void aRatingRowIsRejectedWhenAFieldIsWrong() {
        assertThatThrownBy(() -> rating("7,0.4,1425941529,ns1"))
                .hasMessage("rating: expected a rating from 0.5 to 5.0, found '0.4'");
        assertThatThrownBy(() -> rating("7,5.5,1425941529,ns1"))
                .hasMessage("rating: expected a rating from 0.5 to 5.0, found '5.5'");
        assertThatThrownBy(() -> rating("7,good,1425941529,ns1")).hasMessage("rating: expected a number, found 'good'");
        assertThatThrownBy(() -> rating("x,4,1425941529,ns1")).hasMessage("userId: expected a whole number, found 'x'");
        assertThatThrownBy(() -> rating("7,4,-5,ns1")).hasMessage("timestamp: expected seconds since 1970, found '-5'");
        assertThatThrownBy(() -> rating("7,4,1425941529,123"))
                .hasMessage("movieId: expected a catalog id (a, d, h or n, then s and digits, like 'ns123'), found '123'");
        assertThatThrownBy(() -> rating("7,4,1425941529,xs1")).hasMessageContaining("found 'xs1'");
        assertThatThrownBy(() -> rating("7,4,1425941529,ns")).hasMessageContaining("found 'ns'");
        assertThatThrownBy(() -> rating("7,4,1425941529,NS1")).hasMessageContaining("found 'NS1'");
        assertThatThrownBy(() -> rating("7,4,1425941529"))
                .hasMessage("expected 4 fields (userId,rating,timestamp,movieId) but found 3");
    }

    private CatalogRows.Title title(Platform platform, String text) throws RowRejectedException {
        return (CatalogRows.Title) parse(CatalogParsers.titles(platform), new TextRecord(platform.fileName(), 2, text));
    }

    private StagedRow rating(String text) throws RowRejectedException {
        return parse(CatalogParsers.ratings("ratings/1.csv"), new TextRecord("ratings/1.csv", 2, text));
    }

    private StagedRow parse(RecordParser parser, TextRecord record) throws RowRejectedException {
        return parser.parse(record, (key, description) -> repairs.add(key + ": " + description));
    }
}
