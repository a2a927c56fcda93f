package org.movierec.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    @Test
    void defaultsApplyWhereNothingIsOverridden() {
        HyperParameters p = new HyperParameters("x", Map.of("epochs", "7"));

        assertThat(p.integer("epochs", 3, 1, 10)).isEqualTo(7);
        assertThat(p.real("l2", 0.5, 0, 1)).isEqualTo(0.5);
        assertThat(p.seed("seed", 42)).isEqualTo(42);
        assertThat(p.resolved()).containsExactly(Map.entry("epochs", "7"), Map.entry("l2", "0.5"),
                Map.entry("seed", "42"));
    }

    @Test
    void outOfRangeValuesNameTheParameterAndTheRange() {
        HyperParameters p = new HyperParameters("autorec", Map.of("epochs", "0", "l2", "-1"));

        assertThatThrownBy(() -> p.integer("epochs", 3, 1, 10))
                .hasMessage("autorec parameter epochs must be an integer in [1, 10], got '0'");
        assertThatThrownBy(() -> p.real("l2", 0.5, 0, 1))
                .hasMessage("autorec parameter l2 must be a number in [0.0, 1.0], got '-1'");
    }

    @Test
    void unparsableValuesAreRefused() {
        HyperParameters p = new HyperParameters("dae", Map.of("epochs", "ten", "l2", "NaN", "seed", "1.5"));

        assertThatThrownBy(() -> p.integer("epochs", 3, 1, 10)).hasMessageContaining("epochs must be an integer");
        assertThatThrownBy(() -> p.real("l2", 0.5, 0, 1)).hasMessageContaining("got 'NaN'");
        assertThatThrownBy(() -> p.seed("seed", 1)).hasMessageContaining("seed must be a 64-bit integer");
    }

    @Test
    void unknownParametersAreRefusedWithTheKnownOnes() {
        HyperParameters p = new HyperParameters("dae", Map.of("epoch", "3"));
        p.integer("epochs", 3, 1, 10);

        assertThatThrownBy(p::resolved).hasMessage("dae has no parameter epoch; its parameters are [epochs]");
    }
}
