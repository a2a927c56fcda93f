package org.movierec.serving.model;

/**
 * For {@link ItemNeighbours}: one bounded min-heap per item, in the flat arrays that become the table (no allocation
 * per item): the worst kept at the root, so a candidate is compared with it alone, and one that does not beat it
 * costs one comparison. Candidates come in any order: equal similarities go to the lower index whichever came first.
 * Not thread-safe: the caller guards each item's heap.
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
        if (k == 0 || Float.isNaN(value)) {
            return;
        }
        int base = item * k;
        if (size[item] < k) {
            index[base + size[item]] = candidate;
            score[base + size[item]] = value;
            siftUp(base, size[item]++);
        } else if (value > score[base] || value == score[base] && candidate < index[base]) {
            index[base] = candidate;
            score[base] = value;
            siftDown(base, k);
        }
    }

    /** The neighbours' item indices: {@code k} per item, the first {@code size} of them in use. */
    int[] indices() {
        return index;
    }

    /** Their similarities, at the same places. */
    float[] similarities() {
        return score;
    }

    /** Sorts every heap in place, best first (a heapsort: the worst goes to the end); returns the sizes. */
    int[] sortBestFirst() {
        for (int item = 0; item < size.length; item++) {
            int base = item * k;
            for (int remaining = size[item]; remaining > 1; remaining--) {
                swap(base, base + remaining - 1);
                siftDown(base, remaining - 1);
            }
        }
        return size;
    }

    private boolean better(int a, int b) {
        return score[a] > score[b] || score[a] == score[b] && index[a] < index[b];
    }

    private void siftUp(int base, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(base + parent, base + at)) {
                return;
            }
            swap(base + at, base + parent);
            at = parent;
        }
    }

    private void siftDown(int base, int size) {
        int at = 0;
        while (true) {
            int worst = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (better(base + worst, base + child)) {
                    worst = child;
                }
            }
            if (worst == at) {
                return;
            }
            swap(base + at, base + worst);
            at = worst;
        }
    }

    private void swap(int a, int b) {
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
