package org.movierec.training.data;

/** SplitMix64's finaliser: spreads the bits of a 64-bit value, for the row checksum and the seeded splits. */
public final class Hashing {

    private Hashing() {
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
