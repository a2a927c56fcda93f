package org.movierec.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.testing.JavaProcess;
import org.springframework.beans.factory.annotation.Value;

/**
 * A load killed with SIGKILL part-way and started again with the same input ends with exactly
 * the tables, statistics and rejects of a load that was never interrupted. The killed run is a
 * separate JVM, as a user's would be.
 */
class RestartAfterKillTest extends EtlJobTest {

    private static final int RATINGS = 300_000;
    private static final String CHUNK = "--chunk-size=2000";

    @Value("${spring.datasource.url}")
    private String databaseUrl;

    @Test
    void killedWhileStagingThenRestartedGivesTheTablesOfAnUninterruptedRun(@TempDir Path input) throws Exception {
        writeRelease(input, 1);
        assertThat(run("movielens", "--input=" + input, CHUNK)).isZero();
        Map<String, Object> expected = snapshot();
        emptyTables();

        Process killed = start("movielens", "--input=" + input, CHUNK);
        awaitThenKill(killed, """
                select count(*) from batch_step_execution
                 where step_name = 'movielens.stage.ratings' and status = 'STARTED' and commit_count >= 20""");
        assertThat(count("select count(*) from batch_job_execution where status = 'STARTED'")).as("left behind").isOne();
        assertThat(count("select count(*) from staging.ratings")).as("committed chunks").isPositive();

        assertThat(run("movielens", "--input=" + input, CHUNK)).isZero();

        assertThat(snapshot()).isEqualTo(expected);
        assertThat(count("select count(distinct run_id) from etl_load_stats where status = 'LOADED'")).isOne();
    }

    @Test
    void killedWhileMergingAWeeklyUpdateThenRestartedGivesTheTablesOfAnUninterruptedRun(@TempDir Path week1,
                                                                                          @TempDir Path week2) throws Exception {
        writeRelease(week1, 1);
        writeRelease(week2, 2);
        assertThat(run("movielens", "--input=" + week1, CHUNK)).isZero();
        assertThat(run("movielens", "--input=" + week2, CHUNK)).isZero();
        Map<String, Object> expected = snapshot();
        emptyTables();

        assertThat(run("movielens", "--input=" + week1, CHUNK)).isZero();
        Process killed = start("movielens", "--input=" + week2, CHUNK);
        awaitThenKill(killed, "select count(*) from batch_step_execution where step_name = 'movielens.merge' and status = 'STARTED'");
        assertThat(count("select count(distinct run_id) from etl_load_stats where status = 'LOADED'"))
                .as("the killed merge committed nothing").isOne();

        assertThat(run("movielens", "--input=" + week2, CHUNK)).isZero();

        assertThat(snapshot()).isEqualTo(expected);
    }

    /** Everything a load writes, reduced to comparable values (run ids and timings aside). */
    private Map<String, Object> snapshot() {
        return Map.of(
                "ratings", jdbc.queryForObject("""
                        select count(*) || ':' || md5(string_agg(user_id || ',' || movie_id || ',' || rating || ','
                               || extract(epoch from rated_at), ';' order by user_id, movie_id)) from ratings""", String.class),
                "movies", jdbc.queryForObject("select count(*) || ':' || md5(string_agg(movies::text, ';' order by movie_id)) from movies",
                        String.class),
                "users", jdbc.queryForObject("select count(*) || ':' || md5(string_agg(users::text, ';' order by user_id)) from users",
                        String.class),
                "rejects", jdbc.queryForList("select file || ':' || line_no || ':' || reason from etl_rejects order by file, line_no",
                        String.class),
                "stats", jdbc.queryForList("""
                        select table_name || ' read ' || rows_read || ' ins ' || inserted || ' upd ' || updated || ' same '
                               || unchanged || ' del ' || deleted || ' rej ' || rejected
                          from etl_load_stats where status = 'LOADED' order by id""", String.class));
    }

    private Process start(String... args) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.add("--spring.datasource.url=" + databaseUrl);
        arguments.add("--etl.cache-dir=" + Files.createTempDirectory("etl-cache"));
        return new ProcessBuilder(JavaProcess.command(EtlApplication.class, arguments)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "killed-run.log").toFile())).start();
    }

    /** Waits until the query counts a row, then sends SIGKILL. */
    private void awaitThenKill(Process process, String query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count(query) == 0) {
            assertThat(process.isAlive()).as("the run ended before it could be killed; see target/killed-run.log").isTrue();
            assertThat(System.nanoTime()).as("waited 120 s for: " + query).isLessThan(deadline);
            Thread.sleep(5);
        }
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    /**
     * A MovieLens CSV release: 200 movies and {@value #RATINGS} ratings, a few of them malformed.
     * Week 2 changes every 10th rating, drops every 7th and adds a new user.
     */
    private static void writeRelease(Path directory, int week) throws IOException {
        try (BufferedWriter movies = Files.newBufferedWriter(directory.resolve("movies.csv"))) {
            movies.write("movieId,title,genres\n");
            for (int movie = 1; movie <= 200; movie++) {
                movies.write(movie + ",Movie " + movie + " (" + (1950 + movie % 70) + "),Drama|Comedy\n");
            }
        }
        Random random = new Random(7);
        try (BufferedWriter ratings = Files.newBufferedWriter(directory.resolve("ratings.csv"))) {
            ratings.write("userId,movieId,rating,timestamp\n");
            int written = 0;
            for (int user = 1; written < RATINGS; user++) {
                for (int movie = 1; movie <= 200 && written < RATINGS; movie += 1 + random.nextInt(3), written++) {
                    int halfSteps = 1 + random.nextInt(10);
                    if (week == 2 && written % 7 == 0) {
                        continue;
                    }
                    if (week == 2 && written % 10 == 0) {
                        halfSteps = 11 - halfSteps;
                    }
                    ratings.write(user + "," + movie + "," + halfSteps / 2.0 + "," + (1_400_000_000L + written) + "\n");
                    if (written % 50_000 == 1) {
                        ratings.write(user + "," + movie + ",not-a-rating,1400000000\n");
                    }
                }
            }
            if (week == 2) {
                ratings.write("999999,1,4.5,1500000000\n");
            }
        }
    }
}
