package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static Evaluation of(Object... namesAndValues) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            metrics.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return new Evaluation(metrics);
    }

    @Test
    void theMeanAveragesEachMetricInOrder() {
        Evaluation fold1 = of("test_users", 10, "rmse", 0.8, "ndcg_at_10", 0.2);
        Evaluation fold2 = of("test_users", 11, "rmse", 1.0, "ndcg_at_10", 0.3);
        Evaluation fold3 = of("test_users", 12, "rmse", 0.9, "ndcg_at_10", 0.4);
        Evaluation mean = Evaluation.mean(List.of(fold1, fold2, fold3));
        // (10 + 11 + 12) / 3 = 11; (0.8 + 1.0 + 0.9) / 3 = 0.9; (0.2 + 0.3 + 0.4) / 3 = 0.3
        assertThat(mean.asMap().keySet()).containsExactly("test_users", "rmse", "ndcg_at_10");
        assertThat(mean.get("test_users")).isCloseTo(11, within(1e-12));
        assertThat(mean.get("rmse")).isCloseTo(0.9, within(1e-12));
        assertThat(mean.get("ndcg_at_10")).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void theMeanNeedsTheSameMetrics() {
        assertThatThrownBy(() -> Evaluation.mean(List.of(of("rmse", 1), of("mae", 1))))
                .hasMessageContaining("evaluation 1 has metrics [mae] but evaluation 0 has [rmse]");
        assertThatThrownBy(() -> Evaluation.mean(List.of())).hasMessageContaining("must not be empty");
    }

    @Test
    void isImmutableAndHoldsOnlyFiniteValuesUnderValidKeys() {
        Map<String, Double> source = new LinkedHashMap<>(Map.of("rmse", 0.9));
        Evaluation evaluation = new Evaluation(source);
        source.put("mae", 0.7);
        assertThat(evaluation.has("mae")).isFalse();
        assertThatThrownBy(() -> evaluation.asMap().put("mae", 0.7)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> of("rmse", Double.NaN)).hasMessageContaining("metric rmse must be a finite number");
        assertThatThrownBy(() -> of("ndcg@10", 0.1)).hasMessageContaining("'ndcg@10' is not a valid MLflow key");
        assertThatThrownBy(() -> evaluation.get("mae")).hasMessageContaining("no metric mae; present: [rmse]");
    }

    @Test
    void namesTopNMetricsWithTheirK() {
        assertThat(Evaluation.atK(Evaluation.NDCG, 10)).isEqualTo("ndcg_at_10");
        assertThat(Evaluation.atK(Evaluation.HIT_RATE, 5)).isEqualTo("hit_rate_at_5");
    }
}
