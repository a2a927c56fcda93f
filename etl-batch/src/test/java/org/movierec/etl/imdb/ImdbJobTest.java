package org.movierec.etl.imdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.etl.EtlJobTest;
import org.movierec.etl.load.SourceOptions;

/**
 * The IMDb job against a real PostgreSQL, on hand-written fixtures (fixtures/imdb, counts below
 * worked out from its README and rows) and on the shared samples when present (counts computed
 * from the files themselves).
 */
class ImdbJobTest extends EtlJobTest {

    private static final List<String> TABLES = List.of("imdb_titles", "imdb_ratings", "imdb_crew", "imdb_principals",
            "imdb_names");
    private static final String NULL = "\\N";

    private final Path fixture = fixture("imdb");

    @Test
    void loadsOnlyTheKeptTitleTypesAndWhatTheyReferTo() throws Exception {
        assertThat(run("imdb", "--input=" + fixture)).isZero();

        // movie, tvSeries and tvMovie rows; not the short nor the episode nor the four malformed rows
        assertThat(list("select tconst from imdb_titles order by tconst")).containsExactly(
                "tt0468569", "tt0816692", "tt0903747", "tt1375666", "tt9900001", "tt9900002");
        assertThat(jdbc.queryForMap("select title_type, primary_title, is_adult, start_year, end_year, runtime_minutes, "
                + "genres::text as genres from imdb_titles where tconst = 'tt0468569'"))
                .containsEntry("title_type", "movie").containsEntry("primary_title", "The Night Warden")
                .containsEntry("is_adult", false).containsEntry("start_year", 2008).containsEntry("end_year", null)
                .containsEntry("runtime_minutes", 150).containsEntry("genres", "{Action,Crime,Drama}");
        assertThat(jdbc.queryForMap("select title_type, end_year from imdb_titles where tconst = 'tt0903747'"))
                .containsEntry("title_type", "tvSeries").containsEntry("end_year", 2013);
        assertThat(jdbc.queryForMap("select primary_title, original_title, is_adult, runtime_minutes, "
                + "cardinality(genres) as genres from imdb_titles where tconst = 'tt9900001'"))
                .containsEntry("primary_title", "\"Weird\" Al: An Example").containsEntry("original_title", "\"Weird\" Al")
                .containsEntry("is_adult", null).containsEntry("runtime_minutes", null).containsEntry("genres", 0);
        assertThat(jdbc.queryForMap("select primary_title, original_title from imdb_titles where tconst = 'tt9900002'"))
                .as("a lone quote does not swallow the next lines").containsEntry("primary_title", "The \"Lost Tape")
                .containsEntry("original_title", "Lost Tape");

        assertThat(jdbc.queryForMap("select average_rating, num_votes from imdb_ratings where tconst = 'tt0468569'"))
                .containsEntry("average_rating", 8.1f).containsEntry("num_votes", 1_200_000);
        assertThat(list("select tconst from imdb_ratings order by tconst")).containsExactly(
                "tt0468569", "tt0816692", "tt0903747", "tt1375666", "tt9900001");
        assertThat(list("select tconst || ' ' || role || ' ' || nconst from imdb_crew order by 1")).containsExactly(
                "tt0468569 director nm9800008", "tt0468569 writer nm9800003", "tt0468569 writer nm9800006",
                "tt0468569 writer nm9800008", "tt0468569 writer nm9800009",
                "tt0816692 director nm9800008", "tt0816692 writer nm9800008", "tt0816692 writer nm9800009",
                "tt0903747 writer nm9800007",
                "tt1375666 director nm9800008");
        assertThat(list("select tconst || ' ' || ordering || ' ' || nconst from imdb_principals order by 1")).containsExactly(
                "tt0468569 1 nm9800002", "tt0468569 2 nm9800004", "tt0468569 3 nm9800008", "tt0903747 1 nm9800005",
                "tt1375666 1 nm9800001", "tt1375666 2 nm9800008", "tt9900001 1 nm9900002");
        assertThat(jdbc.queryForMap("select category, job, characters from imdb_principals where tconst = 'tt0468569' "
                + "and ordering = 2")).containsEntry("category", "actor").containsEntry("job", null)
                .containsEntry("characters", "[\"The Jester\"]");
        // people credited by a loaded title; not Dana Example and Walter Example (the short), nor nm9900001 (nothing)
        assertThat(list("select nconst from imdb_names order by nconst")).containsExactly(
                "nm9800001", "nm9800002", "nm9800003", "nm9800004", "nm9800005", "nm9800006", "nm9800007", "nm9800008",
                "nm9800009", "nm9900002");
        assertThat(jdbc.queryForMap("select primary_name, birth_year, death_year, primary_profession::text as professions, "
                + "known_for_titles::text as known_for from imdb_names where nconst = 'nm9800004'"))
                .containsEntry("primary_name", "Hugh Example").containsEntry("birth_year", 1971)
                .containsEntry("death_year", 2009).containsEntry("professions", "{actor,director,writer}")
                .containsEntry("known_for", "{tt0468569}");
        assertThat(jdbc.queryForMap("select birth_year, cardinality(primary_profession) as professions, "
                + "cardinality(known_for_titles) as known_for from imdb_names where nconst = 'nm9900002'"))
                .containsEntry("birth_year", null).containsEntry("professions", 0).containsEntry("known_for", 0);

        // skipped = left out by the title type (parser) or by the merge filter (not a loaded title or person)
        assertStats("imdb_titles", "title.basics.tsv", 12, 6, 2, 4);
        assertStats("imdb_ratings", "title.ratings.tsv", 9, 5, 3, 1);
        assertStats("imdb_crew", "title.crew.tsv", 8, 10, 1 + 3, 1);
        assertStats("imdb_principals", "title.principals.tsv", 10, 7, 2, 1);
        assertStats("imdb_names", "name.basics.tsv", 14, 10, 3, 1);
    }

