package org.movierec.serving.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

class ItemVectorsTest {

    /** 500 random unit-length vectors of 8 dimensions. */
    private static ItemVectors.Unit randomUnit() {
        int items = 500;
        int cols = 8;
        SplittableRandom random = new SplittableRandom(7);
        float[] rows = new float[items * cols];
        for (int r = 0; r < items; r++) {
            double norm = 0;
            for (int c = 0; c < cols; c++) {
                rows[r * cols + c] = (float) random.nextGaussian();
                norm += rows[r * cols + c] * rows[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                rows[r * cols + c] /= (float) Math.sqrt(norm);
            }
        }
        return new ItemVectors.Unit(items, cols, rows);
    }

    /** The answer of a scan of every item, with nothing kept. */
    private static int[] scanned(ItemVectors.Unit unit, int item, int n, IntPredicate keep) {
        TopN top = new TopN(n);
        for (int i = 0; i < 500; i++) {
            if (i != item && keep.test(i)) {
                top.offer(i, unit.cosine(item, i));
            }
        }
        return top.indices();
    }

    @Test
    void theKeptNeighboursAnswerAsAScanOfEveryItemWouldWhateverTheFilter() {
        ItemVectors.Unit unit = randomUnit();
        IntPredicate all = i -> true;
        IntPredicate even = i -> i % 2 == 0;
        IntPredicate rare = i -> i % 50 == 0;   // 10 items: the kept neighbours hold too few, so it scans
        for (int item : new int[] {0, 17, 499}) {
            for (int n : new int[] {1, 10, 100, 128, 200}) {
                for (IntPredicate keep : new IntPredicate[] {all, even, rare}) {
                    // asked twice: the second answer comes from what the first kept
                    assertThat(unit.mostSimilar(item, n, keep)).isEqualTo(scanned(unit, item, n, keep));
                    assertThat(unit.mostSimilar(item, n, keep)).isEqualTo(scanned(unit, item, n, keep));
                }
            }
        }
    }
}
