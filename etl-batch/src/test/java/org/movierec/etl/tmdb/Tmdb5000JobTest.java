package org.movierec.etl.tmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.movierec.etl.tmdb.TmdbJobTest.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.etl.EtlJobTest;

/**
 * The TMDB job against a real PostgreSQL on files in the layout of Kaggle's "TMDB 5000 Movie
 * Dataset" (tmdb_5000_movies.csv, tmdb_5000_credits.csv, JSON arrays in the list columns), written
 * here: a handful of rows, one with a broken JSON list, one with a list entry missing a key, one
 * with a column missing, one without a release date and one with invalid UTF-8 in its title.
 */
class Tmdb5000JobTest extends EtlJobTest {

    private static final List<String> TABLES = List.of("tmdb_movies", "tmdb_movie_genres", "tmdb_movie_companies",
            "tmdb_movie_countries", "tmdb_movie_languages", "tmdb_cast", "tmdb_directors");

    private static final String TOY_STORY = csv("30000000",
            "[{\"id\": 16, \"name\": \"Animation\"}, {\"id\": 35, \"name\": \"Comedy\"}, {\"id\": 10751, \"name\": \"Family\"},"
                    + " {\"id\": 16, \"name\": \"Animation\"}]",
            "http://toystory.disney.com/toy-story", "862", "[{\"id\": 931, \"name\": \"jealousy\"}]", "en", "Toy Story",
            "Led by Woody, Andy's toys live happily in his room.", "73.640445",
            "[{\"name\": \"Pixar Animation Studios\", \"id\": 3}]",
            "[{\"iso_3166_1\": \"US\", \"name\": \"United States of America\"}]", "1995-10-30", "373554033", "81.0",
            "[{\"iso_639_1\": \"en\", \"name\": \"English\"}]", "Released", "", "Toy Story", "7.7", "5415");
    private static final String JUMANJI = csv("65000000",
            "[{\"id\": 12, \"name\": \"Adventure\"}, {\"id\": 14, \"name\": \"Fantasy\"}]", "", "8844", "[]", "en",
            "Jumanji", "When siblings Judy and Peter discover an enchanted board game...", "17.015539",
            "[{\"name\": \"TriStar Pictures\", \"id\": 559}]",
            "[{\"iso_3166_1\": \"US\", \"name\": \"United States of America\"}]", "1995-12-15", "262797249", "",
            "[{\"iso_639_1\": \"en\", \"name\": \"English\"}, {\"iso_639_1\": \"fr\", \"name\": \"Fran\u00e7ais\"}]",
            "Released", "Roll the dice and unleash the excitement!", "Jumanji", "6.9", "2413");
    private static final String NO_DATE = csv("0", "[]", "", "12110", "[]", "en", "Dracula: Dead and Loving It", "",
            "5.7", "[]", "[]", "", "0", "88.0", "[]", "Released", "", "Dracula: Dead and Loving It", "5.7", "210");
    private static final String BROKEN_JSON = csv("0", "[{\"id\": 28, \"name\": \"Action\"", "", "949", "[]", "en",
            "Heat", "", "17.9", "[]", "[]", "1995-12-15", "187436818", "170.0", "[]", "Released", "", "Heat", "7.7",
            "1886");
    private static final String NAME_MISSING = csv("0", "[{\"id\": 18}]", "", "11860", "[]", "en", "Sabrina", "",
            "6.6", "[]", "[]", "1995-12-15", "0", "127.0", "[]", "Released", "", "Sabrina", "6.2", "141");
    private static final String COLUMN_MISSING = csv("0", "[]", "", "45325", "[]", "en", "Balto", "", "12.1", "[]",
            "[]", "1995-12-22", "0", "78.0", "[]", "Released", "", "Balto", "7.1");

    private static final String TOY_STORY_CREDITS = csv("862", "Toy Story",
            "[{\"cast_id\": 14, \"character\": \"Woody (voice)\", \"credit_id\": \"52fe4284c3a36847f8024f95\", "
                    + "\"gender\": 2, \"id\": 31, \"name\": \"Tom Hanks\", \"order\": 0}, "
                    + "{\"cast_id\": 15, \"character\": \"Buzz Lightyear (voice)\", \"credit_id\": \"52fe4284c3a36847f8024f99\", "
                    + "\"gender\": 2, \"id\": 12898, \"name\": \"Tim Allen\", \"order\": 1}]",
            "[{\"credit_id\": \"52fe4284c3a36847f8024f49\", \"department\": \"Directing\", \"gender\": 2, \"id\": 7879, "
                    + "\"job\": \"Director\", \"name\": \"John Lasseter\"}, "
                    + "{\"credit_id\": \"52fe4284c3a36847f8024f4f\", \"department\": \"Writing\", \"gender\": 2, "
                    + "\"id\": 7879, \"job\": \"Screenplay\", \"name\": \"John Lasseter\"}, "
                    + "{\"credit_id\": \"598331bf925141421201044b\", \"department\": \"Directing\", \"gender\": 2, "
                    + "\"id\": 7879, \"job\": \"Director\", \"name\": \"John Lasseter\"}]");
    private static final String JUMANJI_CREDITS = csv("8844", "Jumanji",
            "[{\"cast_id\": 1, \"character\": \"Alan Parrish\", \"credit_id\": \"52fe44bfc3a36847f80a7c73\", "
                    + "\"gender\": 2, \"id\": 2157, \"name\": \"Robin Williams\", \"order\": 0}]",
            "[{\"credit_id\": \"52fe44bfc3a36847f80a7cd1\", \"department\": \"Directing\", \"gender\": 2, \"id\": 4945, "
                    + "\"job\": \"Director\", \"name\": \"Joe Johnston\"}]");
    private static final String BROKEN_CREDITS = csv("949", "Heat", "[]", "{\"id\": 1}");