    @Test
    void malformedRowsAreRejectedWithTheirLineNumbersAndReasons() throws Exception {
        assertThat(run("imdb", "--input=" + fixture)).isZero();

        List<Map<String, Object>> rejects = jdbc.queryForList("select file, line_no, raw, reason from etl_rejects "
                + "order by file, line_no");
        assertThat(rejects).extracting(r -> r.get("file") + ":" + r.get("line_no") + " " + r.get("reason")).containsExactly(
                "name.basics.tsv:15 birthYear: expected a year from 0 to 9999, found '19x0'",
                "title.basics.tsv:9 tconst: expected an IMDb title id (tt and digits), found 'tt99x0003'",
                "title.basics.tsv:10 runtimeMinutes: expected a number of minutes, found 'ninety'",
                "title.basics.tsv:11 expected 9 fields (tconst,titleType,primaryTitle,originalTitle,isAdult,startYear,"
                        + "endYear,runtimeMinutes,genres) but found 5",
                "title.basics.tsv:12 isAdult: expected 0 or 1, found '2'",
                "title.crew.tsv:8 directors: expected IMDb name ids (nm and digits) separated by commas, found 'nm12x4'",
                "title.principals.tsv:10 ordering: expected an ordering from 1 to 32767, found 'x'",
                "title.ratings.tsv:8 numVotes: expected a number of votes, found 'many'");
        assertThat(rejects.get(3)).containsEntry("raw", "tt9900005\tmovie\tToo Few Fields\t0\t2001");
    }

    @Test
    void theTitleTypesOptionChangesWhatIsLoaded() throws Exception {
        assertThat(run("imdb", "--input=" + fixture, "--imdb-title-types=short")).isZero();

        assertThat(list("select tconst || ' ' || title_type from imdb_titles")).containsExactly("tt9900010 short");
        assertThat(list("select tconst from imdb_ratings")).containsExactly("tt9900010");
        assertThat(list("select tconst || ' ' || role || ' ' || nconst from imdb_crew"))
                .containsExactly("tt9900010 director nm9900006");
        assertThat(list("select tconst || ' ' || nconst from imdb_principals")).containsExactly("tt9900010 nm9900007");
        assertThat(list("select primary_name from imdb_names order by 1")).containsExactly("Dana Example", "Walter Example");
        // the movie rows with bad fields are skipped before they are checked; the short row is not
        assertStats("imdb_titles", "title.basics.tsv", 12, 1, 10, 1);
        // of the staged rows (8 ratings, 13 credits, 9 principals, 13 names) all but the short's are skipped,
        // and so is the crew line without people
        assertStats("imdb_ratings", "title.ratings.tsv", 9, 1, 8 - 1, 1);
        assertStats("imdb_crew", "title.crew.tsv", 8, 1, 1 + 13 - 1, 1);
        assertStats("imdb_principals", "title.principals.tsv", 10, 1, 9 - 1, 1);
        assertStats("imdb_names", "name.basics.tsv", 14, 2, 13 - 2, 1);

        // back to the default types: the files did not change, the options did
        assertThat(run("imdb", "--input=" + fixture)).isZero();

        assertThat(count("select count(*) from imdb_titles where title_type = 'short'")).isZero();
        assertThat(lastStats("imdb_titles")).containsEntry("inserted", 6L).containsEntry("deleted", 1L);
        assertThat(lastStats("imdb_ratings")).containsEntry("inserted", 5L).containsEntry("deleted", 1L);
        assertThat(lastStats("imdb_crew")).containsEntry("inserted", 10L).containsEntry("deleted", 1L);
        assertThat(lastStats("imdb_principals")).containsEntry("inserted", 7L).containsEntry("deleted", 1L);
        assertThat(lastStats("imdb_names")).containsEntry("inserted", 10L).containsEntry("deleted", 2L);
        assertThat(count("select count(*) from imdb_names where nconst in ('nm9900007', 'nm9900006')")).isZero();
    }

