package org.movierec.serving.recommendation;

import java.util.Optional;
import java.util.function.IntPredicate;

import org.movierec.model.FloatMatrix;
import org.movierec.model.Recommender;
import org.movierec.serving.model.ModelSwappedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

/**
 * The served model's item vectors scaled to unit length, computed once per model (on the swap, or on first use),
 * so the cosine of two items is a plain dot product. Models without item vectors have none.
 */
@Component
class ItemVectors {

    /**
     * Unit-length item vectors, one row of {@code cols} per item; a zero vector stays zero (similar to nothing).
     * Each item's {@link #KEPT} most similar items are kept once computed (for {@link #KEPT_ITEMS} items at most,
     * the least recently asked dropped first), so a movie asked about again costs no scan of every item.
     */
    static final class Unit {

        /** How many neighbours of an item are kept: enough for the largest {@code n} of an answer and a margin. */
        static final int KEPT = 128;
        /** For how many items at most: about 1 KB each. */
        static final int KEPT_ITEMS = 20_000;

        private final int items;
        private final int cols;
        private final float[] rows;
        private final ConcurrentLruCache<Integer, int[]> neighbours =
                new ConcurrentLruCache<>(KEPT_ITEMS, item -> scan(item, KEPT, index -> true));

        Unit(int items, int cols, float[] rows) {
            this.items = items;
            this.cols = cols;
            this.rows = rows;
        }

        float cosine(int a, int b) {
            float dot = 0;
            for (int c = 0; c < cols; c++) {
                dot += rows[a * cols + c] * rows[b * cols + c];
            }
            return dot;
        }

        /**
         * The {@code n} items most similar to {@code item} (itself excluded) that {@code keep} accepts, best first:
         * from its kept neighbours when they hold {@code n} that {@code keep} accepts, else by a scan of every item.
         */
        int[] mostSimilar(int item, int n, IntPredicate keep) {
            int[] kept = neighbours.get(item);
            int[] answer = new int[Math.min(n, kept.length)];
            int found = 0;
            for (int i = 0; i < kept.length && found < answer.length; i++) {
                if (keep.test(kept[i])) {
                    answer[found++] = kept[i];
                }
            }
            if (found == n || kept.length < KEPT && found == answer.length) {
                return answer;   // every item that is not filtered out was among the kept ones
            }
            return scan(item, n, keep);
        }

        private int[] scan(int item, int n, IntPredicate keep) {
            TopN top = new TopN(n);
            for (int i = 0; i < items; i++) {
                if (i != item) {
                    float similarity = cosine(item, i);
                    if (top.wouldKeep(i, similarity) && keep.test(i)) {
                        top.offer(i, similarity);
                    }
                }
            }
            return top.indices();
        }
    }

    /** The last model looked at, with its unit vectors or an empty optional; replaced as a whole. */
    private volatile Computed last;

    private record Computed(Recommender source, Optional<Unit> unit) {
    }

    @EventListener
    void onSwap(ModelSwappedEvent event) {
        if (event.model() != null) {
            of(event.model().recommender());
        }
    }

    /** The unit item vectors of {@code model}; empty when it has no item vectors. */
    Optional<Unit> of(Recommender model) {
        Computed known = last;
        if (known != null && known.source() == model) {
            return known.unit();
        }
        synchronized (this) {
            if (last == null || last.source() != model) {
                last = new Computed(model, model.itemVectors().map(vectors -> normalise(vectors)));
            }
            return last.unit();
        }
    }

    private static Unit normalise(FloatMatrix vectors) {
        float[] rows = vectors.data().clone();
        int cols = vectors.cols();
        for (int r = 0; r < vectors.rows(); r++) {
            double norm = 0;
            for (int c = r * cols; c < (r + 1) * cols; c++) {
                norm += (double) rows[c] * rows[c];
            }
            if (norm > 0) {
                float scale = (float) (1 / Math.sqrt(norm));
                for (int c = r * cols; c < (r + 1) * cols; c++) {
                    rows[c] *= scale;
                }
            }
        }
        return new Unit(vectors.rows(), cols, rows);
    }
}
