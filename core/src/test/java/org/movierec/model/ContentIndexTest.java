package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentIndexTest {

    // Three movies over features a, b, c with unit vectors:
    // 1 = (0.6, 0.8, 0), 2 = (0.6, 0, 0.8), 3 = (0, 0, 1)
    // cos(1,2) = 0.36, cos(1,3) = 0, cos(2,3) = 0.8
    private final ContentIndex index = new ContentIndex(IdIndex.of(new long[] {1, 2, 3}), new int[] {0, 2, 4, 5},
            new int[] {0, 1, 0, 2, 2}, new float[] {0.6f, 0.8f, 0.6f, 0.8f, 1f}, List.of("genre:a", "tag:b", "tag:c"));

    @Test
    void similarTitlesAreRankedByCosineAndExcludeTheMovieItself() {
        List<ContentIndex.Similar> similar = index.similarTo(2, 5);

        assertThat(similar).extracting(ContentIndex.Similar::movieId).containsExactly(3L, 1L);
        assertThat(similar.get(0).similarity()).isCloseTo(0.8f, within(1e-6f));
        assertThat(similar.get(1).similarity()).isCloseTo(0.36f, within(1e-6f));
        assertThat(index.similarTo(1, 5)).extracting(ContentIndex.Similar::movieId).containsExactly(2L);
        assertThat(index.similarTo(2, 1)).extracting(ContentIndex.Similar::movieId).containsExactly(3L);
        assertThat(index.similarTo(99, 5)).isEmpty();
    }

    @Test
    void featuresAreListedHeaviestFirst() {
        assertThat(index.features(1)).containsExactly("tag:b", "genre:a");
    }

    @Test
    void saveAndLoadGiveTheSameAnswers(@TempDir Path dir) throws IOException {
        index.save(dir);

        ContentIndex loaded = ContentIndex.load(dir);

        assertThat(loaded.similarTo(2, 5)).isEqualTo(index.similarTo(2, 5));
        assertThat(loaded.features(1)).isEqualTo(index.features(1));
    }
}