    @Test
    void aSecondRunOnUnchangedInputIsANoOpAndAForcedOneChangesNothing() throws Exception {
        assertThat(run("imdb", "--input=" + fixture)).isZero();
        Map<String, List<String>> loaded = imdbTables();
        long loadedStats = count("select count(*) from etl_load_stats where status = 'LOADED'");
        assertThat(loadedStats).isEqualTo(TABLES.size());

        assertThat(run("imdb", "--input=" + fixture)).isZero();
        assertThat(count("select count(*) from etl_load_stats where status = 'LOADED'")).isEqualTo(loadedStats);
        for (String table : TABLES) {
            assertThat(lastStats(table)).as(table).containsEntry("status", "UNCHANGED");
        }

        assertThat(run("imdb", "--input=" + fixture, "--force")).isZero();
        for (String table : TABLES) {
            assertThat(lastStats(table)).as(table).containsEntry("status", "LOADED").containsEntry("inserted", 0L)
                    .containsEntry("updated", 0L).containsEntry("deleted", 0L)
                    .containsEntry("unchanged", (long) loaded.get(table).size());
        }
        assertThat(imdbTables()).isEqualTo(loaded);
    }

    @Test
    void gzippedAndPlainFilesLoadTheSameTables(@TempDir Path gzipped) throws Exception {
        gzip(fixture, gzipped);
        assertThat(run("imdb", "--input=" + gzipped)).isZero();
        assertThat(lastStats("imdb_titles")).containsEntry("input", "title.basics.tsv.gz");
        assertThat(jdbc.queryForList("select file from etl_rejects", String.class)).contains("title.basics.tsv.gz");
        Map<String, List<String>> fromGzip = imdbTables();
        assertThat(fromGzip.get("imdb_titles")).hasSize(6);

        jdbc.execute("truncate " + String.join(", ", TABLES) + ", etl_load_stats, etl_rejects");
        assertThat(run("imdb", "--input=" + fixture)).isZero();
        assertThat(imdbTables()).isEqualTo(fromGzip);

        // the gzipped files are new inputs (other names): loaded again, they change nothing
        assertThat(run("imdb", "--input=" + gzipped)).isZero();
        for (String table : TABLES) {
            assertThat(lastStats(table)).as(table).containsEntry("status", "LOADED").containsEntry("inserted", 0L)
                    .containsEntry("updated", 0L).containsEntry("deleted", 0L);
        }
    }

    @Test
    void aDirectoryWithoutTitleBasicsOrWithBothVariantsIsBadInput(@TempDir Path directory) throws Exception {
        Files.copy(fixture.resolve("title.ratings.tsv"), directory.resolve("title.ratings.tsv"));
        assertThat(run("imdb", "--input=" + directory)).isEqualTo(3);
        assertThat(failure()).isEqualTo(directory + ": not an IMDb dataset; expected title.basics.tsv or "
                + "title.basics.tsv.gz, optionally with title.ratings, title.crew, title.principals and name.basics "
                + "(.tsv or .tsv.gz)");

        Files.copy(fixture.resolve("title.basics.tsv"), directory.resolve("title.basics.tsv"));
        gzip(fixture, directory);
        assertThat(run("imdb", "--input=" + directory)).isEqualTo(3);
        assertThat(failure()).isEqualTo(directory + ": holds both title.basics.tsv and title.basics.tsv.gz; keep the one to load");
    }

