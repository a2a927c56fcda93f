package org.movierec.etl.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.RowRejectedException;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.TextRecord;

/** The MovieLens transformation rules, on hand-written records. */
class MovieLensParsersTest {

    private static StagedRow parse(RecordParser parser, String text) throws RowRejectedException {
        return parser.parse(new TextRecord("test", 2, text), (key, description) -> { });
    }

    @Test
    void moviesGetTheirYearAndGenreList() throws Exception {
        assertThat(parse(MovieLensParsers.movies(null), "1,Toy Story (1995),Adventure|Animation|Children"))
                .isEqualTo(new MovieLensRows.Movie(1, "Toy Story", 1995, List.of("Adventure", "Animation", "Children")));
        assertThat(parse(MovieLensParsers.movies(null), "11,\"American President, The (1995)\",Comedy|Drama|Romance"))
                .isEqualTo(new MovieLensRows.Movie(11, "American President, The", 1995, List.of("Comedy", "Drama", "Romance")));
        assertThat(parse(MovieLensParsers.movies(null), "176601,Black Mirror,(no genres listed)"))
                .isEqualTo(new MovieLensRows.Movie(176601, "Black Mirror", null, List.of()));
        assertThat(parse(MovieLensParsers.movies("::"), "2::Jumanji (1995)::Adventure|Children's|Fantasy"))
                .isEqualTo(new MovieLensRows.Movie(2, "Jumanji", 1995, List.of("Adventure", "Children's", "Fantasy")));
    }

    @Test
    void ml100kGenresComeFromTheFlags() throws Exception {
        String item = "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)"
                + "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
        assertThat(parse(MovieLensParsers.movies100k(), item))
                .isEqualTo(new MovieLensRows.Movie(1, "Toy Story", 1995, List.of("Animation", "Children's", "Comedy")));
        assertThatThrownBy(() -> parse(MovieLensParsers.movies100k(), item.replace("|0|0|0|1|1|1|", "|0|0|0|1|2|1|")))
                .hasMessage("Children's: expected a genre flag 0 or 1, found '2'");
    }

    @Test
    void ratingsAreHalfStepsFromHalfToFiveWithUnixSeconds() throws Exception {
        assertThat(parse(MovieLensParsers.ratings(","), "1,31,2.5,1260759144"))
                .isEqualTo(new MovieLensRows.Rating(1, 31, 2.5, 1260759144L, true));
        assertThat(parse(MovieLensParsers.ratings("::"), "1::1193::5::978300760"))
                .isEqualTo(new MovieLensRows.Rating(1, 1193, 5.0, 978300760L, true));
        assertThat(parse(MovieLensParsers.ratings("\t"), "196\t242\t3\t881250949"))
                .isEqualTo(new MovieLensRows.Rating(196, 242, 3.0, 881250949L, true));
        for (String bad : List.of("0", "5.5", "3.3", "-1", "NaN")) {
            assertThatThrownBy(() -> parse(MovieLensParsers.ratings(","), "1,31," + bad + ",1260759144"))
                    .as(bad).hasMessageStartingWith("rating: expected");
        }
        assertThatThrownBy(() -> parse(MovieLensParsers.ratings(","), "1,31,3.0,yesterday"))
                .hasMessage("timestamp: expected a whole number, found 'yesterday'");
        assertThatThrownBy(() -> parse(MovieLensParsers.ratings(","), "1,31,3.0"))
                .hasMessage("expected 4 fields (userId,movieId,rating,timestamp) but found 3");
        assertThatThrownBy(() -> parse(MovieLensParsers.ratings(","), "x,31,3.0,1"))
                .hasMessage("userId: expected a whole number, found 'x'");
        assertThatThrownBy(() -> parse(MovieLensParsers.ratings(","), "1000000000,31,3.0,1"))
                .as("the platform's own users start there").hasMessage("userId: expected a MovieLens user id from 1 to 999999999, found '1000000000'");
    }

    @Test
    void aUserIsNotedOnceForEachRunOfTheirRatings() throws Exception {
        RecordParser parser = MovieLensParsers.ratings(",");
        assertThat(List.of(parse(parser, "1,1,4,1"), parse(parser, "1,2,4,1"), parse(parser, "2,1,4,1"), parse(parser, "1,3,4,1")))
                .extracting(row -> ((MovieLensRows.Rating) row).newUser()).containsExactly(true, false, true, true);
    }

    @Test
    void linksPadTheImdbIdAndAllowABlankTmdbId() throws Exception {
        assertThat(parse(MovieLensParsers.links(), "1,0114709,862")).isEqualTo(new MovieLensRows.Link(1, "tt0114709", 862));
        assertThat(parse(MovieLensParsers.links(), "2,113497,")).isEqualTo(new MovieLensRows.Link(2, "tt0113497", null));
        assertThat(parse(MovieLensParsers.links(), "3,12345678,5")).isEqualTo(new MovieLensRows.Link(3, "tt12345678", 5));
        assertThatThrownBy(() -> parse(MovieLensParsers.links(), "4,tt0114709,5"))
                .hasMessage("imdbId: expected the digits of an IMDb id, found 'tt0114709'");
    }

    @Test
    void tagsKeepQuotedCommasAndBecomeInstants() throws Exception {
        assertThat(parse(MovieLensParsers.tags(null), "2,60756,\"funny, Will Ferrell\",1445714994"))
                .isEqualTo(new MovieLensRows.Tag(2, 60756, "funny, Will Ferrell", Instant.parse("2015-10-24T19:29:54Z")));
        assertThatThrownBy(() -> parse(MovieLensParsers.tags(null), "2,60756,,1445714994")).hasMessage("tag: expected a value, found 'nothing'");
    }

    @Test
    void usersOfTheOneMillionAndHundredThousandReleases() throws Exception {
        assertThat(parse(MovieLensParsers.users1m(), "1::F::1::10::48067"))
                .isEqualTo(new MovieLensRows.User(1, "F", 1, "10", "48067"));
        assertThat(parse(MovieLensParsers.users100k(), "1|24|M|technician|85711"))
                .isEqualTo(new MovieLensRows.User(1, "M", 24, "technician", "85711"));
    }
}
