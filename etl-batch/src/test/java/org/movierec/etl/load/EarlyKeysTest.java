package org.movierec.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.etl.EtlJobTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A first load of ratings into the table partitioned by user (V12): the partitions' keys built while later users are
 * copied when the file is sorted by user, and the same rows loaded when it is not.
 */
@ExtendWith(OutputCaptureExtension.class)
class EarlyKeysTest extends EtlJobTest {

    /** Users in four partitions (25,000 users each, V12); the last is left to the hand-over. */
    private static final long[] USERS = {1, 2, 25_001, 25_002, 50_001, 75_001};
    private static final int MOVIES = 600;

    @Test
    void aFileSortedByUserGetsEachPassedPartitionsKeyWhileLaterUsersAreCopied(@TempDir Path release,
                                                                                CapturedOutput output) throws Exception {
        List<String> ratings = sortedRatings();
        write(release, ratings);

        assertThat(run("movielens", "--input=" + release, "--chunk-size=1000")).isZero();

        for (String partition : List.of("ratings_p00", "ratings_p01", "ratings_p02")) {
            assertThat(output).contains("staging." + partition + ": primary key built while later rows were copied");
        }
        assertThat(output).doesNotContain("staging.ratings_p03: primary key built");
        assertLoaded(ratings.size(), 4.0f);
        assertThat(jdbc.queryForList("select conname from pg_constraint where contype = 'p' and conrelid in "
                + "('ratings'::regclass, 'ratings_p00'::regclass, 'ratings_p03'::regclass) order by 1", String.class))
                .containsExactly("ratings_p00_pkey", "ratings_p03_pkey", "ratings_pkey");
        assertThat(stagingKeys()).as("the staging table made anew, without keys").isZero();
        assertThat(count("select count(*) from pg_inherits where inhparent = 'staging.ratings'::regclass")).isEqualTo(16);
    }

    @Test
    void aRowGoingBackToAKeyedPartitionDropsTheEarlyKeysAndItsKeyStagedTwiceIsRejected(@TempDir Path release,
                                                                                        CapturedOutput output)
            throws Exception {
        List<String> ratings = sortedRatings();
        // user 1 again, after users of three later partitions
        List<String> lines = withLine(ratings, ratings.size(), "1,1,2.5,1500000000");
        write(release, lines);

        assertThat(run("movielens", "--input=" + release, "--chunk-size=1000")).isZero();

        assertThat(output).contains("staging.ratings: line " + (lines.size() + 1) + " goes back to a partition the input "
                + "had passed");
        assertLoaded(ratings.size(), 2.5f);
        assertThat(lastStats("ratings")).containsEntry("rejected", 1L);
        assertThat(jdbc.queryForObject("select reason from etl_rejects where file = 'ratings.csv'", String.class))
                .startsWith("duplicate key (user_id, movie_id)");
    }

    @Test
    void aKeyStagedTwiceInOrderLeavesItsPartitionToTheEndAndTheNextRunDropsTheOtherKeys(@TempDir Path release,
                                                                                          CapturedOutput output)
            throws Exception {
        List<String> ratings = sortedRatings();
        List<String> lines = withLine(ratings, 1, "1,1,2.5,1500000000");   // user 1 rates movie 1 twice, both in order
        write(release, lines);

        assertThat(run("movielens", "--input=" + release, "--chunk-size=1000")).isZero();

        assertThat(output).contains("staging.ratings_p00: primary key not built early");
        assertThat(output).contains("staging.ratings_p01: primary key built while later rows were copied");
        assertLoaded(ratings.size(), 2.5f);
        assertThat(lastStats("ratings")).containsEntry("rejected", 1L);
        assertThat(stagingKeys()).as("left by the merge the load fell back to").isPositive();

        assertThat(run("movielens", "--input=" + release, "--force")).isZero();
        assertThat(stagingKeys()).isZero();
        assertLoaded(ratings.size(), 2.5f);
    }

    /** Each user rates every movie, in the order of a MovieLens file: by user, then by movie. */
    private static List<String> sortedRatings() {
        List<String> lines = new ArrayList<>();
        for (long user : USERS) {
            for (int movie = 1; movie <= MOVIES; movie++) {
                lines.add(user + "," + movie + "," + (user == 1 && movie == 1 ? "4.0" : "3.5") + ",1400000000");
            }
        }
        return lines;
    }

    private static List<String> withLine(List<String> ratings, int index, String line) {
        List<String> lines = new ArrayList<>(ratings);
        lines.add(index, line);
        return lines;
    }

    private static void write(Path release, List<String> ratings) throws IOException {
        List<String> movies = new ArrayList<>(List.of("movieId,title,genres"));
        for (int movie = 1; movie <= MOVIES; movie++) {
            movies.add(movie + ",Movie " + movie + " (2000),Drama");
        }
        Files.write(release.resolve("movies.csv"), movies);
        List<String> lines = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
        lines.addAll(ratings);
        Files.write(release.resolve("ratings.csv"), lines);
    }

    private void assertLoaded(long rows, float firstRating) {
        assertThat(count("select count(*) from ratings")).isEqualTo(rows);
        assertThat(count("select count(distinct (user_id, movie_id)) from ratings")).isEqualTo(rows);
        assertThat(jdbc.queryForList("select user_id from ratings group by user_id order by 1", Long.class))
                .containsExactly(1L, 2L, 25_001L, 25_002L, 50_001L, 75_001L);
        assertThat(jdbc.queryForObject("select rating from ratings where user_id = 1 and movie_id = 1", Float.class))
                .isEqualTo(firstRating);
        assertThat(count("select count(*) from ratings_p01")).isEqualTo(2L * MOVIES);
    }

    private long stagingKeys() {
        return count("""
                select count(*) from pg_constraint k join pg_inherits i on i.inhrelid = k.conrelid
                 where i.inhparent = 'staging.ratings'::regclass and k.contype = 'p'""");
    }
}
