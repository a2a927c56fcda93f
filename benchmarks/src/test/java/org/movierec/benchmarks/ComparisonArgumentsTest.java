package org.movierec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.training.train.Trainers;

class ComparisonArgumentsTest {

    @Test
    void defaultsToAHoldoutOfAFifthWithSeed42AndEveryModel() {
        ComparisonArguments arguments = ComparisonArguments.parse(new String[] {"data/ml-1m", "--out", "/tmp/x"});

        assertThat(arguments.release()).isEqualTo(Path.of("data/ml-1m"));
        assertThat(arguments.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(arguments.testFraction()).isEqualTo(0.2);
        assertThat(arguments.seed()).isEqualTo(42);
        assertThat(arguments.folds()).isZero();
        assertThat(arguments.models()).containsExactlyElementsOf(Trainers.types());
        assertThat(arguments.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void takesValuesAfterTheOptionOrAfterAnEqualsSign() {
        ComparisonArguments arguments = ComparisonArguments.parse(new String[] {"--out=o", "--folds", "5", "r",
                "--seed=7", "--models", "mf, popularity", "--test-fraction", "0.25", "--threads=1"});

        assertThat(arguments.release()).isEqualTo(Path.of("r"));
        assertThat(arguments.folds()).isEqualTo(5);
        assertThat(arguments.seed()).isEqualTo(7);
        assertThat(arguments.testFraction()).isEqualTo(0.25);
        assertThat(arguments.models()).isEqualTo(List.of("mf", "popularity"));
        assertThat(arguments.threads()).isEqualTo(1);
    }

    @Test
    void wrongArgumentsAreNamed() {
        assertThatThrownBy(() -> parse("r")).hasMessage("--out DIR is required");
        assertThatThrownBy(() -> parse("--out", "o")).hasMessageContaining("expected exactly one RELEASE_DIR, got []");
        assertThatThrownBy(() -> parse("r", "s", "--out", "o")).hasMessageContaining("got [r, s]");
        assertThatThrownBy(() -> parse("r", "--out", "o", "--fold", "5")).hasMessageContaining("unknown option --fold");
        assertThatThrownBy(() -> parse("r", "--out")).hasMessage("--out needs a value");
        assertThatThrownBy(() -> parse("r", "--out", "o", "--folds", "1"))
                .hasMessage("--folds must be an integer of at least 2, got 1");
        assertThatThrownBy(() -> parse("r", "--out", "o", "--test-fraction", "1"))
                .hasMessage("--test-fraction must be a number in (0, 1), got 1.0");
        assertThatThrownBy(() -> parse("r", "--out", "o", "--seed", "x")).hasMessage("--seed must be an integer, got 'x'");
        assertThatThrownBy(() -> parse("r", "--out", "o", "--models", "mf,svd"))
                .hasMessageContaining("--models names 'svd'; expected types of");
        assertThatThrownBy(() -> parse("r", "--out", "o", "--out", "p")).hasMessage("--out given twice");
    }

    private static ComparisonArguments parse(String... args) {
        return ComparisonArguments.parse(args);
    }
}
