package org.movierec.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void keepsTheMostFrequentInIndexOrder() {
        // counts 5, 0, 2, 7, 2: the three most frequent are 3 (7), 0 (5) and 2 (2, which wins the tie with 4)
        Columns columns = Columns.mostFrequent(new int[] {5, 0, 2, 7, 2}, 3);

        assertThat(columns.indexAt()).containsExactly(0, 2, 3);
        assertThat(columns.columnOf()).containsExactly(0, -1, 1, 2, -1);
        assertThat(columns.size()).isEqualTo(3);
    }

    @Test
    void leavesOutIndicesWithoutCounts() {
        Columns columns = Columns.mostFrequent(new int[] {0, 1, 0}, 10);

        assertThat(columns.indexAt()).containsExactly(1);
        assertThat(columns.columnOf()).containsExactly(-1, 0, -1);
    }

    @Test
    void countsTheIndicesOfRows() {
        // rows of indices 3, 1, 3, 0, 3, 1: counts 1, 2, 0, 3; the two most frequent are 3 and 1
        int[] indexOfRow = {3, 1, 3, 0, 3, 1};
        Columns columns = Columns.mostFrequent(4, indexOfRow.length, row -> indexOfRow[row], 2);

        assertThat(columns.indexAt()).containsExactly(1, 3);
        assertThat(columns.columnOf()).containsExactly(-1, 0, -1, 1);
    }
}
