package org.movierec.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.movierec.training.data.Ratings;

/**
 * The ratings file of a MovieLens release directory, in whichever of the official layouts the release uses:
 * <ul>
 *   <li>{@code ratings.csv} (ml-latest, ml-latest-small, ml-20m and later): the header
 *       {@code userId,movieId,rating,timestamp}, then comma-separated rows;</li>
 *   <li>{@code ratings.dat} (ml-1m, ml-10m): {@code UserID::MovieID::Rating::Timestamp}, no header;</li>
 *   <li>{@code u.data} (ml-100k): {@code user item rating timestamp}, tab-separated, no header.</li>
 * </ul>
 * The first of these names found in the directory is read.
 */
record MovieLensRatingsFile(Path file, String separator, boolean header) {

    static final String CSV_HEADER = "userId,movieId,rating,timestamp";

    private static final List<MovieLensRatingsFile> LAYOUTS = List.of(
            new MovieLensRatingsFile(Path.of("ratings.csv"), ",", true),
            new MovieLensRatingsFile(Path.of("ratings.dat"), "::", false),
            new MovieLensRatingsFile(Path.of("u.data"), "\t", false));

    /**
     * @throws IllegalArgumentException when {@code release} is not a directory or holds none of the files
     */
    static MovieLensRatingsFile in(Path release) {
        if (!Files.isDirectory(release)) {
            throw new IllegalArgumentException("release directory " + release + " does not exist or is not a directory;"
                    + " expected a MovieLens release such as ml-latest-small, ml-100k or ml-1m");
        }
        for (MovieLensRatingsFile layout : LAYOUTS) {
            Path file = release.resolve(layout.file());
            if (Files.isRegularFile(file)) {
                return new MovieLensRatingsFile(file, layout.separator(), layout.header());
            }
        }
        throw new IllegalArgumentException("release directory " + release + " holds no ratings file: expected "
                + "ratings.csv, ratings.dat (UserID::MovieID::Rating::Timestamp) or u.data (tab-separated)");
    }

    /**
     * Every rating of the file, in file order.
     *
     * @throws IllegalArgumentException for a missing header, a malformed line or an empty file, naming the
     *                                  file and line
     */
    Ratings read() throws IOException {
        Columns columns = new Columns();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            String line;
            if (header) {
                line = in.readLine();
                lineNumber++;
                if (line == null || !line.strip().replace("\uFEFF", "").equals(CSV_HEADER)) {
                    throw new IllegalArgumentException(file + " line 1: expected the header " + CSV_HEADER
                            + ", got " + (line == null ? "an empty file" : "'" + line + "'"));
                }
            }
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    parse(line, lineNumber, columns);
                }
            }
        }
        if (columns.size == 0) {
            throw new IllegalArgumentException(file + " holds no ratings");
        }
        return columns.ratings();
    }

    private void parse(String line, long lineNumber, Columns columns) {
        int[] ends = new int[4];
        int from = 0;
        for (int field = 0; field < 3; field++) {
            int at = line.indexOf(separator, from);
            if (at < 0) {
                throw malformed(line, lineNumber, "4 fields");
            }
            ends[field] = at;
            from = at + separator.length();
        }
        if (line.indexOf(separator, from) >= 0) {
            throw malformed(line, lineNumber, "4 fields");
        }
        try {
            long user = Long.parseLong(line.substring(0, ends[0]).strip());
            long movie = Long.parseLong(line.substring(ends[0] + separator.length(), ends[1]).strip());
            float rating = Float.parseFloat(line.substring(ends[1] + separator.length(), ends[2]).strip());
            long time = Long.parseLong(line.substring(from).strip());
            if (!Float.isFinite(rating)) {
                throw malformed(line, lineNumber, "a finite rating");
            }
            columns.add(user, movie, rating, time);
        } catch (NumberFormatException e) {
            throw malformed(line, lineNumber, "integer user and movie ids, a numeric rating and a timestamp in epoch seconds");
        }
    }

    private IllegalArgumentException malformed(String line, long lineNumber, String expected) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new IllegalArgumentException(file + " line " + lineNumber + ": expected userId" + separatorName()
                + "movieId" + separatorName() + "rating" + separatorName() + "timestamp with " + expected + ", got '" + shown + "'");
    }

    private String separatorName() {
        return separator.equals("\t") ? "<TAB>" : separator;
    }

    /** Growing primitive columns. */
    private static final class Columns {
        private long[] users = new long[1 << 16];
        private long[] movies = new long[1 << 16];
        private float[] ratings = new float[1 << 16];
        private long[] times = new long[1 << 16];
        private int size;

        void add(long user, long movie, float rating, long time) {
            if (size == users.length) {
                int capacity = Math.multiplyExact(size, 2);
                users = Arrays.copyOf(users, capacity);
                movies = Arrays.copyOf(movies, capacity);
                ratings = Arrays.copyOf(ratings, capacity);
                times = Arrays.copyOf(times, capacity);
            }
            users[size] = user;
            movies[size] = movie;
            ratings[size] = rating;
            times[size] = time;
            size++;
        }

        Ratings ratings() {
            return Ratings.ofIds(Arrays.copyOf(users, size), Arrays.copyOf(movies, size), Arrays.copyOf(ratings, size),
                    Arrays.copyOf(times, size));
        }
    }
}
