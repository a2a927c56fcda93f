package org.movierec.serving.model;

import org.movierec.model.ScoreHeaps;

/**
 * For {@link ItemNeighbours}: one bounded min-heap per item ({@link ScoreHeaps}), {@code k} places each in the flat
 * arrays that become the table (no allocation per item): the worst kept at the root, so a candidate is compared with
 * it alone, and one that does not beat it costs one comparison. Candidates come in any order: equal similarities go
 * to the lower index whichever came first. Not thread-safe: the caller guards each item's heap.
 */
final class NeighbourHeaps {

    private final int k;
    private final int[] index;
    private final float[] score;
    private final int[] size;

    NeighbourHeaps(int items, int k) {
        this.k = k;
        this.index = new int[Math.multiplyExact(items, k)];
        this.score = new float[index.length];
        this.size = new int[items];
    }

    /** Offers {@code products[offset .. offset + count - 1]}, the similarities of items {@code from ..}. */
    void offerRow(int item, float[] products, int offset, int count, int from) {
        offerColumn(item, products, offset, 1, count, from);
    }

    /** The same for a column of products: {@code products[offset + r * stride]} is the similarity of {@code from + r}.
     */
    void offerColumn(int item, float[] products, int offset, int stride, int count, int from) {
        int base = item * k;
        for (int r = 0; r < count; r++) {
            float value = products[offset + r * stride];
            if ((size[item] < k || value >= score[base]) && from + r != item) {
                offer(item, from + r, value);
            }
        }
    }

    private void offer(int item, int candidate, float value) {
        size[item] = ScoreHeaps.offer(index, score, item * k, size[item], k, candidate, value);
    }

    /** The neighbours' item indices: {@code k} per item, the first {@code size} of them in use. */
    int[] indices() {
        return index;
    }

    /** Their similarities, at the same places. */
    float[] similarities() {
        return score;
    }

    /** Sorts every heap in place, best first; returns the sizes. */
    int[] sortBestFirst() {
        for (int item = 0; item < size.length; item++) {
            ScoreHeaps.sortBestFirst(index, score, item * k, size[item]);
        }
        return size;
    }
}
