package org.movierec.serving.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ColdStartTest {

    @Test
    void mostLikedFirstTiesByMovieIdWithEachDampedMeanBeside() {
        // movie 7: one 5 (1 liked); movie 1: 4 and 5 (2 liked); movie 2: one 5 (1 liked); movie 3: one 1 (0 liked).
        // mu = 20 / 5 = 4, m = 1: 7 and 2: (5 + 4) / 2 = 4.5; 1: (9 + 4) / 3 = 4.333; 3: (1 + 4) / 2 = 2.5
        ColdStart ranking = ColdStart.rank(List.of(new ColdStart.Totals(7, 1, 5.0, 1), new ColdStart.Totals(1, 2, 9.0, 2),
                new ColdStart.Totals(2, 1, 5.0, 1), new ColdStart.Totals(3, 1, 1.0, 0)), 1);

        assertThat(ranking.globalMean()).isEqualTo(4f);
        assertThat(ranking.ids()).containsExactly(1, 2, 7, 3);
        assertThat(ranking.scores()).containsExactly(2f, 1f, 1f, 0f);
        assertThat(ranking.means()[0]).isCloseTo(13f / 3, within(1e-6f));
        assertThat(ranking.means()[1]).isEqualTo(4.5f);
        assertThat(ranking.means()[3]).isEqualTo(2.5f);
    }

    @Test
    void noRatingsNoRankingAndNoMean() {
        ColdStart ranking = ColdStart.rank(List.of(), 25);

        assertThat(ranking.ids()).isEmpty();
        assertThat(ranking.globalMean()).isNaN();
    }
}
