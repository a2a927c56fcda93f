package org.movierec.serving.recommendation;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Score arrays (one float per movie of the model: 350 KB at 87,585 movies) lent to requests and taken back, so
 * that a request does not allocate one. Up to {@code capacity} arrays are kept; beyond that a returned array is
 * dropped.
 *
 * <p>A pool rather than one array per request thread: Tomcat ends idle threads and starts new ones under the next
 * burst, so per-thread arrays keep being born and dying after tens of seconds, and every young collection copies
 * the live ones from survivor space to survivor space until they die or are promoted (at 1,000 requests/s, 31 MB
 * of survivors with an array per thread against 5 MB with this pool). Pooled arrays are promoted once and stay.
 */
final class ScoreBuffers {

    private final BlockingQueue<float[]> free;

    ScoreBuffers(int capacity) {
        free = new ArrayBlockingQueue<>(capacity);
    }

    /** An array of the given length; its content is whatever the last user left in it. */
    float[] take(int length) {
        float[] buffer;
        while ((buffer = free.poll()) != null) {
            if (buffer.length == length) {
                return buffer;
            }
            // an array for the items of a model swapped out since: dropped
        }
        return new float[length];
    }

    /** Gives an array back for the next request. */
    void give(float[] buffer) {
        free.offer(buffer);
    }
}
