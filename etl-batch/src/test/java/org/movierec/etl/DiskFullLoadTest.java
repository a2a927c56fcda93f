package org.movierec.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/**
 * The database's disk filling during an ingestion: the database of {@code bin/pg-disk-full} (a cluster of its own on
 * port 5441) lives on a tmpfs that the test shrinks to a few megabytes above what the first load left, so the second,
 * larger load runs out of space. The run fails with a message that names the disk, the tables are those of the first
 * load, and once the tmpfs is enlarged the same command ends with exactly the tables of a load never interrupted.
 * Mounting a tmpfs needs root: the test is skipped, saying so, when not run as root.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:postgresql://localhost:5441/movies_disk_full")
class DiskFullLoadTest extends EtlJobTest {

    private static final Path SCRIPT = Path.of("..", "bin", "pg-disk-full").toAbsolutePath().normalize();

    @BeforeAll
    static void smallDisk() throws Exception {
        assumeTrue("0".equals(output("id", "-u").strip()),
                "mounting the tmpfs of bin/pg-disk-full needs root; this test runs as uid " + output("id", "-u").strip());
        script("up", "200m");
    }

    @AfterAll
    static void removeTheDisk() throws Exception {
        if ("0".equals(output("id", "-u").strip())) {
            script("down");
        }
    }

    @Test
    void aLoadThatFillsTheDiskFailsNamingItLeavesTheTablesAsTheyWereAndLoadsExactlyOnceThereIsSpace(
            @TempDir Path small, @TempDir Path large) throws Exception {
        writeRelease(small, 5_000);
        writeRelease(large, 150_000);
        assertThat(run("movielens", "--input=" + small)).isZero();
        assertThat(run("movielens", "--input=" + large)).isZero();
        Map<String, Object> expected = snapshot();
        emptyTables();
        jdbc.execute("vacuum full");   // give the emptied tables' space back to the disk

        assertThat(run("movielens", "--input=" + small)).isZero();
        Map<String, Object> before = snapshot();
        long used = Long.parseLong(script("used").strip());
        script("resize", (used / 1024 / 1024 + 6) + "m");   // 6 MB free: the large load's ratings need several times that

        assertThat(run("movielens", "--input=" + large)).as("exit code of the load that fills the disk").isEqualTo(1);
        assertThat(failure()).startsWith("the database server's disk is full: the disk of tablespace movierec_disk_full "
                + "(/var/lib/postgresql/movierec-disk-full on the server) has no space left (PostgreSQL: could not extend file")
                .contains("No space left on device").contains("The tables are as they were before this run");
        assertThat(snapshot()).as("the tables after the failed load").isEqualTo(before);

        script("resize", "200m");
        assertThat(run("movielens", "--input=" + large)).as("the same command once there is space").isZero();
        assertThat(snapshot()).isEqualTo(expected);
    }

    /** What a load writes that the user sees, reduced to comparable values. */
    private Map<String, Object> snapshot() {
        return Map.of(
                "ratings", jdbc.queryForObject("""
                        select count(*) || ':' || coalesce(md5(string_agg(user_id || ',' || movie_id || ',' || rating || ','
                               || extract(epoch from rated_at), ';' order by user_id, movie_id)), '') from ratings""", String.class),
                "movies", jdbc.queryForObject("select count(*) || ':' || coalesce(md5(string_agg(movies::text, ';' "
                        + "order by movie_id)), '') from movies", String.class),
                "stats", jdbc.queryForList("select movie_id || ':' || ratings || ':' || rating_sum from movie_rating_stats "
                        + "order by movie_id", String.class).hashCode(),
                "loads", jdbc.queryForList("""
                        select table_name || ' read ' || rows_read || ' ins ' || inserted || ' upd ' || updated || ' same '
                               || unchanged || ' del ' || deleted || ' rej ' || rejected
                          from etl_load_stats where status = 'LOADED' order by id""", String.class));
    }

    /** A MovieLens CSV release of 200 movies and {@code ratings} ratings (users of about 70 ratings each). */
    private static void writeRelease(Path directory, int ratings) throws IOException {
        try (BufferedWriter movies = Files.newBufferedWriter(directory.resolve("movies.csv"))) {
            movies.write("movieId,title,genres\n");
            for (int movie = 1; movie <= 200; movie++) {
                movies.write(movie + ",Movie " + movie + " (" + (1950 + movie % 70) + "),Drama|Comedy\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("ratings.csv"))) {
            out.write("userId,movieId,rating,timestamp\n");
            for (int n = 0; n < ratings; n++) {
                int user = 1 + n / 70;
                int movie = 1 + (n % 70) * 2 + user % 2;
                out.write(user + "," + movie + "," + (1 + n % 10) / 2.0 + "," + (1_400_000_000L + n) + "\n");
            }
        }
    }

    private static String script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("bin/pg-disk-full %s: %s", String.join(" ", args), text).isZero();
        return text;
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text;
    }
}
