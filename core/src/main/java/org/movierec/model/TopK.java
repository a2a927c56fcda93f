package org.movierec.model;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The {@code n} best of a stream of (index, score) pairs, kept in a bounded min-heap: O(items * log n) with no
 * allocation per item. Higher scores win; equal scores go to the lower index, so the result is deterministic; NaN
 * is never kept. Serving's top-N answers and the training's ranking metrics both select with it.
 *
 * <p>The heap is {@link ScoreHeaps}, shared with serving's item-neighbour table. Against the heap of TopK's own that it
 * replaced, {@link #of} over 87,585 Gaussian scores took 2 to 6 microseconds more a user (thread CPU time for 400
 * users, the least of 12 runs on a busy 2-core machine: 11.6 to 12.3 ms with n = 10, 29.7 to 32.0 ms with n = 100),
 * next to the milliseconds of scoring that come before it in a top-N answer.
 */
public final class TopK {

    private final int[] index;
    private final float[] score;
    private int size;

    public TopK(int n) {
        index = new int[n];
        score = new float[n];
    }

    /**
     * The best {@code n} of {@code scores} (by index; NaN left out) whose index passes {@code accepts}. Every score is
     * read, but once {@code n} are kept a score is only compared with the worst kept, and {@code accepts} asked only
     * of one that beats it.
     */
    public static TopK of(float[] scores, int n, IntPredicate accepts) {
        TopK top = new TopK(n);
        int i = 0;
        for (; i < scores.length && Float.isNaN(top.floor()); i++) {
            if (!Float.isNaN(scores[i]) && accepts.test(i)) {
                top.offer(i, scores[i]);
            }
        }
        float floor = top.floor();
        for (i = nextAbove(scores, floor, i); i < scores.length; i = nextAbove(scores, floor, i + 1)) {
            if (accepts.test(i)) {
                top.offer(i, scores[i]);
                floor = top.floor();
            }
        }
        return top;
    }

    /**
     * The first index from {@code from} on whose score exceeds {@code floor}, or the length. A loop of its own, with
     * no call in it, so that the JIT compiles it tight: about 40 microseconds over 87,585 scores, against 115 for the
     * same comparison in a loop that also offers (a microbenchmark).
     */
    private static int nextAbove(float[] scores, float floor, int from) {
        for (int i = from; i < scores.length; i++) {
            if (scores[i] > floor) {
                return i;
            }
        }
        return scores.length;
    }

    /**
     * For candidates offered in increasing index order: the score a candidate must exceed to be kept, once
     * {@code n} are kept (the worst of them; an equal score loses to its lower index); NaN before that, while every
     * candidate but NaN is kept.
     */
    public float floor() {
        return size < index.length ? Float.NaN : index.length == 0 ? Float.POSITIVE_INFINITY : score[0];
    }

    public void offer(int candidate, float value) {
        size = ScoreHeaps.offer(index, score, 0, size, index.length, candidate, value);
    }

    /** The indices kept, best first (the heap is emptied: call once). */
    public int[] indices() {
        ScoreHeaps.sortBestFirst(index, score, 0, size);
        int[] best = Arrays.copyOf(index, size);
        size = 0;
        return best;
    }
}
