package org.movierec.training.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.model.ContentIndex;

class ContentIndexBuilderTest {

    @Test
    void weightsAreTfIdfNormalisedAndSingleMovieFeaturesAreDropped() {
        // features 0 genre:a, 1 tag:x, 2 person:p, 3 genre:b
        // movie 1: genre:a x1, tag:x x3; movie 2: genre:a, tag:x, person:p; movie 3: genre:b
        // df: a 2, x 2, p 1 (dropped), b 1 (dropped) -> movie 3 keeps nothing and leaves the index.
        // N = 3, idf(a) = idf(x) = ln(3/2). Movie 1: a = 1 * idf, x = (1 + ln 3) * idf = 2.0986 * idf;
        // normalised: a = 1 / sqrt(1 + 2.0986^2) = 0.43016, x = 0.90275. Movie 2: a = x = 0.70711.
        // cos(1, 2) = 0.70711 * (0.43016 + 0.90275) = 0.94252
        ContentIndex index = ContentIndexBuilder.weigh(List.of(1L, 2L, 3L),
                List.of(new int[] {0, 1, 1, 3}, new int[] {0, 1, 1, 1, 2, 1}, new int[] {3, 1}),
                List.of("genre:a", "tag:x", "person:p", "genre:b"));

        assertThat(index.items().ids()).containsExactly(1L, 2L);
        assertThat(index.featureCount()).isEqualTo(2);
        assertThat(index.features(1)).containsExactly("tag:x", "genre:a");
        assertThat(index.similarTo(1, 5)).singleElement()
                .satisfies(similar -> assertThat(similar.similarity()).isCloseTo(0.94252f, within(1e-4f)));
    }
}