    @Test
    void onlyTitleBasicsIsRequired(@TempDir Path directory) throws Exception {
        Files.copy(fixture.resolve("title.basics.tsv"), directory.resolve("title.basics.tsv"));
        assertThat(run("imdb", "--input=" + directory)).isZero();
        assertThat(count("select count(*) from imdb_titles")).isEqualTo(6);
        assertThat(count("select count(*) from etl_load_stats where table_name <> 'imdb_titles'")).isZero();
    }

    @Test
    void invalidUtf8InATitleIsRepairedAndRecordedAndInAnIdOrNumberRejected(@TempDir Path directory) throws Exception {
        // Hand-written rows in the IMDb format; Latin-1 bytes (e9 for é) in a UTF-8 file, the usual mistake.
        Files.write(directory.resolve("title.basics.tsv"), bytes(String.join("\t", ImdbParsers.TITLE_BASICS), "\n",
                "tt9000001\tmovie\tAm", 0xE9, "lie\tLe Fabuleux Destin d'Am", 0xE9, "lie Poulain\t0\t2001\t\\N\t122\t"
                        + "Comedy,Romance\n",
                "tt90", 0xFF, "0002\tmovie\tBroken Id\tBroken Id\t0\t2001\t\\N\t90\tDrama\n",
                "tt9000003\tmovie\tHeat\tHeat\t0\t1995\t\\N\t170\tCrime,Drama\n",
                "tt9000004\ttvEpisode\tEpisode ", 0xFF, "\tEpisode\t0\t1995\t\\N\t30\tDrama\n"));
        Files.write(directory.resolve("title.ratings.tsv"), bytes(String.join("\t", ImdbParsers.TITLE_RATINGS), "\n",
                "tt9000001\t8.3\t7", 0xFF, "00\n",
                "tt9000003\t8.3\t700\n"));

        assertThat(run("imdb", "--input=" + directory)).isZero();

        assertThat(list("select tconst || ':' || primary_title || ':' || original_title from imdb_titles order by 1"))
                .containsExactly("tt9000001:Am\uFFFDlie:Le Fabuleux Destin d'Am\uFFFDlie Poulain", "tt9000003:Heat:Heat");
        assertThat(list("select tconst from imdb_ratings")).containsExactly("tt9000003");
        assertThat(jdbc.queryForList("select file || ':' || line_no || ' ' || record_key || ' ' || encode(raw_bytes, 'hex') "
                + "|| ' ' || repair from etl_repairs order by id", String.class)).containsExactly(
                "title.basics.tsv:2 tt9000001 " + hex("Am", 0xE9, "lie")
                        + " primaryTitle: invalid UTF-8 (bytes e9) replaced by U+FFFD: 'Am\uFFFDlie'",
                "title.basics.tsv:2 tt9000001 " + hex("Le Fabuleux Destin d'Am", 0xE9, "lie Poulain")
                        + " originalTitle: invalid UTF-8 (bytes e9) replaced by U+FFFD: "
                        + "'Le Fabuleux Destin d'Am\uFFFDlie Poulain'");
        assertThat(jdbc.queryForList("select file || ':' || line_no || ' ' || reason from etl_rejects order by file, line_no",
                String.class)).as("the episode is skipped before its title is read: nothing to repair").containsExactly(
                "title.basics.tsv:3 tconst: invalid UTF-8 (bytes ff), found 'tt90\\xff0002'; the field's bytes: "
                        + hex("tt90", 0xFF, "0002"),
                "title.ratings.tsv:2 numVotes: invalid UTF-8 (bytes ff), found '7\\xff00'; the field's bytes: "
                        + hex("7", 0xFF, "00"));
        assertStats("imdb_titles", "title.basics.tsv", 4, 2, 1, 1);
        assertThat(lastStats("imdb_titles")).containsEntry("repaired", 2L);
    }

    @Test
    void theOfficialLocationsAreTheFiveDumps() {
        assertThat(new ImdbSource().officialLocations()).containsExactly(
                "https://datasets.imdbws.com/title.basics.tsv.gz", "https://datasets.imdbws.com/title.ratings.tsv.gz",
                "https://datasets.imdbws.com/title.crew.tsv.gz", "https://datasets.imdbws.com/title.principals.tsv.gz",
                "https://datasets.imdbws.com/name.basics.tsv.gz");
    }

