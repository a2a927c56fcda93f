package org.movierec.serving.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.jdbc.Sql;

import tools.jackson.databind.JsonNode;

/** The TMDB insights on the fixtures of insights/fixtures.sql (answers worked out there). */
class TmdbInsightsTest extends InsightHttpTest {

    private static final String RELEASES = "/api/insights/tmdb/releases";
    private static final String POPULARITY = "/api/insights/tmdb/titles/popularity";
    private static final String VOTES = "/api/insights/tmdb/titles/votes";
    private static final String ACTORS = "/api/insights/tmdb/actors";
    private static final String DIRECTORS = "/api/insights/tmdb/directors";

    @Test
    void countsFilmsReleasedInAMonthNamedInSpanishOrEnglish() {
        // December: films 3, 5, 8, 9, 10; May: 2, 4
        for (String december : new String[] {"diciembre", "DICIEMBRE", "December", "december"}) {
            JsonNode answer = ok(RELEASES, "month", december);
            assertThat(answer.path("films").asLong()).as(december).isEqualTo(5);
            assertThat(answer.path("month").asString()).isEqualTo("December");
            assertThat(answer.path("weekday").isNull()).isTrue();
        }
        assertThat(ok(RELEASES, "month", "Mayo").path("films").asLong()).isEqualTo(2);
        assertThat(ok(RELEASES, "month", "setiembre").path("films").asLong()).isZero();
    }

    @Test
    void countsFilmsReleasedOnAWeekdayWithOrWithoutAccents() {
        // Wednesday: films 3 (1996-12-25) and 7 (1994-07-06); Friday: 4, 5, 6, 8, 9, 10; Saturday: none
        for (String wednesday : new String[] {"miércoles", "MIÉRCOLES", "miercoles", "Wednesday"}) {
            JsonNode answer = ok(RELEASES, "weekday", wednesday);
            assertThat(answer.path("films").asLong()).as(wednesday).isEqualTo(2);
            assertThat(answer.path("weekday").asString()).isEqualTo("Wednesday");
        }
        assertThat(ok(RELEASES, "weekday", "viernes").path("films").asLong()).isEqualTo(6);
        assertThat(ok(RELEASES, "weekday", "sábado").path("films").asLong()).isZero();
        // December and Friday: 5, 8, 9, 10
        assertThat(ok(RELEASES, "month", "diciembre", "weekday", "Friday").path("films").asLong()).isEqualTo(4);
    }

    @Test
    void titleYearAndPopularityListEveryFilmOfTheTitle() {
        JsonNode answer = ok(POPULARITY, "title", "toy STORY");
        assertThat(answer.path("films").size()).isEqualTo(1);
        JsonNode toyStory = answer.path("films").get(0);
        assertThat(toyStory.path("title").asString()).isEqualTo("Toy Story");
        assertThat(toyStory.path("releaseYear").asInt()).isEqualTo(1995);
        assertThat(toyStory.path("releaseDate").asString()).isEqualTo("1995-10-30");
        assertThat(toyStory.path("popularity").asDouble()).isEqualTo(21.5);

        JsonNode hamlets = ok(POPULARITY, "title", "hamlet").path("films");
        assertThat(hamlets.size()).isEqualTo(3);
        assertThat(hamlets.get(0).path("releaseYear").asInt()).isEqualTo(1948);
        assertThat(hamlets.get(0).path("popularity").asDouble()).isEqualTo(3.25);
        assertThat(hamlets.get(1).path("releaseYear").asInt()).isEqualTo(1996);
        assertThat(hamlets.get(2).path("releaseYear").asInt()).isEqualTo(2000);
        JsonNode of1996 = ok(POPULARITY, "title", "Hamlet", "year", "1996").path("films");
        assertThat(of1996.size()).isEqualTo(1);
        assertThat(of1996.get(0).path("popularity").asDouble()).isEqualTo(8.5);
    }

    @Test
    void votesAreGivenOnlyFromTwoThousandVotes() {
        JsonNode toyStory = ok(VOTES, "title", "Toy Story").path("films").get(0);
        assertThat(toyStory.path("enoughVotes").asBoolean()).isTrue();
        assertThat(toyStory.path("voteCount").asInt()).isEqualTo(5415);
        assertThat(toyStory.path("voteAverage").asDouble()).isEqualTo(7.7);

        JsonNode hamlets = ok(VOTES, "title", "HAMLET").path("films");
        // 1948: 120 votes; 1996: exactly 2000; 2000: 1999
        assertThat(hamlets.get(0).path("enoughVotes").asBoolean()).isFalse();
        assertThat(hamlets.get(0).path("voteCount").isNull()).isTrue();
        assertThat(hamlets.get(0).path("voteAverage").isNull()).isTrue();
        assertThat(hamlets.get(0).path("message").asString()).contains("fewer than 2000 votes");
        assertThat(hamlets.get(1).path("enoughVotes").asBoolean()).isTrue();
        assertThat(hamlets.get(1).path("voteCount").asInt()).isEqualTo(2000);
        assertThat(hamlets.get(1).path("voteAverage").asDouble()).isEqualTo(7.5);
        assertThat(hamlets.get(2).path("enoughVotes").asBoolean()).isFalse();
        assertThat(hamlets.get(2).path("voteAverage").isNull()).isTrue();
    }

