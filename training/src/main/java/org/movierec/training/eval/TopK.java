package org.movierec.training.eval;

/**
 * Partial selection of the {@code k} best-scored items with a min-heap of size {@code k}: one pass over the
 * scores, {@code O(n log k)} at worst and close to {@code O(n)} in practice, instead of sorting all of
 * them. Equal scores rank the lower item index first, so the result is deterministic.
 */
final class TopK {

    private TopK() {
    }

    /**
     * The indices of the {@code k} highest scores, best first, leaving out the items marked in
     * {@code excluded} (fewer than {@code k} when fewer items are left).
     *
     * @throws IllegalArgumentException when a score that is not excluded is NaN
     */
    static int[] select(float[] scores, int k, boolean[] excluded) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (excluded.length != scores.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + excluded.length + " exclusion flags");
        }
        int[] heapItems = new int[k];
        float[] heapScores = new float[k];
        int size = 0;
        for (int item = 0; item < scores.length; item++) {
            if (excluded[item]) {
                continue;
            }
            float score = scores[item];
            if (Float.isNaN(score)) {
                throw new IllegalArgumentException("the score of item index " + item + " is NaN");
            }
            if (size < k) {
                heapItems[size] = item;
                heapScores[size] = score;
                siftUp(heapItems, heapScores, size++);
            } else if (worse(heapScores[0], heapItems[0], score, item)) {
                heapItems[0] = item;
                heapScores[0] = score;
                siftDown(heapItems, heapScores, size);
            }
        }
        int[] ranked = new int[size];
        for (int position = size - 1; position >= 0; position--) {
            ranked[position] = heapItems[0];
            int last = position;
            heapItems[0] = heapItems[last];
            heapScores[0] = heapScores[last];
            siftDown(heapItems, heapScores, last);
        }
        return ranked;
    }

    /** Whether (score a, item a) ranks below (score b, item b). */
    private static boolean worse(float scoreA, int itemA, float scoreB, int itemB) {
        return scoreA < scoreB || (scoreA == scoreB && itemA > itemB);
    }

    private static void siftUp(int[] items, float[] scores, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!worse(scores[at], items[at], scores[parent], items[parent])) {
                return;
            }
            swap(items, scores, at, parent);
            at = parent;
        }
    }

    private static void siftDown(int[] items, float[] scores, int size) {
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && worse(scores[child + 1], items[child + 1], scores[child], items[child])) {
                child++;
            }
            if (!worse(scores[child], items[child], scores[at], items[at])) {
                return;
            }
            swap(items, scores, at, child);
            at = child;
        }
    }

    private static void swap(int[] items, float[] scores, int a, int b) {
        int item = items[a];
        items[a] = items[b];
        items[b] = item;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
