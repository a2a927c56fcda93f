package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdIndexTest {

    @Test
    void indicesFollowTheAscendingIds() {
        IdIndex index = IdIndex.of(new long[] {30, 10, 20, 10});

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.ids()).containsExactly(10, 20, 30);
        assertThat(index.indexOf(10)).isZero();
        assertThat(index.indexOf(30)).isEqualTo(2);
        assertThat(index.idAt(1)).isEqualTo(20);
    }

    @Test
    void denseIdsAnswerUnknownIdsWithMinusOne() {
        IdIndex index = IdIndex.of(new long[] {1, 2, 5, 900});

        assertThat(index.indexOf(5)).isEqualTo(2);
        assertThat(index.indexOf(900)).isEqualTo(3);
        for (long unknown : new long[] {0, 3, 899, 901, 1_000_000, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(index.indexOf(unknown)).as("id %d", unknown).isEqualTo(-1);
        }
    }

    @Test
    void sparseAndNegativeIdsAreFoundAsWell() {
        long[] sparse = {-7, 0, 3, 5_000_000_000L, Long.MAX_VALUE};
        IdIndex index = IdIndex.of(sparse);

        for (int i = 0; i < sparse.length; i++) {
            assertThat(index.indexOf(sparse[i])).as("id %d", sparse[i]).isEqualTo(i);
        }
        assertThat(index.indexOf(4)).isEqualTo(-1);
        assertThat(index.indexOf(-8)).isEqualTo(-1);
    }

    @Test
    void aLargeDenseIndexFindsEveryId() {
        long[] ids = new long[50_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 3L * i + 1;   // every third id up to 150,000: looked up by table
        }
        IdIndex index = IdIndex.fromSorted(ids);

        for (int i = 0; i < ids.length; i++) {
            assertThat(index.indexOf(ids[i])).isEqualTo(i);
            assertThat(index.indexOf(ids[i] + 1)).isEqualTo(-1);
        }
    }

    @Test
    void savedIdsMustBeStrictlyAscending() {
        assertThatThrownBy(() -> IdIndex.fromSorted(new long[] {1, 3, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 2 holds 3 after 3");
    }
}
