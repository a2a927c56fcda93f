package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricTotalsTest {

    private static final EvaluationSettings SETTINGS = new EvaluationSettings(3.5, List.of(1, 3), 0, 42, 1);

    private static void first(MetricTotals totals) {
        totals.addTestUser(2);
        totals.addScored(new float[] {4f, 2f}, new float[] {3.5f, 3f}, new int[] {5, 7, 9}, new int[] {7}, 1_000_000);
    }

    private static void second(MetricTotals totals) {
        totals.addTestUser(1);
        totals.addScored(new float[] {5f}, new float[] {4f}, new int[] {9, 2, 1}, new int[] {9}, 3_000_000);
    }

    @Test
    void totalsMergedFromTwoWorkersEqualTotalsAddedInOne() {
        MetricTotals one = new MetricTotals(SETTINGS);
        first(one);
        second(one);
        MetricTotals a = new MetricTotals(SETTINGS);
        first(a);
        MetricTotals b = new MetricTotals(SETTINGS);
        second(b);

        Evaluation merged = a.merge(b).toEvaluation(true, 10, 0);

        assertThat(merged.asMap()).isEqualTo(one.toEvaluation(true, 10, 0).asMap());
        assertThat(merged.get("test_users")).isEqualTo(2);
        assertThat(merged.get("test_ratings")).isEqualTo(3);
        // errors 0.5, 1, 1 over three pairs
        assertThat(merged.get("rmse")).isEqualTo(Math.sqrt(2.25 / 3));
        assertThat(merged.get("mae")).isEqualTo(2.5 / 3);
        // the first user's hit is at rank 2, the second's at rank 1
        assertThat(merged.get("hit_rate_at_1")).isEqualTo(0.5);
        assertThat(merged.get("hit_rate_at_3")).isEqualTo(1.0);
        // items among the first 1 of the lists: 5, 9; among the first 3: 5, 7, 9, 2, 1
        assertThat(merged.get("coverage_at_1")).isEqualTo(0.2);
        assertThat(merged.get("coverage_at_3")).isEqualTo(0.5);
        assertThat(merged.get("score_latency_ms_mean")).isEqualTo(2.0);
    }

    @Test
    void totalsOfOtherListLengthsCannotBeMerged() {
        MetricTotals other = new MetricTotals(SETTINGS.withKs(List.of(10)));
        assertThatThrownBy(() -> new MetricTotals(SETTINGS).merge(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K [10]");
    }
}
