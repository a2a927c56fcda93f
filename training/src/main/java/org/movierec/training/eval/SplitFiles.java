package org.movierec.training.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.model.IdIndex;
import org.movierec.training.data.Ratings;

/**
 * Writes a split as two CSV files so that an external benchmark trains and tests on the very same ratings.
 * Each file has the header {@code userId,movieId,rating,timestamp} and one rating per line with the
 * external ids (MovieLens user and movie ids), the rating as a decimal ({@code 3.5}, {@code 4.0}) and the
 * time in epoch seconds, rows in the order of the split. With Python Surprise:
 * {@code Reader(line_format="user item rating timestamp", sep=",", skip_lines=1, rating_scale=(0.5, 5))}.
 */
public final class SplitFiles {

    public static final String HEADER = "userId,movieId,rating,timestamp";

    private SplitFiles() {
    }

    /** The two files written for a split. */
    public record Written(Path train, Path test) {
    }

    /**
     * Writes {@code <name>-train.csv} and {@code <name>-test.csv} into {@code dir} (created if missing),
     * replacing files of those names.
     */
    public static Written write(Split split, Path dir) throws IOException {
        Files.createDirectories(dir);
        Written written = new Written(dir.resolve(split.name() + "-train.csv"), dir.resolve(split.name() + "-test.csv"));
        write(split.train(), written.train());
        write(split.test(), written.test());
        return written;
    }

    /** Writes the ratings to {@code file}, replacing it. */
    public static void write(Ratings ratings, Path file) throws IOException {
        IdIndex users = ratings.users();
        IdIndex items = ratings.items();
        StringBuilder line = new StringBuilder(64);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int row = 0; row < ratings.size(); row++) {
                line.setLength(0);
                line.append(users.idAt(ratings.user(row))).append(',')
                        .append(items.idAt(ratings.item(row))).append(',')
                        .append(ratings.rating(row)).append(',')
                        .append(ratings.time(row)).append('\n');
                out.append(line);
            }
        }
    }
}