    @Test
    void actorFilmsAndReturnCountEachFilmOnce() {
        // films 1 (twice in its cast), 2, 5, 6; returns 10 + 0 + 4 + 4 = 18; budgets known for 1, 5, 6
        JsonNode answer = ok(ACTORS, "name", "tom HANKS");
        assertThat(answer.path("actor").asString()).isEqualTo("Tom Hanks");
        assertThat(answer.path("films").asLong()).isEqualTo(4);
        assertThat(answer.path("filmsWithBudget").asLong()).isEqualTo(3);
        assertThat(answer.path("totalReturn").asDouble()).isCloseTo(18.0, within(1e-9));
        assertThat(answer.path("averageReturn").asDouble()).isCloseTo(6.0, within(1e-9));
        assertThat(answer.path("returnMeans").asString()).contains("revenue / budget");
    }

    @Test
    void directorTotalReturnAndFilmsOldestFirst() {
        JsonNode answer = ok(DIRECTORS, "name", "robert zemeckis");
        assertThat(answer.path("director").asString()).isEqualTo("Robert Zemeckis");
        assertThat(answer.path("filmCount").asLong()).isEqualTo(2);
        assertThat(answer.path("totalReturn").asDouble()).isCloseTo(16.0, within(1e-9));
        JsonNode gump = answer.path("films").get(0);
        assertThat(gump.path("title").asString()).isEqualTo("Forrest Gump");
        assertThat(gump.path("releaseDate").asString()).isEqualTo("1994-07-06");
        assertThat(gump.path("return").asDouble()).isEqualTo(12.0);
        assertThat(gump.path("budget").asLong()).isEqualTo(55);
        assertThat(gump.path("revenue").asLong()).isEqualTo(660);
        JsonNode castAway = answer.path("films").get(1);
        assertThat(castAway.path("title").asString()).isEqualTo("Cast Away");
        assertThat(castAway.path("releaseDate").asString()).isEqualTo("2000-12-22");
        assertThat(castAway.path("return").asDouble()).isEqualTo(4.0);
    }

    @Test
    @Sql({"/insights/fixtures.sql", "/insights/titles-as-tmdb-writes-them.sql"})
    void titlesAreMatchedAsPeopleWriteThem() {
        for (String matrix : new String[] {"the matrix", "THE MATRIX", "Matrix, The", "matrix, the", " The Matrix. "}) {
            JsonNode answer = ok(POPULARITY, "title", matrix);
            assertThat(answer.path("films").size()).as(matrix).isEqualTo(1);
            assertThat(answer.path("films").get(0).path("title").asString()).isEqualTo("The Matrix");
            assertThat(answer.path("films").get(0).path("popularity").asDouble()).isEqualTo(33.4);
        }
        for (String amelie : new String[] {"amelie", "Amelie", "AMÉLIE", "Amélie"}) {
            JsonNode film = ok(VOTES, "title", amelie).path("films").get(0);
            assertThat(film.path("title").asString()).as(amelie).isEqualTo("Amélie");
            assertThat(film.path("voteCount").asInt()).isEqualTo(3403);
        }
        assertThat(ok(POPULARITY, "title", "Miserables, Les").path("films").get(0).path("title").asString())
                .isEqualTo("Les Misérables");
        assertThat(ok(VOTES, "title", "Hamlet", "year", "1996").path("films").size()).isEqualTo(1);

        JsonNode typo = problem(404, "title", POPULARITY, "title", "The Matirx");
        assertThat(typo.path("detail").asString()).contains("'The Matirx'");
        assertThat(typo.path("suggestions").get(0).asString()).as("the closest title").isEqualTo("The Matrix");
        assertThat(problem(404, "title", POPULARITY, "title", "matrix").path("suggestions").get(0).asString())
                .as("a title containing the text first").isEqualTo("The Matrix");
    }

    @Test
    void unknownTitlesAndNamesAreNotFoundWithSuggestions() {
        // whole matches only: "Ham" is not "Hamlet", "Tom Hank" not "Tom Hanks"
        JsonNode title = problem(404, "title", POPULARITY, "title", "Ham");
        assertThat(title.path("detail").asString()).contains("'Ham'");
        assertThat(title.path("suggestions").get(0).asString()).isEqualTo("Hamlet");
        problem(404, "title", VOTES, "title", "Hamlet", "year", "1990");
        JsonNode actor = problem(404, "name", ACTORS, "name", "Tom Hank");
        assertThat(actor.path("suggestions").size()).isEqualTo(2); // Tom Hanks, Tom Hanksworth
        problem(404, "name", DIRECTORS, "name", "Zemeckis");
        // a director with a name but no film loaded
        problem(404, "name", ACTORS, "name", "nobody at all");
    }

    @Test
    void invalidTmdbParametersAreBadRequestsNamingTheParameter() {
        problem(400, "month", RELEASES, "month", "smarch");
        problem(400, "month", RELEASES, "month", "12");
        problem(400, "weekday", RELEASES, "weekday", "funday");
        problem(400, "month", RELEASES);
        problem(400, "title", POPULARITY, "title", "   ");
        problem(400, "title", POPULARITY);
        problem(400, "year", POPULARITY, "title", "Hamlet", "year", "1996.5");
        problem(400, "year", VOTES, "title", "Hamlet", "year", "99999999999");
        problem(400, "name", ACTORS, "name", "x".repeat(201));
        problem(400, "name", DIRECTORS, "name", "a\u0000b");
    }
}