    @Test
    void loadsTheTmdb5000FilesIntoTheSameTablesWithRejectsForTheBadRows(@TempDir Path input) throws Exception {
        write(input);

        assertThat(run("tmdb", "--input=" + input)).isZero();

        for (String table : TABLES) {
            assertThat(lastStats(table)).as(table).containsEntry("status", "LOADED");
            assertThat(count("select count(*) from " + table)).as(table).isPositive();
        }
        assertThat(jdbc.queryForList("select tmdb_id from tmdb_movies order by tmdb_id", Integer.class))
                .containsExactly(862, 8844);
        Map<String, Object> toyStory = jdbc.queryForMap("select * from tmdb_movies where tmdb_id = 862");
        assertThat(toyStory).containsEntry("title", "Toy Story").containsEntry("original_title", "Toy Story")
                .containsEntry("original_language", "en").containsEntry("status", "Released")
                .containsEntry("budget", 30_000_000L).containsEntry("revenue", 373_554_033L)
                .containsEntry("release_year", 1995).containsEntry("vote_count", 5415)
                .containsEntry("vote_average", 7.7f).containsEntry("runtime", 81.0f).containsEntry("tagline", null)
                .as("not in TMDB 5000").containsEntry("imdb_id", null).containsEntry("adult", null)
                .containsEntry("collection_id", null).containsEntry("collection_name", null);
        assertThat(toyStory.get("release_date")).hasToString("1995-10-30");
        assertThat((Double) toyStory.get("return")).isCloseTo(373_554_033.0 / 30_000_000.0, within(1e-9));
        assertThat(jdbc.queryForObject("select runtime from tmdb_movies where tmdb_id = 8844", Float.class)).isNull();
        assertThat(jdbc.queryForList("select genre_id || ' ' || name from tmdb_movie_genres where tmdb_id = 862 "
                + "order by genre_id", String.class)).as("Animation listed twice: kept once")
                .containsExactly("16 Animation", "35 Comedy", "10751 Family");
        assertThat(jdbc.queryForList("select company_id || ' ' || name from tmdb_movie_companies order by company_id",
                String.class)).containsExactly("3 Pixar Animation Studios", "559 TriStar Pictures");
        assertThat(count("select count(*) from tmdb_movie_countries")).isEqualTo(2);
        assertThat(jdbc.queryForList("select iso_639_1 || ' ' || name from tmdb_movie_languages where tmdb_id = 8844 "
                + "order by iso_639_1", String.class)).containsExactly("en English", "fr Fran\u00e7ais");
        assertThat(jdbc.queryForList("select person_id || ' ' || name || ' ' || character || ' ' || cast_order "
                + "from tmdb_cast where tmdb_id = 862 order by cast_order", String.class))
                .containsExactly("31 Tom Hanks Woody (voice) 0", "12898 Tim Allen Buzz Lightyear (voice) 1");
        assertThat(jdbc.queryForList("select tmdb_id || ' ' || person_id || ' ' || name from tmdb_directors "
                + "order by tmdb_id", String.class)).as("Lasseter credited twice as director, and as writer: one row")
                .containsExactly("862 7879 John Lasseter", "8844 4945 Joe Johnston");

        assertThat(lastStats("tmdb_movies")).containsEntry("rows_read", 6L).containsEntry("skipped", 1L)
                .containsEntry("rejected", 3L).containsEntry("inserted", 2L);
        assertThat(jdbc.queryForList("select file || ':' || line_no || ' ' || reason from etl_rejects order by file, line_no",
                String.class)).satisfiesExactly(
                        r -> assertThat(r).startsWith("tmdb_5000_credits.csv:4 crew: not a JSON array of objects: "
                                + "expected an array of objects but found object"),
                        r -> assertThat(r).startsWith("tmdb_5000_movies.csv:5 genres: not a JSON array of objects: "),
                        r -> assertThat(r).isEqualTo(
                                "tmdb_5000_movies.csv:6 genres: item 0: expected a string as 'name', found nothing"),
                        r -> assertThat(r).isEqualTo("tmdb_5000_movies.csv:7 expected 20 fields ("
                                + String.join(",", TmdbParsers.MOVIE_5000) + ") but found 19"));
    }

