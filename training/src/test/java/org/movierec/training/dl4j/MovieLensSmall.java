package org.movierec.training.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.movierec.training.data.Ratings;

/**
 * The ml-latest-small ratings ({@code userId,movieId,rating,timestamp}) read straight from the shared data
 * directory, and a random per-user split of them, for the measurements of the DL4J trainers.
 */
final class MovieLensSmall {

    /** The file, from {@code -Dml.latest.small=...} or the shared data next to the repository. */
    static final Path FILE = Path.of(System.getProperty("ml.latest.small",
            Path.of("").toAbsolutePath().resolve("../../shared/data/ml-latest-small/ratings.csv").normalize()
                    .toString()));

    private MovieLensSmall() {
    }

    static boolean present() {
        return Files.isRegularFile(FILE);
    }

    static Ratings load() {
        try {
            List<String> lines = Files.readAllLines(FILE);
            int n = lines.size() - 1;
            long[] users = new long[n];
            long[] movies = new long[n];
            float[] ratings = new float[n];
            long[] times = new long[n];
            for (int k = 0; k < n; k++) {
                String[] fields = lines.get(k + 1).split(",");
                users[k] = Long.parseLong(fields[0]);
                movies[k] = Long.parseLong(fields[1]);
                ratings[k] = Float.parseFloat(fields[2]);
                times[k] = Long.parseLong(fields[3]);
            }
            return Ratings.ofIds(users, movies, ratings, times);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code [train, test]}: each user's ratings shuffled, {@code testFraction} of them (rounded down) to test. */
    static Ratings[] split(Ratings all, double testFraction, long seed) {
        Random random = new Random(seed);
        Ratings.ByUser byUser = all.byUser();
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int u = 0; u < all.users().size(); u++) {
            int[] rows = byUser.rows(u);
            AutoRecTrainer.shuffle(rows, random);
            int testCount = (int) (rows.length * testFraction);
            for (int k = 0; k < rows.length; k++) {
                (k < testCount ? test : train).add(rows[k]);
            }
        }
        return new Ratings[] {all.subset(toArray(train)), all.subset(toArray(test))};
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
