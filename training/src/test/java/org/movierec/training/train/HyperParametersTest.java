package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    @Test
    void absentNamesTakeTheirDefaultsAndAreResolvedInTheOrderRead() {
        HyperParameters hp = HyperParameters.of(Map.of());

        assertThat(hp.integer("factors", 100, 1, 1000)).isEqualTo(100);
        assertThat(hp.real("learning_rate", 0.01, 1e-6, 1)).isEqualTo(0.01);
        assertThat(hp.seed("seed", 42)).isEqualTo(42L);
        assertThat(hp.resolved("mf")).containsExactly(Map.entry("factors", "100"), Map.entry("learning_rate", "0.01"),
                Map.entry("seed", "42"));
    }

    @Test
    void givenValuesOverrideTheDefaultsAndAreTrimmed() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("factors", " 8 ");
        given.put("learning_rate", "5e-3");
        given.put("seed", "-7");
        HyperParameters hp = HyperParameters.of(given);

        assertThat(hp.seed("seed", 42)).isEqualTo(-7L);
        assertThat(hp.integer("factors", 100, 1, 1000)).isEqualTo(8);
        assertThat(hp.real("learning_rate", 0.01, 1e-6, 1)).isEqualTo(0.005);
        // in the order read, not the order given, and as the numbers were understood
        assertThat(hp.resolved("mf")).containsExactly(Map.entry("seed", "-7"), Map.entry("factors", "8"),
                Map.entry("learning_rate", "0.005"));
    }

    @Test
    void theBoundsAreInclusive() {
        HyperParameters hp = HyperParameters.of(Map.of("a", "1", "b", "1000", "c", "0", "d", "10"));

        assertThat(hp.integer("a", 5, 1, 1000)).isEqualTo(1);
        assertThat(hp.integer("b", 5, 1, 1000)).isEqualTo(1000);
        assertThat(hp.real("c", 5, 0, 10)).isEqualTo(0.0);
        assertThat(hp.real("d", 5, 0, 10)).isEqualTo(10.0);
    }

    @Test
    void anIntegerOutOfItsBoundsIsRejectedNamingTheParameterAndTheRange() {
        assertThatThrownBy(() -> HyperParameters.of(Map.of("factors", "0")).integer("factors", 100, 1, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyper-parameter factors=0 is invalid: expected an integer from 1 to 1000");
        assertThatThrownBy(() -> HyperParameters.of(Map.of("factors", "1001")).integer("factors", 100, 1, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyper-parameter factors=1001 is invalid: expected an integer from 1 to 1000");
    }

    @Test
    void aRealOutOfItsBoundsIsRejectedNamingTheParameterAndTheRange() {
        assertThatThrownBy(() -> HyperParameters.of(Map.of("reg", "-0.5")).real("reg", 0.05, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyper-parameter reg=-0.5 is invalid: expected a number from 0.0 to 10.0");
        assertThatThrownBy(() -> HyperParameters.of(Map.of("reg", "10.01")).real("reg", 0.05, 0, 10))
                .hasMessage("hyper-parameter reg=10.01 is invalid: expected a number from 0.0 to 10.0");
        // NaN and infinities parse as doubles but are no number in range
        assertThatThrownBy(() -> HyperParameters.of(Map.of("reg", "NaN")).real("reg", 0.05, 0, 10))
                .hasMessage("hyper-parameter reg=NaN is invalid: expected a number from 0.0 to 10.0");
        assertThatThrownBy(() -> HyperParameters.of(Map.of("reg", "Infinity")).real("reg", 0.05, 0, 1e6))
                .hasMessage("hyper-parameter reg=Infinity is invalid: expected a number from 0.0 to 1000000.0");
    }

    @Test
    void nonNumbersAreRejected() {
        assertThatThrownBy(() -> HyperParameters.of(Map.of("factors", "many")).integer("factors", 100, 1, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyper-parameter factors=many is invalid: expected an integer from 1 to 1000");
        assertThatThrownBy(() -> HyperParameters.of(Map.of("factors", "8.5")).integer("factors", 100, 1, 1000))
                .hasMessage("hyper-parameter factors=8.5 is invalid: expected an integer from 1 to 1000");
        assertThatThrownBy(() -> HyperParameters.of(Map.of("reg", "0,05")).real("reg", 0.05, 0, 10))
                .hasMessage("hyper-parameter reg=0,05 is invalid: expected a number from 0.0 to 10.0");
        assertThatThrownBy(() -> HyperParameters.of(Map.of("seed", "lucky")).seed("seed", 42))
                .hasMessage("hyper-parameter seed=lucky is invalid: expected an integer");
        assertThatThrownBy(() -> HyperParameters.of(Map.of("epochs", "")).integer("epochs", 10, 1, 1000))
                .hasMessage("hyper-parameter epochs= is invalid: expected an integer from 1 to 1000");
    }

    @Test
    void aGivenNameThatNothingReadIsRejectedByResolvedWithTheKnownNames() {
        HyperParameters hp = HyperParameters.of(Map.of("factors", "8", "learning_rte", "0.1", "epoch", "3"));
        hp.integer("factors", 100, 1, 1000);
        hp.integer("epochs", 40, 1, 1000);
        hp.real("learning_rate", 0.01, 1e-6, 1);

        assertThatThrownBy(() -> hp.resolved("mf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'mf' has no hyper-parameter [epoch, learning_rte]; its hyper-parameters are "
                        + "[factors, epochs, learning_rate]");
    }
}
