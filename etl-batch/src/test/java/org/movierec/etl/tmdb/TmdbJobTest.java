package org.movierec.etl.tmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.etl.EtlJobTest;

/**
 * The TMDB job against a real PostgreSQL, on the hand-written fixtures in src/test/resources/tmdb.
 * Expected counts are worked out from the fixture files here, with Commons CSV and PythonLiteral.
 */
class TmdbJobTest extends EtlJobTest {

    private static final Path FIXTURES = Path.of("src/test/resources/tmdb").toAbsolutePath();
    private static final Path MOVIES = FIXTURES.resolve("movies_metadata.csv");
    private static final Path CREDITS = FIXTURES.resolve("credits.csv");
    private static final List<String> TABLES = List.of("tmdb_movies", "tmdb_movie_genres", "tmdb_movie_companies",
            "tmdb_movie_countries", "tmdb_movie_languages", "tmdb_cast", "tmdb_directors");
    private static final CSVFormat WRITTEN = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    @Test
    void loadsTheMoviesWithTheirListsAndCredits() throws Exception {
        assertThat(run("tmdb", "--input=" + FIXTURES)).isZero();

        List<CSVRecord> movies = records(MOVIES);
        assertThat(count("select count(*) from tmdb_movies")).isEqualTo(dated(movies).size()).isEqualTo(13);
        assertThat(count("select count(*) from tmdb_movie_genres")).isEqualTo(childRows(movies, "genres", "id"));
        assertThat(count("select count(*) from tmdb_movie_companies"))
                .isEqualTo(childRows(movies, "production_companies", "id"));
        assertThat(count("select count(*) from tmdb_movie_countries"))
                .isEqualTo(childRows(movies, "production_countries", "iso_3166_1"));
        assertThat(count("select count(*) from tmdb_movie_languages"))
                .isEqualTo(childRows(movies, "spoken_languages", "iso_639_1"));
        assertThat(count("select count(*) from tmdb_cast")).isEqualTo(castRows(records(CREDITS)));
        assertThat(count("select count(*) from tmdb_directors")).isEqualTo(directorRows(records(CREDITS)));

        Map<String, Object> toyStory = jdbc.queryForMap("select * from tmdb_movies where tmdb_id = 862");
        assertThat(toyStory).containsEntry("imdb_id", "tt0114709").containsEntry("title", "Toy Story")
                .containsEntry("budget", 30_000_000L).containsEntry("revenue", 373_554_033L)
                .containsEntry("release_year", 1995).containsEntry("collection_id", 10194)
                .containsEntry("collection_name", "Toy Story Collection").containsEntry("adult", false)
                .containsEntry("vote_count", 5415).containsEntry("vote_average", 7.7f).containsEntry("runtime", 81.0f);
        assertThat(toyStory.get("release_date")).hasToString("1995-10-30");
        assertThat((Double) toyStory.get("return")).isCloseTo(373_554_033.0 / 30_000_000.0, within(1e-9));
        assertThat(jdbc.queryForList("select name from tmdb_movie_genres where tmdb_id = 862 order by name", String.class))
                .containsExactly("Animation", "Comedy", "Family");
        assertThat(jdbc.queryForList("select person_id || ' ' || name from tmdb_directors where tmdb_id = 862",
                String.class)).containsExactly("7879 John Lasseter");
        assertThat(jdbc.queryForList("select name from tmdb_directors where tmdb_id = 27205", String.class))
                .as("Nolan directed and wrote Inception: one director row").containsExactly("Christopher Nolan");
        assertThat(jdbc.queryForList("select name from tmdb_cast where tmdb_id = 862 order by cast_order", String.class))
                .startsWith("Tom Hanks", "Tim Allen");

        assertThat(count("select count(*) from tmdb_movies where tmdb_id = 12110")).as("no release date").isZero();
        assertThat(lastStats("tmdb_movies")).containsEntry("status", "LOADED").containsEntry("rows_read", (long) movies.size())
                .containsEntry("skipped", (long) (movies.size() - dated(movies).size())).containsEntry("skipped", 1L)
                .containsEntry("rejected", 0L).containsEntry("inserted", 13L);
        assertThat(jdbc.queryForMap("select budget, revenue, return from tmdb_movies where tmdb_id = 45325"))
                .containsEntry("budget", 0L).containsEntry("revenue", 0L).containsEntry("return", 0.0);
        assertThat(jdbc.queryForObject("select return from tmdb_movies where tmdb_id = 11860", Double.class))
                .as("revenue 0 with a budget").isZero();
        String baltoOverview = byId(movies, "21032").get("overview");
        assertThat(baltoOverview).contains("\n");
        assertThat(jdbc.queryForObject("select overview from tmdb_movies where tmdb_id = 21032", String.class))
                .isEqualTo(baltoOverview);
        assertThat(jdbc.queryForMap("select title, tagline, runtime from tmdb_movies where tmdb_id = 990001"))
                .containsEntry("title", "Ready, Steady, \"Go\"").containsEntry("tagline", byId(movies, "990001").get("tagline"))
                .containsEntry("runtime", null);
        assertThat(jdbc.queryForList("select character from tmdb_cast where tmdb_id = 990001 order by cast_order",
                String.class)).containsExactly("Roberta 'Bobbie' \"Bob\" Smith", "Herself\u00a0(archive footage)",
                "Tab\tand\nnewline");
        assertThat(count("select count(*) from etl_rejects")).isZero();
    }

