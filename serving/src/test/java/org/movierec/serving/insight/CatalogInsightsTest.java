package org.movierec.serving.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The streaming-catalog insights on the fixtures of insights/fixtures.sql (answers worked out there). */
class CatalogInsightsTest extends InsightHttpTest {

    private static final String LONGEST = "/api/insights/catalog/longest";
    private static final String SCORED = "/api/insights/catalog/scored";
    private static final String TYPES = "/api/insights/catalog/types";
    private static final String TOP_CAST = "/api/insights/catalog/top-cast-member";

    @Test
    void longestTitleOfAnyYearAndPlatformIsTheLongestFilm() {
        JsonNode answer = ok(LONGEST);
        // durationType defaults to min: 'longest ever' (200) beats 'three hours' (181) and 'river' (180)
        assertThat(answer.path("title").asString()).isEqualTo("longest ever");
        assertThat(answer.path("duration").asInt()).isEqualTo(200);
        assertThat(answer.path("durationType").asString()).isEqualTo("min");
        assertThat(answer.path("platform").asString()).isEqualTo("netflix");
        assertThat(answer.path("criteria").asString()).contains("any platform");
    }

    @Test
    void longestTitleOfAYearAndPlatformBreaksTiesByTitle() {
        // netflix 2020 films: 'the long one' 150, 'aaa tie' 150, 'unrated' 90: the tie goes to 'aaa tie'
        JsonNode answer = ok(LONGEST, "year", "2020", "platform", "NetFlix", "durationType", "MIN");
        assertThat(answer.path("title").asString()).isEqualTo("aaa tie");
        assertThat(answer.path("duration").asInt()).isEqualTo(150);
        assertThat(answer.path("releaseYear").asInt()).isEqualTo(2020);
        assertThat(ok(LONGEST, "year", "2020", "platform", "amazon").path("title").asString()).isEqualTo("river");
    }

    @Test
    void longestSeriesIsCountedInSeasons() {
        // seasons: 'endless' 12 (2015), 'saga' 5 and 'short saga' 2 (2020)
        assertThat(ok(LONGEST, "durationType", "season").path("title").asString()).isEqualTo("endless");
        JsonNode answer = ok(LONGEST, "durationType", "season", "year", "2020");
        assertThat(answer.path("title").asString()).isEqualTo("saga");
        assertThat(answer.path("duration").asInt()).isEqualTo(5);
        assertThat(answer.path("durationType").asString()).isEqualTo("season");
    }

    @Test
    void longestWithNoTitleMatchingIsNotFound() {
        // hulu's one title has no duration
        JsonNode problem = problem(404, "platform", LONGEST, "platform", "hulu");
        assertThat(problem.path("detail").asString()).contains("hulu");
        problem(404, "year", LONGEST, "year", "1990");
    }

    @Test
    void countsTitlesScoringStrictlyAboveTheScoreByThePlatformUsersRatings() {
        // netflix 2020 means: ns1 4.5, ns2 3.5, ns4 5.0, ns5 3.0, ns6 unrated
        JsonNode answer = ok(SCORED, "platform", "netflix", "year", "2020", "score", "3.5");
        assertThat(answer.path("titles").asLong()).isEqualTo(2);
        assertThat(answer.path("source").asString()).isEqualTo("catalog");
        assertThat(answer.path("scoreMeans").asString()).contains("mean of catalog_ratings");
        assertThat(answer.path("yearMeans").asString()).contains("release_year");
        assertThat(ok(SCORED, "platform", "netflix", "year", "2020", "score", "0").path("titles").asLong()).isEqualTo(4);
        assertThat(ok(SCORED, "platform", "netflix", "year", "2020", "score", "5").path("titles").asLong()).isZero();
        // amazon 2020: as1 5.0 only
        assertThat(ok(SCORED, "platform", "amazon", "year", "2020", "score", "4.9").path("titles").asLong()).isEqualTo(1);
    }

    @Test
    void countsTitlesScoringAboveTheScoreByTheLinkedMovieLensRatings() {
        // linked MovieLens means: ns1 2.5, ns2 4.0, ns4 4.0, ns5 4.5
        JsonNode answer = ok(SCORED, "platform", "netflix", "year", "2020", "score", "3.5", "source", "movielens");
        assertThat(answer.path("titles").asLong()).isEqualTo(3);
        assertThat(answer.path("scoreMeans").asString()).contains("MovieLens");
    }

    @Test
    void countsMoviesAndSeriesPerPlatform() {
        JsonNode platforms = ok(TYPES).path("platforms");
        assertThat(platforms.size()).isEqualTo(4);
        assertCounts(platforms.get(0), "amazon", 3, 1);
        assertCounts(platforms.get(1), "disney", 1, 0);
        assertCounts(platforms.get(2), "hulu", 1, 0);
        assertCounts(platforms.get(3), "netflix", 4, 2);
        JsonNode one = ok(TYPES, "platform", " Netflix ").path("platforms");
        assertThat(one.size()).isEqualTo(1);
        assertCounts(one.get(0), "netflix", 4, 2);
    }

    @Test
    void mostFrequentCastMemberBreaksTiesByName() {
        // netflix 2020: zoe, bob and dan in 2 titles each (bea twice in one title counts once)
        JsonNode answer = ok(TOP_CAST, "platform", "netflix", "year", "2020");
        assertThat(answer.path("name").asString()).isEqualTo("bob");
        assertThat(answer.path("titles").asLong()).isEqualTo(2);
        assertThat(answer.path("tieBreak").asString()).contains("alphabetical");
        assertThat(ok(TOP_CAST, "platform", "amazon", "year", "2020").path("name").asString()).isEqualTo("eve");
    }

    @Test
    void mostFrequentCastMemberOfAYearWithoutCastIsNotFound() {
        problem(404, "year", TOP_CAST, "platform", "hulu", "year", "2020");
    }

    @Test
    void invalidCatalogParametersAreBadRequestsNamingTheParameter() {
        problem(400, "platform", LONGEST, "platform", "hbo");
        problem(400, "durationType", LONGEST, "durationType", "hours");
        problem(400, "year", LONGEST, "year", "twenty");
        problem(400, "year", LONGEST, "year", "1700");
        problem(400, "score", SCORED, "platform", "netflix", "year", "2020", "score", "5.5");
        problem(400, "score", SCORED, "platform", "netflix", "year", "2020", "score", "-1");
        problem(400, "score", SCORED, "platform", "netflix", "year", "2020", "score", "NaN");
        problem(400, "score", SCORED, "platform", "netflix", "year", "2020", "score", "high");
        problem(400, "score", SCORED, "platform", "netflix", "year", "2020");
        problem(400, "source", SCORED, "platform", "netflix", "year", "2020", "score", "3", "source", "imdb");
        problem(400, "platform", TYPES, "platform", "");
        problem(400, "year", TOP_CAST, "platform", "netflix", "year", "");
        problem(400, "platform", TOP_CAST, "year", "2020");
    }

    private static void assertCounts(JsonNode counts, String platform, long movies, long series) {
        assertThat(counts.path("platform").asString()).isEqualTo(platform);
        assertThat(counts.path("movies").asLong()).as(platform + " movies").isEqualTo(movies);
        assertThat(counts.path("series").asLong()).as(platform + " series").isEqualTo(series);
    }
}
