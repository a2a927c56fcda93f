package org.movierec.serving.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreBuffersTest {

    @Test
    void anArrayGivenBackIsLentAgain() {
        ScoreBuffers buffers = new ScoreBuffers(2);
        float[] first = buffers.take(5);
        buffers.give(first);

        assertThat(buffers.take(5)).isSameAs(first);
        assertThat(buffers.take(5)).isNotSameAs(first).hasSize(5);
    }

    @Test
    void anArrayOfAnotherLengthIsDroppedForANewOne() {
        ScoreBuffers buffers = new ScoreBuffers(2);
        float[] forOldModel = buffers.take(5);
        buffers.give(forOldModel);

        assertThat(buffers.take(7)).hasSize(7);
        buffers.give(new float[7]);
        assertThat(buffers.take(5)).isNotSameAs(forOldModel).hasSize(5);
    }

    @Test
    void atMostCapacityArraysAreKept() {
        ScoreBuffers buffers = new ScoreBuffers(2);
        float[] a = new float[3];
        float[] b = new float[3];
        float[] c = new float[3];
        buffers.give(a);
        buffers.give(b);
        buffers.give(c);

        assertThat(buffers.take(3)).isSameAs(a);
        assertThat(buffers.take(3)).isSameAs(b);
        float[] third = buffers.take(3);
        assertThat(third).isNotSameAs(a).isNotSameAs(b).isNotSameAs(c);
    }
}