    @Test
    void aSecondRunIsANoOpAndAForcedOneChangesNothing() throws Exception {
        assertThat(run("tmdb", "--input=" + FIXTURES)).isZero();
        long loaded = count("select count(*) from etl_load_stats where status = 'LOADED'");
        assertThat(loaded).isEqualTo(TABLES.size());

        assertThat(run("tmdb", "--input=" + FIXTURES)).isZero();
        assertThat(count("select count(*) from etl_load_stats where status = 'LOADED'")).isEqualTo(loaded);
        assertThat(lastStats("tmdb_movies")).containsEntry("status", "UNCHANGED");

        assertThat(run("tmdb", "--input=" + FIXTURES, "--force")).isZero();
        for (String table : TABLES) {
            assertThat(lastStats(table)).as(table).containsEntry("status", "LOADED").containsEntry("inserted", 0L)
                    .containsEntry("updated", 0L).containsEntry("deleted", 0L).containsEntry("rejected", 0L)
                    .containsEntry("unchanged", count("select count(*) from " + table));
        }
    }

    @Test
    void aChangedSnapshotUpdatesAndDeletesWithTheChildRows(@TempDir Path input) throws Exception {
        Files.copy(MOVIES, input.resolve("movies_metadata.csv"));
        Files.copy(CREDITS, input.resolve("credits.csv"));
        assertThat(run("tmdb", "--input=" + input)).isZero();
        assertThat(count("select count(*) from tmdb_movie_genres where tmdb_id = 949")).isPositive();

        List<CSVRecord> movies = records(MOVIES);
        List<List<String>> changed = new ArrayList<>();
        for (CSVRecord movie : movies) {
            List<String> values = new ArrayList<>(movie.toList());
            if (movie.get("id").equals("949")) {
                continue;                                               // Heat is gone
            }
            if (movie.get("id").equals("8844")) {
                values.set(column("budget"), "70000000");   // Jumanji: was 65000000
            }
            changed.add(values);
        }
        writeCsv(input.resolve("movies_metadata.csv"), TmdbParsers.MOVIE, changed);

        assertThat(run("tmdb", "--input=" + input)).isZero();

        long dated = dated(movies).size();
        assertThat(lastStats("tmdb_movies")).containsEntry("status", "LOADED").containsEntry("inserted", 0L)
                .containsEntry("updated", 1L).containsEntry("deleted", 1L).containsEntry("unchanged", dated - 2);
        assertThat(jdbc.queryForMap("select budget, return from tmdb_movies where tmdb_id = 8844"))
                .containsEntry("budget", 70_000_000L).containsEntry("return", 262_797_249.0 / 70_000_000.0);
        assertThat(count("select count(*) from tmdb_movies where tmdb_id = 949")).isZero();
        CSVRecord heat = byId(movies, "949");
        assertThat(lastStats("tmdb_movie_genres")).containsEntry("deleted", (long) literal(heat, "genres").size())
                .containsEntry("inserted", 0L).containsEntry("updated", 0L);
        assertThat(lastStats("tmdb_movie_companies"))
                .containsEntry("deleted", (long) literal(heat, "production_companies").size());
        for (String table : List.of("tmdb_movie_genres", "tmdb_movie_companies", "tmdb_movie_countries",
                "tmdb_movie_languages")) {
            assertThat(count("select count(*) from " + table + " where tmdb_id = 949")).as(table).isZero();
        }
        assertThat(lastStats("tmdb_cast")).as("credits.csv did not change").containsEntry("status", "UNCHANGED");
    }

