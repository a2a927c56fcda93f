package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationSettingsTest {

    @Test
    void keepsTheListLengthsInAscendingOrder() {
        EvaluationSettings settings = new EvaluationSettings(4, List.of(20, 5, 10), 0, 1, 1);
        assertThat(settings.ks()).containsExactly(5, 10, 20);
        assertThat(settings.maxK()).isEqualTo(20);
    }

    @Test
    void paramsNameWhatChangesTheNumbers() {
        assertThat(EvaluationSettings.defaults().withUserSample(1000, 7).params()).containsExactly(
                Map.entry("eval_liked_threshold", "3.5"), Map.entry("eval_ks", "5,10,20"),
                Map.entry("eval_max_users", "1000"), Map.entry("eval_sample_seed", "7"));
    }

    @Test
    void rejectsBadSettingsByName() {
        assertThatThrownBy(() -> new EvaluationSettings(Double.NaN, List.of(5), 0, 1, 1)).hasMessageContaining("likedThreshold");
        assertThatThrownBy(() -> new EvaluationSettings(3.5, List.of(), 0, 1, 1)).hasMessageContaining("ks must hold at least one");
        assertThatThrownBy(() -> new EvaluationSettings(3.5, List.of(5, 0), 0, 1, 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new EvaluationSettings(3.5, List.of(5, 5), 0, 1, 1)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new EvaluationSettings(3.5, List.of(5), -1, 1, 1)).hasMessageContaining("maxUsers");
        assertThatThrownBy(() -> new EvaluationSettings(3.5, List.of(5), 0, 1, 0)).hasMessageContaining("threads");
    }
}