    @Test
    void invalidUtf8InATitleIsRepairedAndRecordedWithFileLineAndField(@TempDir Path input) throws Exception {
        Path movies = input.resolve("tmdb_5000_movies.csv");
        int title = JUMANJI.lastIndexOf(",Jumanji,") + ",Juman".length();
        Files.write(movies, bytes(csv(TmdbParsers.MOVIE_5000) + TOY_STORY + JUMANJI.substring(0, title), 0xFF,
                JUMANJI.substring(title)));

        assertThat(run("tmdb", "--input=" + input)).isZero();

        assertThat(jdbc.queryForObject("select title from tmdb_movies where tmdb_id = 8844", String.class))
                .isEqualTo("Juman\uFFFDji");
        assertThat(jdbc.queryForMap("select file, line_no, record_key, repair from etl_repairs"))
                .containsEntry("file", "tmdb_5000_movies.csv").containsEntry("line_no", 3L)
                .containsEntry("record_key", "8844")
                .containsEntry("repair", "title: invalid UTF-8 (bytes ff) replaced by U+FFFD: 'Juman\uFFFDji'");
        assertThat(count("select count(*) from etl_rejects")).isZero();
        assertThat(count("select count(*) from etl_load_stats where table_name = 'tmdb_cast'"))
                .as("tmdb_5000_credits.csv is optional").isZero();
    }

    @Test
    void aFolderWithBothKaggleLayoutsIsRefused(@TempDir Path input) throws Exception {
        write(input);
        Files.writeString(input.resolve("movies_metadata.csv"), csv(TmdbParsers.MOVIE));
        assertThat(run("tmdb", "--input=" + input)).isEqualTo(3);
        assertThat(failure()).contains(input + ": holds both Kaggle TMDB layouts, \"The Movies Dataset\" "
                + "(movies_metadata.csv, credits.csv) and \"TMDB 5000 Movie Dataset\" (tmdb_5000_movies.csv, "
                + "tmdb_5000_credits.csv); keep one of them in the folder");
        assertThat(count("select count(*) from tmdb_movies")).isZero();
    }

    @Test
    void theCreditsAloneAreAnInputError(@TempDir Path input) throws Exception {
        Files.writeString(input.resolve("tmdb_5000_credits.csv"), csv(TmdbParsers.CREDITS_5000) + TOY_STORY_CREDITS);
        assertThat(run("tmdb", "--input=" + input)).isEqualTo(3);
        assertThat(failure()).contains(input + ": not a Kaggle TMDB dataset; expected movies_metadata.csv and "
                + "optionally credits.csv (\"The Movies Dataset\"), or tmdb_5000_movies.csv and optionally "
                + "tmdb_5000_credits.csv (\"TMDB 5000 Movie Dataset\")");
    }

    @Test
    void aTmdb5000SnapshotReplacesWhatTheMoviesDatasetLoaded(@TempDir Path input) throws Exception {
        Path moviesDataset = Path.of("src/test/resources/tmdb").toAbsolutePath();
        assertThat(run("tmdb", "--input=" + moviesDataset)).isZero();
        assertThat(count("select count(*) from tmdb_movies")).isGreaterThan(2);

        write(input);
        assertThat(run("tmdb", "--input=" + input)).isZero();

        assertThat(jdbc.queryForList("select tmdb_id from tmdb_movies order by tmdb_id", Integer.class))
                .containsExactly(862, 8844);
        assertThat(jdbc.queryForList("select distinct tmdb_id from tmdb_cast order by tmdb_id", Integer.class))
                .containsExactly(862, 8844);
        assertThat(jdbc.queryForMap("select imdb_id, budget from tmdb_movies where tmdb_id = 862"))
                .containsEntry("imdb_id", null).containsEntry("budget", 30_000_000L);
    }

    /** tmdb_5000_movies.csv (lines 2-7: Toy Story, Jumanji, no date, broken JSON, key missing, column missing). */
    private static void write(Path input) throws IOException {
        Files.writeString(input.resolve("tmdb_5000_movies.csv"), csv(TmdbParsers.MOVIE_5000) + TOY_STORY + JUMANJI
                + NO_DATE + BROKEN_JSON + NAME_MISSING + COLUMN_MISSING);
        Files.writeString(input.resolve("tmdb_5000_credits.csv"), csv(TmdbParsers.CREDITS_5000) + TOY_STORY_CREDITS
                + JUMANJI_CREDITS + BROKEN_CREDITS);
    }
}
