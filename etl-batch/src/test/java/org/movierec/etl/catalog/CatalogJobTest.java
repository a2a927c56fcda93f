package org.movierec.etl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.etl.EtlJobTest;

/**
 * The catalog job against a real PostgreSQL, on the full Kaggle files when ../shared/data has them
 * and on a few of their records otherwise. Expected values are counted from the files with
 * Commons CSV, apart from the job's own reader.
 */
class CatalogJobTest extends EtlJobTest {

    private static final Pattern DURATION = Pattern.compile("\\d+ (min|Seasons?)");
    /** The record counts of the full files, as ../shared/data/README.md gives them. */
    private static final Map<String, Integer> FULL_COUNTS = Map.of("amazon_prime_titles.csv", 9668,
            "disney_plus_titles.csv", 1450, "hulu_titles.csv", 3073, "netflix_titles.csv", 8807);
    private static final List<Platform> PLATFORMS = List.of(Platform.values());

    private final Path catalogs = kaggleCatalogs();
    private final boolean fullFiles = catalogs.startsWith(SHARED_DATA);

    @Test
    void loadsEveryPlatformWithOneRowPerRecord() throws Exception {
        assertThat(run("catalog", "--input=" + catalogs)).isZero();

        for (Platform platform : PLATFORMS) {
            List<CSVRecord> records = csvRecords(catalogs.resolve(platform.fileName()));
            if (fullFiles) {
                assertThat(records).as(platform.fileName()).hasSize(FULL_COUNTS.get(platform.fileName()));
            }
            assertThat(count("select count(*) from catalog_titles where platform = ?", platform.label()))
                    .as(platform.label()).isEqualTo(records.size());
            Set<String> ids = records.stream().map(r -> platform.letter() + r.get("show_id")).collect(Collectors.toSet());
            assertThat(jdbc.queryForList("select title_id from catalog_titles where platform = ?", String.class,
                    platform.label())).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(stats(platform.fileName())).containsEntry("status", "LOADED")
                    .containsEntry("rows_read", (long) records.size()).containsEntry("inserted", (long) records.size())
                    .containsEntry("rejected", 0L);
        }
        assertThat(count("select count(*) from catalog_titles where title_id <> left(platform, 1) || show_id")).isZero();
        assertThat(count("select count(*) from etl_rejects")).isZero();
    }

    @Test
    void aKnownRowHasEveryFieldOfItsRecord() throws Exception {
        assertThat(run("catalog", "--input=" + catalogs)).isZero();

        // netflix_titles.csv line 2: s1,Movie,Dick Johnson Is Dead,Kirsten Johnson,,United States,
        // "September 25, 2021",2020,PG-13,90 min,Documentaries,"As her father nears the end of his life, ..."
        assertThat(jdbc.queryForMap("""
                select platform, show_id, type, title, title_key, directors::text as directors,
                       cast_members::text as cast_members, countries::text as countries, date_added::text as date_added,
                       release_year, rating, duration_int, duration_type, listed_in::text as listed_in, description
                  from catalog_titles where title_id = 'ns1'"""))
                .containsEntry("platform", "netflix").containsEntry("show_id", "s1").containsEntry("type", "movie")
                .containsEntry("title", "dick johnson is dead").containsEntry("title_key", "dick johnson is dead")
                .containsEntry("directors", "{\"kirsten johnson\"}").containsEntry("cast_members", "{}")
                .containsEntry("countries", "{\"united states\"}").containsEntry("date_added", "2021-09-25")
                .containsEntry("release_year", 2020).containsEntry("rating", "pg-13").containsEntry("duration_int", 90)
                .containsEntry("duration_type", "min").containsEntry("listed_in", "{documentaries}")
                .containsEntry("description", "as her father nears the end of his life, filmmaker kirsten johnson "
                        + "stages his death in inventive and comical ways to help them both face the inevitable.");
        // s2: TV Show, "2 Seasons"; s3: "1 Season"; Disney s5 has no rating.
        assertThat(jdbc.queryForMap("select type, duration_int, duration_type from catalog_titles where title_id = 'ns2'"))
                .containsEntry("type", "tv show").containsEntry("duration_int", 2).containsEntry("duration_type", "season");
        assertThat(jdbc.queryForObject("select duration_int from catalog_titles where title_id = 'ns3'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select rating from catalog_titles where title_id = 'ds5'", String.class))
                .isEqualTo("g");
        // A title spanning two lines (s8420), a country list starting with a comma (s194), a director and a
        // title with a no-break space at an end (Amazon s7116, Netflix s6530).
        assertThat(jdbc.queryForObject("select title_key from catalog_titles where title_id = 'ns8420'", String.class))
                .isEqualTo("the memphis belle a story of a flying fortress");
        assertThat(jdbc.queryForObject("select countries::text from catalog_titles where title_id = 'ns194'", String.class))
                .isEqualTo("{\"south korea\"}");
        assertThat(jdbc.queryForObject("select directors::text from catalog_titles where title_id = 'as7116'", String.class))
                .isEqualTo("{\"antonio margheriti\"}");
        assertThat(jdbc.queryForObject("select title from catalog_titles where title_id = 'ns6530'", String.class))
                .isEqualTo("consequences");
        assertThat(count("select count(*) from catalog_titles where rating is distinct from lower(rating) "
                + "or title <> lower(title) or type not in ('movie', 'tv show')")).isZero();
    }

