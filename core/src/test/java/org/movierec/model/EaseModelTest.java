package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EaseModelTest {

    /** Five items; item 0's row: -0.2 to item 1, 0.3 to items 2 and 3; item 1's: 0.5 to item 0; item 4 not modelled. */
    private final EaseModel model = new EaseModel(IdIndex.of(new long[] {10, 20, 30, 40, 50}),
            new int[] {0, 3, 4, 4, 4, 4}, new int[] {1, 2, 3, 0}, new float[] {-0.2f, 0.3f, 0.3f, 0.5f},
            new int[] {0, 1, 2, 3});

    @Test
    void neighboursAreTheRowsPositiveWeightsLargestFirstTiesByIndex() {
        assertThat(model.neighbours(0)).containsExactly(new EaseModel.Neighbour(2, 0.3f), new EaseModel.Neighbour(3, 0.3f));
        assertThat(model.neighbours(1)).containsExactly(new EaseModel.Neighbour(0, 0.5f));
        assertThat(model.neighbours(2)).isEmpty();
    }

    @Test
    void unmodelledItemsScoreBelowEveryRealScore() {
        float[] scores = model.score(new UserRatings(new int[] {0}, new float[] {5}));
        assertThat(scores).containsExactly(0f, -0.2f, 0.3f, 0.3f, EaseModel.UNMODELLED);
    }
}
