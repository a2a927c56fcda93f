package org.movierec.training.train;

import java.util.random.RandomGenerator;

/** The seeded shuffles of the trainers' epochs: the same generator state gives the same order. */
public final class Shuffle {

    private Shuffle() {
    }

    /** Fisher-Yates in place, drawing one bound per place from the last down. */
    public static void inPlace(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
