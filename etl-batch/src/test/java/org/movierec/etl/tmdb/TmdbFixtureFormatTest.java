package org.movierec.etl.tmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written fixtures in src/test/resources/tmdb keep the layout of the Kaggle files. */
class TmdbFixtureFormatTest {

    static final List<String> MOVIES_HEADER = List.of("adult", "belongs_to_collection", "budget", "genres", "homepage",
        "id", "imdb_id", "original_language", "original_title", "overview", "popularity", "poster_path",
        "production_companies", "production_countries", "release_date", "revenue", "runtime", "spoken_languages",
        "status", "tagline", "title", "video", "vote_average", "vote_count");
    static final List<String> CREDITS_HEADER = List.of("cast", "crew", "id");
    static final List<String> MOVIE_DICT_LISTS =
        List.of("genres", "production_companies", "production_countries", "spoken_languages");

    static List<String> moviesHeader;
    static List<String> creditsHeader;
    static Map<String, CSVRecord> movies;
    static Map<String, CSVRecord> credits;

    @BeforeAll
    static void read() throws IOException {
        try (CSVParser parser = open("movies_metadata.csv")) {
            moviesHeader = parser.getHeaderNames();
            movies = byId(parser.getRecords());
        }
        try (CSVParser parser = open("credits.csv")) {
            creditsHeader = parser.getHeaderNames();
            credits = byId(parser.getRecords());
        }
    }

    private static CSVParser open(String name) throws IOException {
        InputStream in = TmdbFixtureFormatTest.class.getResourceAsStream("/tmdb/" + name);
        assertThat(in).as(name).isNotNull();
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }

    private static Map<String, CSVRecord> byId(List<CSVRecord> records) {
        return records.stream().collect(Collectors.toMap(r -> r.get("id"), Function.identity(),
            (a, b) -> { throw new AssertionError("duplicate id " + a.get("id")); }, LinkedHashMap::new));
    }

    @Test
    void headersAndRowCountsMatchTheKaggleFiles() {
        assertThat(moviesHeader).isEqualTo(MOVIES_HEADER);
        assertThat(creditsHeader).isEqualTo(CREDITS_HEADER);
        assertThat(movies).hasSize(14);
        assertThat(credits).hasSize(14);
        assertThat(credits.keySet()).isEqualTo(movies.keySet());
        movies.values().forEach(r -> assertThat(r.isConsistent()).as("row %s", r.get("id")).isTrue());
        credits.values().forEach(r -> assertThat(r.isConsistent()).as("credits %s", r.get("id")).isTrue());
    }

    @Test
    void everyLiteralColumnParses() {
        for (CSVRecord movie : movies.values()) {
            for (String column : MOVIE_DICT_LISTS) {
                assertThat(PythonLiteral.parseDictList(movie.get(column)))
                    .as("%s of %s", column, movie.get("id")).isNotEmpty()
                    .allSatisfy(item -> assertThat(item).containsKey("name"));
            }
            Map<String, Object> collection = PythonLiteral.parseDict(movie.get("belongs_to_collection"));
            if (collection != null) {
                assertThat(collection).containsOnlyKeys("id", "name", "poster_path", "backdrop_path");
            }
        }
        for (CSVRecord credit : credits.values()) {
            List<Map<String, Object>> cast = PythonLiteral.parseDictList(credit.get("cast"));
            List<Map<String, Object>> crew = PythonLiteral.parseDictList(credit.get("crew"));
            assertThat(cast).as("cast of %s", credit.get("id")).hasSizeBetween(2, 4).allSatisfy(person -> assertThat(person)
                .containsOnlyKeys("cast_id", "character", "credit_id", "gender", "id", "name", "order", "profile_path"));
            assertThat(crew).as("crew of %s", credit.get("id")).allSatisfy(person -> assertThat(person)
                .containsOnlyKeys("credit_id", "department", "gender", "id", "job", "name", "profile_path"));
            assertThat(crew).filteredOn(person -> "Director".equals(person.get("job")))
                .singleElement().satisfies(director -> assertThat(director).containsEntry("department", "Directing"));
            assertThat(crew).filteredOn(person -> !"Director".equals(person.get("job"))).isNotEmpty();
        }
    }

    @Test
    void toyStoryRowAndCredits() {
        CSVRecord toyStory = movies.get("862");
        assertThat(toyStory.get("imdb_id")).isEqualTo("tt0114709");
        assertThat(toyStory.get("title")).isEqualTo("Toy Story");
        assertThat(toyStory.get("budget")).isEqualTo("30000000");
        assertThat(toyStory.get("revenue")).isEqualTo("373554033");
        assertThat(toyStory.get("release_date")).isEqualTo("1995-10-30");
        assertThat(PythonLiteral.parseDict(toyStory.get("belongs_to_collection")))
            .containsEntry("id", 10194L).containsEntry("name", "Toy Story Collection");
        assertThat(PythonLiteral.parseDictList(toyStory.get("genres"))).extracting(g -> g.get("name"))
            .containsExactly("Animation", "Comedy", "Family");

        assertThat(PythonLiteral.parseDictList(credits.get("862").get("cast")))
            .extracting(p -> p.get("id"), p -> p.get("name"))
            .startsWith(tuple(31L, "Tom Hanks"),
                tuple(12898L, "Tim Allen"));
        assertThat(director("862")).containsEntry("id", 7879L).containsEntry("name", "John Lasseter");
        assertThat(director("155")).containsEntry("id", 525L).containsEntry("name", "Christopher Nolan");
        assertThat(director("27205")).containsEntry("id", 525L).containsEntry("name", "Christopher Nolan");
        assertThat(movies.keySet()).contains("8844", "949", "710", "11860", "155", "27205");
    }

    @Test
    void quirkRowsArePresent() {
        assertThat(movies.values()).filteredOn(r -> r.get("release_date").isEmpty())
            .extracting(r -> r.get("id")).containsExactly("12110");
        assertThat(movies.values()).filteredOn(r -> r.get("budget").equals("0") && r.get("revenue").equals("0"))
            .extracting(r -> r.get("id")).contains("45325");
        assertThat(movies.values()).filteredOn(r -> r.get("belongs_to_collection").isEmpty()).hasSizeGreaterThan(1);
        assertThat(movies.get("21032").get("overview")).contains("\n").doesNotContain("\r");
        assertThat(movies.get("990001").get("title")).isEqualTo("Ready, Steady, \"Go\"");
        assertThat(PythonLiteral.parseDictList(movies.get("990001").get("production_companies")))
            .extracting(c -> c.get("name")).containsExactly("Children's Fixture Films");
        assertThat(PythonLiteral.parseDictList(movies.get("710").get("spoken_languages")))
            .extracting(l -> l.get("name")).containsExactly("English", "Pусский", "Español");

        List<Map<String, Object>> oddCast = PythonLiteral.parseDictList(credits.get("990001").get("cast"));
        assertThat(oddCast).extracting(p -> p.get("character")).containsExactly(
            "Roberta 'Bobbie' \"Bob\" Smith", "Herself\u00a0(archive footage)", "Tab\tand\nnewline");
        assertThat(oddCast).extracting(p -> p.get("name")).containsExactly("Zoë Müller", "Back\\Slash", "Hiroshi 日本");
        assertThat(PythonLiteral.parseDictList(credits.get("862").get("crew"))).extracting(p -> p.get("name"))
            .contains("Kelly O'Connell");
    }

    private static Map<String, Object> director(String movieId) {
        return PythonLiteral.parseDictList(credits.get(movieId).get("crew")).stream()
            .filter(person -> "Director".equals(person.get("job"))).findFirst().orElseThrow();
    }
}
