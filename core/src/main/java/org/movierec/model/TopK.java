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

    /** One index's exact score, for {@link #refined}. */
    @FunctionalInterface
    public interface ExactScore {
        float of(int index);
    }

    /**
     * What {@link #of} gives for the exact scores, from {@code scores} within {@code error} of them (a rounded kernel's,
     * {@link FactorScoring#scoreVectorsRounded}), with few exact scores computed. The best {@code n} of {@code scores}
     * give a floor, the least of their exact scores, which the {@code n}-th best exact score is at least; only an index
     * whose score is at least that floor minus {@code error} can reach it. Those are scored exactly in index order, their
     * exact scores written into {@code scores}, and the best {@code n} kept; as the kept get better the floor rises,
     * and once it is {@code ceiling}, the highest exact score there can be (the top of a clamped scale), no later index
     * can pass it (an equal score goes to the lower index) and the scan stops. The indices returned hold exact scores.
     */
    public static TopK refined(float[] scores, float error, int n, IntPredicate accepts, ExactScore exact,
            float ceiling) {
        int[] best = of(scores, n, accepts).indices();
        float floor = Float.NEGATIVE_INFINITY;   // fewer than n accepted: every one accepted is a candidate
        if (best.length == n) {
            floor = Float.POSITIVE_INFINITY;
            for (int index : best) {
                floor = Math.min(floor, exact.of(index));
            }
        }
        float cut = below(floor, error);
        TopK top = new TopK(n);
        for (int i = nextAtLeast(scores, cut, 0); i < scores.length; i = nextAtLeast(scores, cut, i + 1)) {
            if (accepts.test(i)) {
                scores[i] = exact.of(i);
                top.offer(i, scores[i]);
                float kept = top.floor();
                if (kept >= ceiling) {
                    break;
                }
                if (kept > floor) {   // a later index must beat the worst kept: its score must be above kept - error
                    floor = kept;
                    cut = below(floor, error);
                }
            }
        }
        return top;
    }

    /** The least score that can be within {@code error} of an exact score of at least {@code floor}, rounded down. */
    private static float below(float floor, float error) {
        return Math.nextDown((float) ((double) floor - error));
    }

    /** The first index from {@code from} on whose score is {@code cut} or more, or the length. */
    private static int nextAtLeast(float[] scores, float cut, int from) {
        for (int i = from; i < scores.length; i++) {
            if (scores[i] >= cut) {
                return i;
            }
        }
        return scores.length;
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
