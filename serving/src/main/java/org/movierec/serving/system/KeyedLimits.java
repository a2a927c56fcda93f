package org.movierec.serving.system;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One Bucket4j token bucket per key (an account, a client address): {@code capacity} permits, refilled greedily at
 * {@code capacity} per {@code window} (10 a minute: one back every 6 s, at most 10 in a row). In this instance's
 * memory; a bucket untouched for a whole window is full again and is dropped, and at most {@value #KEYS} keys are held
 * (the least recently used go first).
 */
final class KeyedLimits {

    private static final long KEYS = 100_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int capacity;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    KeyedLimits(int capacity, Duration window) {
        this.capacity = capacity;
        this.window = window;
        this.buckets = Caffeine.newBuilder().maximumSize(KEYS).expireAfterAccess(window).build();
    }

    /** Takes a permit of the key: 0 when taken, else the whole seconds (at least 1) until one is back. */
    long take(String key) {
        ConsumptionProbe probe = buckets.get(key, this::bucket).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    /** Gives back a permit taken (an attempt that did not count after all). */
    void giveBack(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    private Bucket bucket(String key) {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build();
    }
}
