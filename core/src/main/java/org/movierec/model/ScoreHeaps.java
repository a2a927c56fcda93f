package org.movierec.model;

/**
 * Bounded min-heaps of (index, score) pairs laid flat in two arrays, each heap at an offset of its own: {@link TopK}
 * keeps one at offset 0, serving's item-neighbour table one per item side by side, in the arrays that become the
 * table (no object and no allocation per item). The worst kept is at the root, so a candidate is compared with it
 * alone. Higher scores are better and equal scores go to the lower index, whatever order the candidates come in, so
 * the heaps keep the same pairs however they are offered; NaN is never kept. Not thread-safe: the caller guards each
 * heap.
 */
public final class ScoreHeaps {

    private ScoreHeaps() {
    }

    /**
     * Offers a candidate to the heap at {@code base} that holds {@code size} pairs of at most {@code capacity}; returns
     * its new size.
     */
    public static int offer(int[] index, float[] score, int base, int size, int capacity, int candidate, float value) {
        if (capacity == 0 || Float.isNaN(value)) {
            return size;
        }
        if (size < capacity) {
            index[base + size] = candidate;
            score[base + size] = value;
            siftUp(index, score, base, size);
            return size + 1;
        }
        if (value > score[base] || value == score[base] && candidate < index[base]) {
            index[base] = candidate;
            score[base] = value;
            siftDown(index, score, base, size);
        }
        return size;
    }

    /** Sorts the heap at {@code base} of {@code size} pairs in place, best first (a heapsort: the worst goes last). */
    public static void sortBestFirst(int[] index, float[] score, int base, int size) {
        for (int remaining = size; remaining > 1; remaining--) {
            swap(index, score, base, base + remaining - 1);
            siftDown(index, score, base, remaining - 1);
        }
    }

    /**
     * Whether the pair at {@code a} beats the one at {@code b}. By places, not values, so that the indices are read
     * only on a tie: with the four values passed, the offers of serving's neighbour table took 2 to 6% more thread CPU
     * time (a loop of offers alone, 4,000 items x 4,000 candidates, k = 100).
     */
    private static boolean better(int[] index, float[] score, int a, int b) {
        return score[a] > score[b] || score[a] == score[b] && index[a] < index[b];
    }

    private static void siftUp(int[] index, float[] score, int base, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(index, score, base + parent, base + at)) {
                return;
            }
            swap(index, score, base + at, base + parent);
            at = parent;
        }
    }

    /** Moves the root of the heap at {@code base} of {@code size} pairs down to its place. */
    private static void siftDown(int[] index, float[] score, int base, int size) {
        int at = 0;
        while (true) {
            int worst = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (better(index, score, base + worst, base + child)) {
                    worst = child;
                }
            }
            if (worst == at) {
                return;
            }
            swap(index, score, base + at, base + worst);
            at = worst;
        }
    }

    private static void swap(int[] index, float[] score, int a, int b) {
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