    @Test
    void loadsTheNolanSample() throws Exception {
        Path sample = SHARED_DATA.resolve("imdb-sample-nolan");
        Assumptions.assumeTrue(Files.isDirectory(sample), "no shared data set " + sample);

        assertThat(run("imdb", "--input=" + sample)).isZero();

        assertLoadedAsComputedFromTheFiles(sample, SourceOptions.DEFAULT_IMDB_TITLE_TYPES);
        assertThat(jdbc.queryForMap("select primary_title, start_year, runtime_minutes, genres::text as genres "
                + "from imdb_titles where tconst = 'tt1375666'")).containsEntry("primary_title", "Inception")
                .containsEntry("start_year", 2010).containsEntry("runtime_minutes", 148)
                .containsEntry("genres", "{Action,Adventure,Sci-Fi}");
        assertThat(count("select count(*) from imdb_crew where nconst = 'nm0634240' and role = 'director'"))
                .isEqualTo(count("select count(*) from imdb_titles"));
    }

    @Test
    void loadsTheFirstHundredLinesSample() throws Exception {
        Path sample = SHARED_DATA.resolve("imdb-sample");
        Assumptions.assumeTrue(Files.isDirectory(sample), "no shared data set " + sample);

        assertThat(run("imdb", "--input=" + sample)).isZero();
        assertLoadedAsComputedFromTheFiles(sample, SourceOptions.DEFAULT_IMDB_TITLE_TYPES);

        assertThat(run("imdb", "--input=" + sample, "--imdb-title-types=movie,short", "--force")).isZero();
        assertLoadedAsComputedFromTheFiles(sample, Set.of("movie", "short"));
    }

    /** Counts worked out from the TSV files directly, and that no record was rejected. */
    private void assertLoadedAsComputedFromTheFiles(Path directory, Set<String> types) throws IOException {
        List<String[]> basics = records(directory, "title.basics.tsv");
        Set<String> titles = basics.stream().filter(r -> types.contains(r[1])).map(r -> r[0]).collect(Collectors.toSet());
        List<String[]> ratings = records(directory, "title.ratings.tsv");
        List<String[]> crew = records(directory, "title.crew.tsv").stream().filter(r -> titles.contains(r[0])).toList();
        List<String[]> principals = records(directory, "title.principals.tsv").stream()
                .filter(r -> titles.contains(r[0])).toList();
        Set<String> people = new HashSet<>();
        long credits = 0;
        for (String[] r : crew) {
            for (int role = 1; role <= 2; role++) {
                Set<String> listed = r[role].equals(NULL) ? Set.of() : new LinkedHashSet<>(Arrays.asList(r[role].split(",")));
                credits += listed.size();
                people.addAll(listed);
            }
        }
        principals.forEach(r -> people.add(r[2]));

        assertThat(count("select count(*) from imdb_titles")).isEqualTo(titles.size());
        assertThat(lastStats("imdb_titles")).containsEntry("rows_read", (long) basics.size())
                .containsEntry("skipped", (long) basics.size() - titles.size()).containsEntry("rejected", 0L);
        assertThat(count("select count(*) from imdb_ratings")).isEqualTo(ratings.stream().filter(r -> titles.contains(r[0])).count());
        assertThat(count("select count(*) from imdb_crew")).isEqualTo(credits);
        assertThat(count("select count(*) from imdb_principals")).isEqualTo(principals.size());
        assertThat(count("select count(*) from imdb_names"))
                .isEqualTo(records(directory, "name.basics.tsv").stream().filter(r -> people.contains(r[0])).count());
        assertThat(count("select count(*) from etl_rejects")).isZero();
    }

    /** The records of a TSV file without its header; none when the file is absent. */
    private static List<String[]> records(Path directory, String file) throws IOException {
        Path path = directory.resolve(file);
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(line -> line.split("\t", -1)).toList();
    }

    private void assertStats(String table, String input, long read, long inserted, long skipped, long rejected) {
        assertThat(lastStats(table)).as(table).containsEntry("status", "LOADED").containsEntry("input", input)
                .containsEntry("rows_read", read).containsEntry("inserted", inserted).containsEntry("skipped", skipped)
                .containsEntry("rejected", rejected);
    }

    private List<String> list(String sql) {
        return jdbc.queryForList(sql, String.class);
    }

    /** Every row of every IMDb table as text, sorted. */
    private Map<String, List<String>> imdbTables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, list("select t::text from " + table + " t order by 1"));
        }
        return tables;
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tsv")).toList()) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to.resolve(file.getFileName() + ".gz")))) {
                    Files.copy(file, out);
                }
            }
        }
    }
}
