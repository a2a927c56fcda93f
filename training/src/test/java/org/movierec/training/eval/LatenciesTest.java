package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void meanIsInMilliseconds() {
        // (1 + 2 + 6) ms / 3 = 3 ms
        assertThat(Latencies.meanMillis(new long[] {1_000_000, 2_000_000, 6_000_000})).isCloseTo(3, within(1e-12));
    }

    @Test
    void percentileIsTheNearestRank() {
        // 1..20 ms in shuffled order: p95 is the ceil(0.95 * 20) = 19th smallest = 19 ms;
        // p50 the 10th = 10 ms; p100 the largest = 20 ms
        long[] nanos = LongStream.of(7, 20, 3, 19, 1, 12, 5, 18, 2, 9, 17, 4, 16, 6, 15, 8, 14, 10, 13, 11)
                .map(ms -> ms * 1_000_000).toArray();
        assertThat(Latencies.percentileMillis(nanos, 95)).isEqualTo(19);
        assertThat(Latencies.percentileMillis(nanos, 50)).isEqualTo(10);
        assertThat(Latencies.percentileMillis(nanos, 100)).isEqualTo(20);
        // one value is every percentile
        assertThat(Latencies.percentileMillis(new long[] {4_000_000}, 95)).isEqualTo(4);
    }

    @Test
    void noDurationIsAnError() {
        assertThatThrownBy(() -> Latencies.meanMillis(new long[0])).hasMessageContaining("no durations");
        assertThatThrownBy(() -> Latencies.percentileMillis(new long[] {1}, 0)).hasMessageContaining("percent");
    }
}