    @Test
    void malformedRecordsAreRejectedWithFileLineAndReasonAndTheGoodRowsLoad(@TempDir Path input) throws Exception {
        List<CSVRecord> movies = records(MOVIES);
        String[] toyStory = byId(movies, "862").toList().toArray(String[]::new);
        // Columns shifted 9 places to the left, as in the real file: the release date lands in "id".
        String[] shifted = Arrays.copyOf(Arrays.copyOfRange(toyStory, 9, toyStory.length), toyStory.length);
        Arrays.fill(shifted, toyStory.length - 9, toyStory.length, "");
        // A record broken in two by a line break in an unquoted overview, the real file's other shape.
        String[] head = Arrays.copyOf(toyStory, 10);
        head[9] = "British soldiers force a captured terrorist to cooperate";
        String[] tail = Arrays.copyOfRange(toyStory, 9, toyStory.length);
        tail[0] = " - Written by Ørnås";
        Path file = input.resolve("movies_metadata.csv");
        Files.copy(MOVIES, file);
        long lines = Files.readAllLines(file).size();
        Files.writeString(file, csv(shifted) + csv(head) + csv(tail), StandardOpenOption.APPEND);

        assertThat(run("tmdb", "--input=" + input)).isZero();

        List<Map<String, Object>> rejects = jdbc.queryForList("select file, line_no, raw, reason from etl_rejects order by line_no");
        assertThat(rejects).extracting(r -> r.get("file") + ":" + r.get("line_no")).containsExactly(
                "movies_metadata.csv:" + (lines + 1), "movies_metadata.csv:" + (lines + 2),
                "movies_metadata.csv:" + (lines + 3));
        assertThat(rejects.get(0)).containsEntry("raw", csv(shifted).strip())
                .containsEntry("reason", "id: expected a whole number, found '" + byId(movies, "862").get("release_date") + "'");
        String fields = "expected 24 fields (" + String.join(",", TmdbParsers.MOVIE) + ") but found ";
        assertThat(rejects.get(1)).containsEntry("reason", fields + 10);
        assertThat(rejects.get(2)).containsEntry("reason", fields + 15);

        assertThat(count("select count(*) from tmdb_movies")).isEqualTo(dated(movies).size());
        assertThat(lastStats("tmdb_movies")).containsEntry("rejected", 3L).containsEntry("skipped", 1L)
                .containsEntry("rows_read", movies.size() + 3L);
        assertThat(count("select count(*) from etl_load_stats where table_name = 'tmdb_cast'"))
                .as("credits.csv is optional").isZero();
    }

    @Test
    void invalidUtf8InATitleIsRepairedAndRecordedAndInTheIdRejected(@TempDir Path input) throws Exception {
        List<CSVRecord> movies = records(MOVIES);
        List<String> repaired = new ArrayList<>(byId(movies, "862").toList());
        repaired.set(column("id"), "90001");
        repaired.set(column("title"), "Toy Story \u0001");
        List<String> rejected = new ArrayList<>(byId(movies, "862").toList());
        rejected.set(column("id"), "9000\u0001");
        Path file = input.resolve("movies_metadata.csv");
        Files.copy(MOVIES, file);
        long lines = Files.readAllLines(file).size();
        // U+0001 stands for the invalid byte ff in what is written
        String appended = csv(repaired.toArray(String[]::new)) + csv(rejected.toArray(String[]::new));
        byte[] bytes = appended.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bytes[i] == 1 ? (byte) 0xFF : bytes[i];
        }
        Files.write(file, bytes, StandardOpenOption.APPEND);

        assertThat(run("tmdb", "--input=" + input)).isZero();

