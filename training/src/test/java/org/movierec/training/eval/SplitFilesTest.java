package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.training.data.Ratings;

class SplitFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTrainAndTestWithExternalIds() throws IOException {
        Ratings ratings = TestRatings.of(new double[] {7, 42, 3.5, 1_000}, new double[] {7, 5, 4, 2_000},
                new double[] {9, 42, 0.5, 1_500});
        Split split = new Split("fold-2", ratings.subset(new int[] {0, 2}), ratings.subset(new int[] {1}));

        SplitFiles.Written written = SplitFiles.write(split, dir.resolve("splits"));

        assertThat(written.train()).isEqualTo(dir.resolve("splits/fold-2-train.csv"));
        assertThat(Files.readAllLines(written.train()))
                .containsExactly("userId,movieId,rating,timestamp", "7,42,3.5,1000", "9,42,0.5,1500");
        assertThat(Files.readAllLines(written.test()))
                .containsExactly("userId,movieId,rating,timestamp", "7,5,4.0,2000");
    }
}