    @Test
    void durationsFoundInTheRatingColumnAreMovedAndEveryRepairRecorded() throws Exception {
        assertThat(run("catalog", "--input=" + catalogs)).isZero();

        Map<String, String> expected = new HashMap<>();   // title id -> the duration found in the rating column
        for (Platform platform : PLATFORMS) {
            for (CSVRecord r : csvRecords(catalogs.resolve(platform.fileName()))) {
                if (DURATION.matcher(r.get("rating")).matches() && r.get("duration").isEmpty()) {
                    expected.put(platform.letter() + r.get("show_id"), r.get("rating"));
                }
            }
        }
        if (fullFiles) {
            assertThat(expected.keySet().stream().filter(id -> id.startsWith("n")))
                    .containsExactlyInAnyOrder("ns5542", "ns5795", "ns5814");
            assertThat(expected.keySet().stream().filter(id -> id.startsWith("h"))).hasSize(292);
            assertThat(expected.entrySet().stream().filter(e -> e.getKey().startsWith("h") && e.getValue().contains("Season")))
                    .hasSize(62);
            assertThat(expected.keySet().stream().filter(id -> id.startsWith("a") || id.startsWith("d"))).isEmpty();
        }

        List<Map<String, Object>> repairs = jdbc.queryForList("select file, line_no, record_key, repair from etl_repairs");
        assertThat(repairs).extracting(r -> (String) r.get("record_key")).containsExactlyInAnyOrderElementsOf(expected.keySet());
        Map<Platform, List<String>> lines = new HashMap<>();
        for (Map<String, Object> repair : repairs) {
            String titleId = (String) repair.get("record_key");
            Platform platform = platformOf(titleId);
            assertThat(repair.get("file")).isEqualTo(platform.fileName());
            List<String> fileLines = lines.computeIfAbsent(platform, p -> readLines(catalogs.resolve(p.fileName())));
            assertThat(fileLines.get(((Long) repair.get("line_no")).intValue() - 1))
                    .as("line %s of %s", repair.get("line_no"), platform.fileName()).startsWith(titleId.substring(1) + ",");
            assertThat(repair.get("repair")).isEqualTo("duration '" + expected.get(titleId)
                    + "' found in the rating column: moved to duration, rating set to 'g'");
        }
        Map<String, String> stored = jdbc.query("select title_id, duration_int || ' ' || duration_type || '/' || rating "
                + "from catalog_titles", rs -> {
                    Map<String, String> rows = new HashMap<>();
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getString(2));
                    }
                    return rows;
                });
        expected.forEach((titleId, duration) -> assertThat(stored.get(titleId)).as(titleId)
                .isEqualTo(duration.replaceAll("Seasons?", "season") + "/g"));
        assertThat(stored).containsEntry("ns5542", "74 min/g").containsEntry("hs2375", "6 season/g");
        assertThat(stats("hulu_titles.csv").get("repaired")).isEqualTo(expected.keySet().stream()
                .filter(id -> id.startsWith("h")).count());
    }

    @Test
    void aSecondRunOnUnchangedInputIsANoOpAndAForcedOneChangesNothing() throws Exception {
        assertThat(run("catalog", "--input=" + catalogs)).isZero();
        long loaded = count("select count(*) from etl_load_stats where status = 'LOADED'");

        assertThat(run("catalog", "--input=" + catalogs)).isZero();
        assertThat(count("select count(*) from etl_load_stats where status = 'LOADED'")).isEqualTo(loaded);
        for (Platform platform : PLATFORMS) {
            assertThat(stats(platform.fileName())).containsEntry("status", "UNCHANGED");
        }

        assertThat(run("catalog", "--input=" + catalogs, "--force")).isZero();
        for (Platform platform : PLATFORMS) {
            assertThat(stats(platform.fileName())).as(platform.fileName()).containsEntry("status", "LOADED")
                    .containsEntry("inserted", 0L).containsEntry("updated", 0L).containsEntry("deleted", 0L)
                    .containsEntry("unchanged", (long) csvRecords(catalogs.resolve(platform.fileName())).size());
        }
    }

    @Test
    void aChangedPlatformFileChangesOnlyThatPlatform(@TempDir Path copy) throws Exception {
        for (Platform platform : PLATFORMS) {
            Files.copy(catalogs.resolve(platform.fileName()), copy.resolve(platform.fileName()));
        }
        assertThat(run("catalog", "--input=" + copy)).isZero();
        Map<String, Long> before = countsByPlatform();

        Path disney = copy.resolve(Platform.DISNEY.fileName());
        List<CSVRecord> records = csvRecords(disney);
        CSVRecord changed = records.get(0);
        CSVRecord removed = records.get(1);
        long sameShowElsewhere = count("select count(*) from catalog_titles where show_id = ? and platform <> 'disney'",
                removed.get("show_id"));
        assertThat(sameShowElsewhere).isPositive();
        try (Writer out = Files.newBufferedWriter(disney, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord((Object[]) CatalogParsers.TITLES_HEADER.split(","));
            for (CSVRecord record : records) {
                List<String> values = record.toList();
                if (record == changed) {
                    values.set(2, "Duck the Halls (Remastered)");
                }
                if (record != removed) {
                    printer.printRecord(values);
                }
            }
        }

        assertThat(run("catalog", "--input=" + copy)).isZero();

        assertThat(stats(Platform.DISNEY.fileName())).containsEntry("status", "LOADED").containsEntry("inserted", 0L)
                .containsEntry("updated", 1L).containsEntry("deleted", 1L)
                .containsEntry("unchanged", (long) records.size() - 2);
        for (Platform other : List.of(Platform.AMAZON, Platform.HULU, Platform.NETFLIX)) {
            assertThat(stats(other.fileName())).as(other.fileName()).containsEntry("status", "UNCHANGED");
        }
        Map<String, Long> after = countsByPlatform();
        assertThat(after.get("disney")).isEqualTo(before.get("disney") - 1);
        assertThat(after).hasEntrySatisfying("amazon", n -> assertThat(n).isEqualTo(before.get("amazon")))
                .hasEntrySatisfying("hulu", n -> assertThat(n).isEqualTo(before.get("hulu")))
                .hasEntrySatisfying("netflix", n -> assertThat(n).isEqualTo(before.get("netflix")));
        String removedShow = removed.get("show_id");
        assertThat(count("select count(*) from catalog_titles where title_id = ?", "d" + removedShow)).isZero();
        assertThat(count("select count(*) from catalog_titles where show_id = ? and platform <> 'disney'", removedShow))
                .as("the same show id on the other platforms stays").isEqualTo(sameShowElsewhere);
        assertThat(jdbc.queryForMap("select title, title_key from catalog_titles where title_id = ?", "d" + changed.get("show_id")))
                .containsEntry("title", "duck the halls (remastered)").containsEntry("title_key", "duck the halls remastered");
    }

    @Test
    void ratingFilesAreLoadedEachOnItsOwnAndMalformedRowsRejected(@TempDir Path copy) throws Exception {
        Path input = fixture("catalog-ratings");
        assertThat(run("catalog", "--input=" + input)).isZero();

        assertThat(jdbc.queryForList("select user_id || '/' || title_id || '/' || rating || '/' || source_file "
                + "from catalog_ratings order by user_id, title_id", String.class)).containsExactly(
                "1/ds1/3.5/ratings/1.csv", "1/ns1/4/ratings/1.csv", "2/ns2/5/ratings/1.csv", "3/ns3/0.5/ratings/1.csv",
                "10/ns1/4/ratings/2.csv", "11/ds2/2.5/ratings/2.csv");
        // 1425941529 = 2015-03-09 22:52:09 UTC
        assertThat(jdbc.queryForObject("select rated_at::text from catalog_ratings where user_id = 1 and title_id = 'ns1'",
                String.class)).isEqualTo("2015-03-09 22:52:09+00");
        List<Map<String, Object>> rejects = jdbc.queryForList("select file, line_no, reason from etl_rejects order by line_no");
        assertThat(rejects).extracting(r -> r.get("file") + ":" + r.get("line_no") + " " + r.get("reason")).containsExactly(
                "ratings/1.csv:5 rating: expected a rating from 0.5 to 5.0, found '7.0'",
                "ratings/1.csv:6 movieId: expected a catalog id (a, d, h or n, then s and digits, like 'ns123'), found 'xs3'",
                "ratings/1.csv:7 expected 4 fields (userId,rating,timestamp,movieId) but found 3",
                "ratings/1.csv:9 timestamp: expected a whole number, found 'yesterday'");
        assertThat(stats("ratings/1.csv")).containsEntry("rows_read", 8L).containsEntry("inserted", 4L)
                .containsEntry("rejected", 4L);
        assertThat(stats("ratings/2.csv")).containsEntry("rows_read", 2L).containsEntry("inserted", 2L);

        assertThat(run("catalog", "--input=" + input, "--force")).isZero();
        for (String file : List.of("ratings/1.csv", "ratings/2.csv")) {
            assertThat(stats(file)).as(file).containsEntry("status", "LOADED").containsEntry("inserted", 0L)
                    .containsEntry("updated", 0L).containsEntry("deleted", 0L);
        }

        // A new version of 2.csv: one rating changed, one gone. Nothing is deleted, 1.csv is not read.
        Files.copy(input.resolve(Platform.NETFLIX.fileName()), copy.resolve(Platform.NETFLIX.fileName()));
        Files.copy(input.resolve(Platform.DISNEY.fileName()), copy.resolve(Platform.DISNEY.fileName()));
        Files.createDirectory(copy.resolve("ratings"));
        Files.copy(input.resolve("ratings/1.csv"), copy.resolve("ratings/1.csv"));
        Files.writeString(copy.resolve("ratings/2.csv"), "userId,rating,timestamp,movieId\n10,2.0,1600000000,ns1\n");
        assertThat(run("catalog", "--input=" + copy)).isZero();

        assertThat(stats("ratings/2.csv")).containsEntry("inserted", 0L).containsEntry("updated", 1L)
                .containsEntry("deleted", 0L);
        assertThat(stats("ratings/1.csv")).containsEntry("status", "UNCHANGED");
        assertThat(jdbc.queryForObject("select rating from catalog_ratings where user_id = 10", Float.class)).isEqualTo(2f);
        assertThat(count("select count(*) from catalog_ratings where user_id = 11")).as("kept").isOne();
        assertThat(count("select count(*) from catalog_ratings")).isEqualTo(6);
    }

    @Test
    void invalidUtf8InATitleIsRepairedAndRecordedAndInTheShowIdRejected(@TempDir Path input) throws Exception {
        Files.write(input.resolve(Platform.NETFLIX.fileName()), bytes(CatalogParsers.TITLES_HEADER, "\n",
                "s1,Movie,Dick Johnson Is Dead,Kirsten Johnson,,United States,\"September 25, 2021\",2020,PG-13,90 min,"
                        + "Documentaries,\"As her father nears the end of his life.\"\n",
                "s2,Movie,Am", 0xE9, "lie,Jean-Pierre Jeunet,\"Audrey Tautou, Mathieu Kassovitz\",France,\"May 1, 2020\","
                        + "2001,R,122 min,\"Comedies, Romantic Movies\",A shy waitress.\n",
                "s", 0xFF, "3,Movie,Broken,,,,,2001,R,90 min,Dramas,A broken id.\n",
                "s4,TV Show,Ozark,,,United States,\"July 1, 2022\",2017,TV-MA,4 Seasons,Crime TV Shows,"
                        + "\"A financial advisor.\"\n"));

        assertThat(run("catalog", "--input=" + input)).isZero();

        assertThat(jdbc.queryForList("select title_id || ':' || title from catalog_titles order by title_id", String.class))
                .containsExactly("ns1:dick johnson is dead", "ns2:am\uFFFDlie", "ns4:ozark");
        assertThat(jdbc.queryForMap("select file, line_no, record_key, repair, encode(raw_bytes, 'hex') as hex "
                + "from etl_repairs")).containsEntry("file", "netflix_titles.csv").containsEntry("line_no", 3L)
                .containsEntry("record_key", "s2").containsEntry("hex", hex("Am", 0xE9, "lie"))
                .containsEntry("repair", "title: invalid UTF-8 (bytes e9) replaced by U+FFFD: 'Am\uFFFDlie'");
        assertThat(jdbc.queryForMap("select file, line_no, reason from etl_rejects"))
                .containsEntry("file", "netflix_titles.csv").containsEntry("line_no", 4L)
                .containsEntry("reason", "show_id: invalid UTF-8 (bytes ff), found 's\\xff3'; the field's bytes: "
                        + hex("s", 0xFF, "3"));
        assertThat(stats("netflix_titles.csv")).containsEntry("inserted", 3L).containsEntry("repaired", 1L)
                .containsEntry("rejected", 1L);
    }

    @Test
    void aDirectoryWithoutCatalogFilesIsRefused(@TempDir Path empty) throws Exception {
        Files.createDirectory(empty.resolve("ratings"));
        Files.writeString(empty.resolve("ratings/1.csv"), "userId,rating,timestamp,movieId\n1,4.0,1425941529,ns1\n");

        assertThat(run("catalog", "--input=" + empty)).isEqualTo(3);
        assertThat(failure()).isEqualTo(empty + ": not a streaming catalog; expected at least one of "
                + "amazon_prime_titles.csv, disney_plus_titles.csv, hulu_titles.csv, netflix_titles.csv "
                + "(and optionally ratings/*.csv)");
        assertThat(run("catalog")).as("no input and no official download").isEqualTo(3);
        assertThat(failure()).contains("pass --input=");
    }

    private Map<String, Object> stats(String file) {
        return jdbc.queryForMap("select * from etl_load_stats where input = ? order by id desc limit 1", file);
    }

    private Map<String, Long> countsByPlatform() {
        return jdbc.query("select platform, count(*) from catalog_titles group by platform", rs -> {
            Map<String, Long> counts = new HashMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        });
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Platform platformOf(String titleId) {
        return PLATFORMS.stream().filter(p -> p.letter() == titleId.charAt(0)).findFirst().orElseThrow();
    }

}
