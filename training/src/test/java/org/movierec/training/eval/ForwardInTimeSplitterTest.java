package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.training.data.Ratings;

class ForwardInTimeSplitterTest {

    @Test
    void ratingsAfterTheCutoffAreTheTestPartAndTheRestTheTrainPart() {
        Ratings ratings = TestRatings.of(
                new double[] {1, 10, 4.0, 100},
                new double[] {1, 11, 3.0, 200},   // at the cutoff: the model saw it
                new double[] {1, 12, 5.0, 201},
                new double[] {2, 10, 2.0, 50},
                new double[] {3, 12, 1.0, 300});  // a user who came after the cutoff

        List<Split> splits = new ForwardInTimeSplitter(Instant.ofEpochSecond(200)).split(ratings);

        assertThat(splits).hasSize(1);
        Split split = splits.get(0);
        assertThat(split.name()).isEqualTo("forward");
        assertThat(split.train().size()).isEqualTo(3);
        assertThat(split.test().size()).isEqualTo(2);
        for (int row = 0; row < split.test().size(); row++) {
            assertThat(split.test().time(row)).isGreaterThan(200);
        }
        for (int row = 0; row < split.train().size(); row++) {
            assertThat(split.train().time(row)).isLessThanOrEqualTo(200);
        }
        assertThat(new ForwardInTimeSplitter(Instant.ofEpochSecond(200)).params())
                .containsEntry("split_method", "forward").containsEntry("split_cutoff", "1970-01-01T00:03:20Z");
    }
}
