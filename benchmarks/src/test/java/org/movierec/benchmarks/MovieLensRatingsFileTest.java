package org.movierec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.training.data.Ratings;

class MovieLensRatingsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsRatingsCsvWithItsHeader() throws IOException {
        Files.writeString(dir.resolve("ratings.csv"), """
                userId,movieId,rating,timestamp
                1,31,2.5,1260759144
                7,1029,3.0,1260759179
                1,1061,0.5,1260759182
                """);

        Ratings ratings = MovieLensRatingsFile.in(dir).read();

        assertThat(rows(ratings)).containsExactly("1,31,2.5,1260759144", "7,1029,3.0,1260759179", "1,1061,0.5,1260759182");
        assertThat(ratings.users().ids()).containsExactly(1, 7);
    }

    @Test
    void readsTheDoubleColonLayoutOfMl1m() throws IOException {
        Files.writeString(dir.resolve("ratings.dat"), "1::1193::5::978300760\n6040::1097::4::956715518\n");

        assertThat(rows(MovieLensRatingsFile.in(dir).read())).containsExactly("1,1193,5.0,978300760", "6040,1097,4.0,956715518");
    }

    @Test
    void readsTheTabSeparatedUDataOfMl100k() throws IOException {
        Files.writeString(dir.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|...\n");

        assertThat(rows(MovieLensRatingsFile.in(dir).read())).containsExactly("196,242,3.0,881250949", "186,302,3.0,891717742");
    }

    @Test
    void ratingsCsvComesFirstWhenSeveralLayoutsArePresent() throws IOException {
        Files.writeString(dir.resolve("u.data"), "196\t242\t3\t881250949\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n5,6,4.5,7\n");

        assertThat(rows(MovieLensRatingsFile.in(dir).read())).containsExactly("5,6,4.5,7");
    }

    @Test
    void aMissingHeaderIsNamedWithTheFile() throws IOException {
        Files.writeString(dir.resolve("ratings.csv"), "1,31,2.5,1260759144\n");

        assertThatThrownBy(() -> MovieLensRatingsFile.in(dir).read())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratings.csv line 1: expected the header userId,movieId,rating,timestamp")
                .hasMessageContaining("'1,31,2.5,1260759144'");
    }

    @Test
    void aMalformedLineIsNamedWithItsNumberAndTheExpectedLayout() throws IOException {
        Files.writeString(dir.resolve("ratings.dat"), "1::1193::5::978300760\n2::x::4::978300761\n");
        Files.writeString(dir.resolve("u.data"), "1\t2\t3\n");

        assertThatThrownBy(() -> MovieLensRatingsFile.in(dir).read())
                .hasMessageContaining("ratings.dat line 2: expected userId::movieId::rating::timestamp")
                .hasMessageContaining("'2::x::4::978300761'");
        Files.delete(dir.resolve("ratings.dat"));
        assertThatThrownBy(() -> MovieLensRatingsFile.in(dir).read())
                .hasMessageContaining("u.data line 1: expected userId<TAB>movieId<TAB>rating<TAB>timestamp with 4 fields");
    }

    @Test
    void aDirectoryWithoutRatingsOrAnEmptyFileIsRejected() throws IOException {
        assertThatThrownBy(() -> MovieLensRatingsFile.in(dir))
                .hasMessageContaining("holds no ratings file: expected ratings.csv, ratings.dat");
        assertThatThrownBy(() -> MovieLensRatingsFile.in(dir.resolve("ml-1m")))
                .hasMessageContaining("ml-1m does not exist or is not a directory");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        assertThatThrownBy(() -> MovieLensRatingsFile.in(dir).read()).hasMessageContaining("ratings.csv holds no ratings");
    }

    private static String[] rows(Ratings ratings) {
        String[] rows = new String[ratings.size()];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = ratings.users().idAt(ratings.user(row)) + "," + ratings.items().idAt(ratings.item(row)) + ","
                    + ratings.rating(row) + "," + ratings.time(row);
        }
        return rows;
    }
}