        assertThat(jdbc.queryForObject("select title from tmdb_movies where tmdb_id = 90001", String.class))
                .isEqualTo("Toy Story \uFFFD");
        assertThat(count("select count(*) from tmdb_movies")).isEqualTo(dated(movies).size() + 1);
        assertThat(jdbc.queryForMap("select file, line_no, record_key, repair, encode(raw_bytes, 'hex') as hex "
                + "from etl_repairs")).containsEntry("file", "movies_metadata.csv").containsEntry("line_no", lines + 1)
                .containsEntry("record_key", "90001").containsEntry("hex", hex("Toy Story ", 0xFF))
                .containsEntry("repair", "title: invalid UTF-8 (bytes ff) replaced by U+FFFD: 'Toy Story \uFFFD'");
        assertThat(jdbc.queryForMap("select file, line_no, reason from etl_rejects"))
                .containsEntry("file", "movies_metadata.csv").containsEntry("line_no", lines + 2)
                .containsEntry("reason", "id: invalid UTF-8 (bytes ff), found '9000\\xff'; the field's bytes: "
                        + hex("9000", 0xFF));
    }

    @Test
    void aMovieListedTwiceKeepsItsLaterRecord(@TempDir Path input) throws Exception {
        List<CSVRecord> movies = records(MOVIES);
        List<String> again = new ArrayList<>(byId(movies, "862").toList());
        again.set(column("budget"), "31000000");
        Path file = input.resolve("movies_metadata.csv");
        Files.copy(MOVIES, file);
        long lines = Files.readAllLines(file).size();
        Files.writeString(file, csv(again.toArray(String[]::new)), StandardOpenOption.APPEND);
        long toyStoryGenres = literal(byId(movies, "862"), "genres").size();

        // First load: the tables are empty and loaded whole, without line numbers.
        assertThat(run("tmdb", "--input=" + input)).isZero();
        assertThat(jdbc.queryForObject("select budget from tmdb_movies where tmdb_id = 862", Long.class)).isEqualTo(31_000_000L);
        assertThat(count("select count(*) from tmdb_movies")).isEqualTo(dated(movies).size());
        assertThat(count("select count(*) from tmdb_movie_genres where tmdb_id = 862")).isEqualTo(toyStoryGenres);
        assertThat(lastStats("tmdb_movies")).containsEntry("rejected", 1L).containsEntry("inserted", (long) dated(movies).size());
        assertThat(lastStats("tmdb_movie_genres")).containsEntry("rejected", toyStoryGenres);
        assertThat(jdbc.queryForList("select raw from etl_rejects where reason like 'duplicate key (tmdb_id): %'",
                String.class)).as("the earlier record, with the first budget, is the one rejected").singleElement().asString()
                .startsWith("(,862,tt0114709,").contains(",30000000,373554033,");

        // A merge into loaded tables names the line kept.
        jdbc.update("delete from etl_rejects");
        assertThat(run("tmdb", "--input=" + input, "--force")).isZero();
        assertThat(jdbc.queryForMap("select line_no, reason from etl_rejects where reason like 'duplicate key (tmdb_id): %'"))
                .containsEntry("line_no", 2L)
                .containsEntry("reason", "duplicate key (tmdb_id): line " + (lines + 1) + " has the same key and is kept");
        assertThat(lastStats("tmdb_movies")).containsEntry("rejected", 1L).containsEntry("updated", 0L)
                .containsEntry("unchanged", (long) dated(movies).size());
    }

    @Test
    void aDirectoryWithoutTheMoviesFileIsAnInputError(@TempDir Path input) throws Exception {
        Files.copy(CREDITS, input.resolve("credits.csv"));
        assertThat(run("tmdb", "--input=" + input)).isEqualTo(3);
        assertThat(failure()).contains(input + ": not a Kaggle TMDB dataset; expected movies_metadata.csv and "
                + "optionally credits.csv (\"The Movies Dataset\"), or tmdb_5000_movies.csv");
        assertThat(run("tmdb")).as("no official download").isEqualTo(3);
    }

    private static int column(String name) {
        return Arrays.asList(TmdbParsers.MOVIE).indexOf(name);
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    private static List<CSVRecord> dated(List<CSVRecord> movies) {
        return movies.stream().filter(m -> !m.get("release_date").isBlank()).toList();
    }

    private static CSVRecord byId(List<CSVRecord> records, String id) {
        return records.stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> literal(CSVRecord record, String column) {
        return PythonLiteral.parseDictList(record.get(column));
    }

    /** Distinct (movie, key) pairs of a list column over the movies with a release date. */
    private static long childRows(List<CSVRecord> movies, String column, String key) {
        return dated(movies).stream().flatMap(m -> literal(m, column).stream().map(item -> m.get("id") + "/" + item.get(key)))
                .distinct().count();
    }

    private static long castRows(List<CSVRecord> credits) {
        return credits.stream().flatMap(c -> literal(c, "cast").stream().map(p -> c.get("id") + "/" + p.get("credit_id")))
                .distinct().count();
    }

    private static long directorRows(List<CSVRecord> credits) {
        return credits.stream().flatMap(c -> literal(c, "crew").stream().filter(p -> Objects.equals(p.get("job"), "Director"))
                .map(p -> c.get("id") + "/" + p.get("id"))).distinct().count();
    }

    /** One CSV record as the Kaggle files write it (RFC 4180, LF). */
    static String csv(String... fields) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, WRITTEN)) {
            printer.printRecord((Object[]) fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeCsv(Path file, String[] header, List<List<String>> rows) throws IOException {
        StringBuilder text = new StringBuilder(csv(header));
        rows.forEach(row -> text.append(csv(row.toArray(String[]::new))));
        Files.writeString(file, text);
    }
}
