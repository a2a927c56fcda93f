package org.movierec.etl.movielens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.etl.EtlJobTest;

/** The MovieLens job against a real PostgreSQL, on every release layout. */
class MovieLensJobTest extends EtlJobTest {

    private final Path mlLatestSmall = dataSet("ml-latest-small");

    @Test
    void loadsTheCsvRelease() throws Exception {
        assertThat(run("movielens", "--input=" + mlLatestSmall)).isZero();

        assertThat(count("select count(*) from movies")).isEqualTo(records("movies.csv"));
        assertThat(count("select count(*) from movie_links")).isEqualTo(records("links.csv"));
        assertThat(count("select count(*) from ratings")).isEqualTo(records("ratings.csv"));
        assertThat(count("select count(*) from tags")).isEqualTo(distinctTags());
        assertThat(count("select count(*) from users where origin = 'movielens'"))
                .isEqualTo(count("select count(distinct user_id) from ratings"));
        assertThat(jdbc.queryForMap("select title, year, genres::text as genres from movies where movie_id = 1"))
                .containsEntry("title", "Toy Story").containsEntry("year", 1995)
                .containsEntry("genres", "{Adventure,Animation,Children,Comedy,Fantasy}");
        assertThat(jdbc.queryForObject("select imdb_id from movie_links where movie_id = 1", String.class)).isEqualTo("tt0114709");
        // userId 1 rated Toy Story 4.0 at 964982703 (2000-07-30T18:45:03Z)
        assertThat(jdbc.queryForMap("select rating, rated_at::text as rated_at from ratings where user_id = 1 and movie_id = 1"))
                .containsEntry("rating", 4.0f).containsEntry("rated_at", "2000-07-30 18:45:03+00");
        assertThat(lastStats("ratings")).containsEntry("status", "LOADED").containsEntry("inserted", records("ratings.csv"))
                .containsEntry("rows_read", records("ratings.csv")).containsEntry("rejected", 0L);
        assertRatingStatsMatchTheRatings();
        // Toy Story's figures, counted from the file without the code under test
        List<Double> toyStory = csvRecords(mlLatestSmall.resolve("ratings.csv")).stream()
                .filter(r -> r.get("movieId").equals("1")).map(r -> Double.parseDouble(r.get("rating"))).toList();
        assertThat(jdbc.queryForMap("select ratings, rating_sum from movie_rating_stats where movie_id = 1"))
                .containsEntry("ratings", toyStory.size())
                .containsEntry("rating_sum", toyStory.stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void aSecondRunOnUnchangedInputIsANoOpAndAForcedOneChangesNothing() throws Exception {
        assertThat(run("movielens", "--input=" + mlLatestSmall)).isZero();
        long loadedRows = count("select count(*) from etl_load_stats where status = 'LOADED'");

        assertThat(run("movielens", "--input=" + mlLatestSmall)).isZero();
        assertThat(count("select count(*) from etl_load_stats where status = 'LOADED'")).isEqualTo(loadedRows);
        assertThat(lastStats("ratings")).containsEntry("status", "UNCHANGED");

        assertThat(run("movielens", "--input=" + mlLatestSmall, "--force")).isZero();
        for (String table : List.of("movies", "movie_links", "ratings", "tags", "users")) {
            assertThat(lastStats(table)).as(table).containsEntry("status", "LOADED").containsEntry("inserted", 0L)
                    .containsEntry("updated", 0L).containsEntry("deleted", 0L);
        }
        assertThat(lastStats("ratings")).containsEntry("unchanged", records("ratings.csv"));
    }

    @Test
    void aChangedSnapshotIsMergedInPlace(@TempDir Path copy) throws Exception {
        copyDataSet(mlLatestSmall, copy);
        assertThat(run("movielens", "--input=" + copy)).isZero();
        long platformUser = jdbc.queryForObject("insert into users (user_id, origin) values (nextval('platform_user_id_seq'), "
                + "'app') returning user_id", Long.class);
        jdbc.update("insert into ratings values (?, 1, 5.0, now())", platformUser);

        List<String> lines = Files.readAllLines(copy.resolve("ratings.csv"));
        String first = lines.get(1);
        String[] f = first.split(",");
        lines.set(1, f[0] + "," + f[1] + ",0.5," + f[3]);   // changed
        String removed = lines.remove(2);                    // gone from the snapshot
        lines.add("99998,1,3.0,1500000000");                 // new
        Files.write(copy.resolve("ratings.csv"), lines);

        assertThat(run("movielens", "--input=" + copy)).isZero();

        assertThat(lastStats("ratings")).containsEntry("inserted", 1L).containsEntry("updated", 1L)
                .containsEntry("deleted", 1L).containsEntry("unchanged", records("ratings.csv") - 2);
        assertThat(jdbc.queryForObject("select rating from ratings where user_id = ? and movie_id = ?", Float.class,
                Long.parseLong(f[0]), Integer.parseInt(f[1]))).isEqualTo(0.5f);
        String[] r = removed.split(",");
        assertThat(count("select count(*) from ratings where user_id = ? and movie_id = ?", Long.parseLong(r[0]),
                Integer.parseInt(r[1]))).isZero();
        assertThat(count("select count(*) from users where user_id = 99998 and origin = 'movielens'")).isOne();
        assertThat(count("select count(*) from ratings where user_id = ?", platformUser)).as("the platform's own ratings stay")
                .isOne();
        assertThat(lastStats("movies")).containsEntry("status", "UNCHANGED");
        // movie 1 lost or gained ratings, the changed rating's movie has a new sum: the figures serving reads follow
        assertRatingStatsMatchTheRatings();
    }

    /** movie_rating_stats holds exactly each rated movie's number, sum and liked number of ratings (what serving reads). */
    private void assertRatingStatsMatchTheRatings() {
        assertThat(count("select count(*) from movie_rating_stats")).isPositive();
        assertThat(jdbc.queryForList("""
                select coalesce(s.movie_id, r.movie_id) as movie_id, s.ratings, s.rating_sum, s.liked, r.n, r.total, r.liked
                  from movie_rating_stats s
                  full join (select movie_id, count(*) as n, sum(rating::float8) as total,
                               count(*) filter (where rating >= 3.5) as liked
                          from ratings group by movie_id) r
                    on r.movie_id = s.movie_id
                 where (s.ratings, s.rating_sum, s.liked) is distinct from (r.n, r.total, r.liked)""")).as("movies whose figures are off")
                .isEmpty();
    }

    @Test
    void loadsTheOneMillionLayoutInLatin1() throws Exception {
        assertThat(run("movielens", "--input=" + fixture("ml-1m"))).isZero();

        assertThat(jdbc.queryForMap("select title, title_key, year from movies where movie_id = 73"))
                .containsEntry("title", "Misérables, Les").containsEntry("title_key", "les miserables")
                .containsEntry("year", 1995);
        // the staging table handed over as movies keeps the generated title columns of serving's title matching (V9)
        assertThat(jdbc.queryForMap("select title_names::text as names, title_search from movies where movie_id = 73"))
                .containsEntry("names", "{\"les miserables\"}").containsEntry("title_search", "les miserables");
        assertThat(jdbc.queryForList("select attname from pg_attribute where attrelid = 'public.movies'::regclass "
                + "and attgenerated = 's' order by attnum", String.class)).containsExactly("title_names", "title_search");
        assertThat(jdbc.queryForObject("select genres::text from movies where movie_id = 1", String.class))
                .isEqualTo("{Animation,Children's,Comedy}");
        assertThat(jdbc.queryForMap("select gender, age, occupation, zip_code from users where user_id = 2"))
                .containsEntry("gender", "M").containsEntry("age", 56).containsEntry("occupation", "16")
                .containsEntry("zip_code", "70072");
        assertThat(count("select count(*) from ratings")).isEqualTo(5);
        assertThat(jdbc.queryForObject("select rating from ratings where user_id = 1 and movie_id = 73", Float.class)).isEqualTo(4f);
    }

    @Test
    void loadsTheTenMillionLayoutWithTags() throws Exception {
        assertThat(run("movielens", "--input=" + fixture("ml-10m"))).isZero();

        assertThat(jdbc.queryForObject("select title from movies where movie_id = 73", String.class)).isEqualTo("Misérables, Les");
        assertThat(jdbc.queryForObject("select rating from ratings where user_id = 2 and movie_id = 73", Float.class)).isEqualTo(4.5f);
        assertThat(jdbc.queryForObject("select tag from tags where user_id = 20", String.class)).isEqualTo("Victor Hugo");
        assertThat(count("select count(*) from users")).isEqualTo(2);
    }

    @Test
    void loadsTheHundredThousandLayout() throws Exception {
        assertThat(run("movielens", "--input=" + fixture("ml-100k"))).isZero();

        assertThat(jdbc.queryForMap("select title, year, genres::text as genres from movies where movie_id = 302"))
                .containsEntry("title", "L.A. Confidential").containsEntry("year", 1997)
                .containsEntry("genres", "{Crime,Film-Noir,Mystery,Thriller}");
        assertThat(jdbc.queryForObject("select title from movies where movie_id = 1300", String.class))
                .isEqualTo("Á köldum klaka (Cold Fever)");
        assertThat(jdbc.queryForMap("select gender, age, occupation from users where user_id = 196"))
                .containsEntry("gender", "M").containsEntry("age", 49).containsEntry("occupation", "writer");
        assertThat(count("select count(*) from ratings")).isEqualTo(4);
    }

    @Test
    void malformedRowsAreRejectedWithTheirLineAndReasonAndTheGoodRowsLoaded() throws Exception {
        assertThat(run("movielens", "--input=" + fixture("movielens-dirty"))).isZero();

        assertThat(jdbc.queryForList("select movie_id from movies order by movie_id", Integer.class)).containsExactly(1, 2, 4);
        assertThat(jdbc.queryForObject("select title from movies where movie_id = 2", String.class)).isEqualTo("Jumanji, The Game");
        assertThat(jdbc.queryForObject("select cardinality(genres) from movies where movie_id = 4", Integer.class)).isZero();
        assertThat(jdbc.queryForList("select user_id || '/' || movie_id from ratings order by 1", String.class))
                .containsExactly("1/1", "2/1", "2/4");

        List<Map<String, Object>> rejects = jdbc.queryForList(
                "select file, line_no, raw, reason from etl_rejects order by file, line_no");
        assertThat(rejects).extracting(r -> r.get("file") + ":" + r.get("line_no")).containsExactly(
                "movies.csv:3", "movies.csv:5", "ratings.csv:3", "ratings.csv:4", "ratings.csv:6", "ratings.csv:8");
        assertThat(rejects.get(0)).containsEntry("raw", "abc,Broken id (1999),Drama")
                .containsEntry("reason", "movieId: expected a whole number, found 'abc'");
        assertThat(rejects.get(2).get("reason")).isEqualTo("rating: expected a rating from 0.5 to 5.0 in half steps, found '7.0'");
        assertThat(rejects.get(5).get("reason")).isEqualTo("expected 4 fields (userId,movieId,rating,timestamp) but found 2");
        assertThat(lastStats("ratings")).containsEntry("rejected", 4L).containsEntry("inserted", 3L).containsEntry("rows_read", 7L);
    }

    @Test
    void tooManyRejectsFailTheRunAndNameTheFile() throws Exception {
        assertThat(run("movielens", "--input=" + fixture("movielens-dirty"), "--max-rejects=1")).isEqualTo(1);
        assertThat(failure()).contains("movies.csv: 2 malformed records, more than the limit of 1");
        assertThat(count("select count(*) from etl_load_stats where status = 'LOADED'")).isZero();
    }

    @Test
    void aWrongLayoutOrMissingInputEndsWithAnErrorAndNonZeroExit(@TempDir Path empty) throws Exception {
        assertThat(run("movielens", "--input=" + empty)).isEqualTo(3);
        assertThat(failure()).contains(empty + ": not a MovieLens release; expected movies.csv and ratings.csv");
        assertThat(run("movielens", "--input=" + empty.resolve("nowhere"))).isEqualTo(3);
        assertThat(failure()).contains("nowhere is neither a directory, a .zip archive nor an http(s) URL (it does not exist)");
        Files.writeString(empty.resolve("movies.csv"), "id,name\n1,x\n");
        Files.writeString(empty.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        assertThat(run("movielens", "--input=" + empty)).as("wrong header").isEqualTo(3);
        assertThat(failure()).contains("movies.csv: expected the header 'movieId,title,genres' but found 'id,name'");
    }

    @Test
    void aStrayQuoteANulOrAnOutOfRangeValueCostsOnlyItsOwnRecord(@TempDir Path release, @TempDir Path oneMillion)
            throws Exception {
        Files.writeString(release.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Animation\n"
                + "2,Jumanji (1995),Adventure\n");
        Files.writeString(release.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n"
                + "1,2,3.0,96498\u00002703\n2,1,5.0,964982703\n");
        Files.writeString(release.resolve("tags.csv"), "userId,movieId,tag,timestamp\n1,1,pixar,1139045764\n"
                + "1,2,\"unclosed,1139045765\n2,1,funny,1139045766\n2,2,\"board, game\",1139045767\n");

        assertThat(run("movielens", "--input=" + release)).isZero();

        assertThat(jdbc.queryForList("select user_id || ':' || movie_id || ':' || tag from tags order by 1", String.class))
                .containsExactly("1:1:pixar", "2:1:funny", "2:2:board, game");
        assertThat(jdbc.queryForList("select user_id || ':' || movie_id from ratings order by 1", String.class))
                .containsExactly("1:1", "2:1");
        assertThat(jdbc.queryForList("select file || ':' || line_no || ':' || raw from etl_rejects order by file", String.class))
                .containsExactly("ratings.csv:3:1,2,3.0,96498\\02703", "tags.csv:3:1,2,\"unclosed,1139045765");

        Files.writeString(oneMillion.resolve("movies.dat"), "1::Toy Story (1995)::Animation\n");
        Files.writeString(oneMillion.resolve("ratings.dat"), "1::1::5::978824268\n7::1::4::978824268\n");
        Files.writeString(oneMillion.resolve("users.dat"), "1::F::1::10::48067\n7::F::70000::10::48067\n");
        assertThat(run("movielens", "--input=" + oneMillion)).isZero();
        assertThat(jdbc.queryForList("select user_id from users where age is not null", Long.class)).containsExactly(1L);
        assertThat(jdbc.queryForObject("select reason from etl_rejects where file = 'users.dat'", String.class))
                .contains("70000 does not fit a smallint column");
    }

    @Test
    void invalidUtf8InATitleOrTagIsRepairedAndRecordedAndInANumberRejected(@TempDir Path release) throws Exception {
        Files.write(release.resolve("movies.csv"), bytes("movieId,title,genres\n",
                "1,Toy Story (1995),Animation\n",
                "2,Juman", 0xFF, "ji (1995),Adventure|Children\n",
                "3,Grumpier Old Men (1995),Comedy\n",
                "4", 0xFF, ",Broken Id (1995),Drama\n",
                "5,\"Heat, The ", 0xE2, 0x82, " (1995)\",Action|Crime", 0xC3, "\r\n",
                "6,Tom and Huck (1995),Adventure\n"));
        Files.write(release.resolve("ratings.csv"), bytes("userId,movieId,rating,timestamp\n",
                "1,1,4.0,964982703\n",
                "1,2,4", 0xFF, ".0,964982704\n",
                "1,3,3.5,964982705\n"));
        Files.write(release.resolve("tags.csv"), bytes("userId,movieId,tag,timestamp\n",
                "1,1,pixar,1139045764\n",
                "1,2,f", 0xC3, 0x28, "n,1139045765\n",
                "1,3,funny,1139045766\n",
                "2,6,\"two\nlin", 0xFF, "es\",1139045767\n",     // a quoted tag over two lines, the bad byte on the second
                "2,1,\"unclosed,1139045768\n",                 // a stray quote: the lines after it are read again
                "2,3,b", 0xFF, "d,1139045769\n"));

        assertThat(run("movielens", "--input=" + release)).isZero();

        assertThat(jdbc.queryForList("select movie_id || ':' || title || ':' || array_to_string(genres, '|') from movies "
                + "order by movie_id", String.class)).containsExactly("1:Toy Story:Animation",
                "2:Juman\uFFFDji:Adventure|Children", "3:Grumpier Old Men:Comedy", "5:Heat, The \uFFFD:Action|Crime\uFFFD",
                "6:Tom and Huck:Adventure");
        assertThat(jdbc.queryForList("select user_id || ':' || movie_id || ':' || tag from tags order by user_id, movie_id",
                String.class)).containsExactly("1:1:pixar", "1:2:f\uFFFD(n", "1:3:funny", "2:3:b\uFFFDd",
                "2:6:two\nlin\uFFFDes");
        assertThat(jdbc.queryForList("select movie_id from ratings order by movie_id", Integer.class)).containsExactly(1, 3);

        List<Map<String, Object>> repairs = jdbc.queryForList("select file, line_no, record_key, repair, "
                + "encode(raw_bytes, 'hex') as hex from etl_repairs order by file, line_no, id");
        assertThat(repairs).extracting(r -> r.get("file") + ":" + r.get("line_no") + " " + r.get("record_key") + " "
                + r.get("hex")).containsExactly(
                "movies.csv:3 2 " + hex("Juman", 0xFF, "ji (1995)"),
                "movies.csv:6 5 " + hex("Heat, The ", 0xE2, 0x82, " (1995)"),
                "movies.csv:6 5 " + hex("Action|Crime", 0xC3),
                "tags.csv:3 1,2 " + hex("f", 0xC3, 0x28, "n"),
                "tags.csv:5 2,6 " + hex("two\nlin", 0xFF, "es"),
                "tags.csv:8 2,3 " + hex("b", 0xFF, "d"));
        assertThat(repairs.get(0).get("repair")).isEqualTo("title: invalid UTF-8 (bytes ff) replaced by U+FFFD: "
                + "'Juman\uFFFDji (1995)'");
        assertThat(repairs.get(1).get("repair")).isEqualTo("title: invalid UTF-8 (bytes e282) replaced by U+FFFD: "
                + "'Heat, The \uFFFD (1995)'");
        assertThat(repairs.get(3).get("repair")).isEqualTo("tag: invalid UTF-8 (bytes c3) replaced by U+FFFD: 'f\uFFFD(n'");
        assertThat(lastStats("movies")).containsEntry("repaired", 3L).containsEntry("rejected", 1L)
                .containsEntry("inserted", 5L);
        assertThat(lastStats("tags")).containsEntry("repaired", 3L).containsEntry("inserted", 5L)
                .containsEntry("rejected", 1L);

        assertThat(count("select count(*) from etl_rejects where file = 'tags.csv' and line_no = 7")).isOne();
        List<Map<String, Object>> rejects = jdbc.queryForList("select file, line_no, raw, reason from etl_rejects "
                + "where file <> 'tags.csv' order by file");
        assertThat(rejects).extracting(r -> r.get("file") + ":" + r.get("line_no") + " " + r.get("raw") + " / "
                + r.get("reason")).containsExactly(
                "movies.csv:5 4\\xff,Broken Id (1995),Drama / movieId: invalid UTF-8 (bytes ff), found '4\\xff'; "
                        + "the field's bytes: 34ff",
                "ratings.csv:3 1,2,4\\xff.0,964982704 / rating: invalid UTF-8 (bytes ff), found '4\\xff.0'; "
                        + "the field's bytes: 34ff2e30");
        assertThat(lastStats("ratings")).containsEntry("rejected", 1L).containsEntry("inserted", 2L);
    }

    @Test
    void anEmptySnapshotDoesNotEmptyTheTable(@TempDir Path copy) throws Exception {
        copyDataSet(mlLatestSmall, copy);
        assertThat(run("movielens", "--input=" + copy)).isZero();
        Files.writeString(copy.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");

        assertThat(run("movielens", "--input=" + copy)).isEqualTo(1);

        assertThat(failure()).contains("ratings: the input holds no rows for it; refusing to delete its "
                + records("ratings.csv") + " rows");
        assertThat(count("select count(*) from ratings")).isEqualTo(records("ratings.csv"));
    }

    @Test
    void goingBackToAReleaseOfAnotherLayoutLoadsItAgain() throws Exception {
        assertThat(run("movielens", "--input=" + mlLatestSmall)).isZero();
        assertThat(run("movielens", "--input=" + fixture("ml-1m"))).isZero();
        assertThat(count("select count(*) from ratings")).isEqualTo(5);

        assertThat(run("movielens", "--input=" + mlLatestSmall)).isZero();

        assertThat(count("select count(*) from ratings")).isEqualTo(records("ratings.csv"));
        assertThat(lastStats("ratings")).containsEntry("status", "LOADED").containsEntry("input", "ratings.csv");
    }

    private long records(String file) throws IOException {
        return csvRecords(mlLatestSmall.resolve(file)).size();
    }

    private long distinctTags() throws IOException {
        return csvRecords(mlLatestSmall.resolve("tags.csv")).stream().map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2))
                .distinct().count();
    }

    private static void copyDataSet(Path from, Path to) throws IOException {
        for (String name : List.of("movies.csv", "links.csv", "ratings.csv", "tags.csv")) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }
}
