package org.movierec.serving.recommendation;

import java.util.Optional;
import java.util.function.IntPredicate;

import org.movierec.model.FloatMatrix;
import org.movierec.model.Recommender;
import org.movierec.serving.model.ModelSwappedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The served model's item vectors scaled to unit length, computed once per model (on the swap, or on first use),
 * so the cosine of two items is a plain dot product. Models without item vectors have none.
 */
@Component
class ItemVectors {

    /** Unit-length item vectors, one row of {@code cols} per item; a zero vector stays zero (similar to nothing). */
    record Unit(int items, int cols, float[] rows) {

        float cosine(int a, int b) {
            float dot = 0;
            for (int c = 0; c < cols; c++) {
                dot += rows[a * cols + c] * rows[b * cols + c];
            }
            return dot;
        }

        /** The {@code n} items most similar to {@code item} (itself excluded) that {@code keep} accepts, best first. */
        int[] mostSimilar(int item, int n, IntPredicate keep) {
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
