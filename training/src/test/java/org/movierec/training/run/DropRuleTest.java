package org.movierec.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DropRuleTest {

    private final DropRule rule = new DropRule(0.02, 0.5, 100);

    @Test
    void aRankerBelowItsBaselineByMoreThanTheToleranceDropped() {
        // 0.0970 is 3% below 0.1000: beyond the 2% tolerance
        assertThat(rule.judge("ndcg_at_10", 0.0970, 0.1000, 0.12)).get().asString()
                .isEqualTo("ndcg_at_10 0.09700 is 3.0% worse than the baseline's 0.10000 on the same new "
                        + "ratings (tolerance 2.0%)");
        // 0.0990 is 1% below: within it
        assertThat(rule.judge("ndcg_at_10", 0.0990, 0.1000, 0.12)).isEmpty();
        assertThat(rule.judge("ndcg_at_10", 0.2, 0.1, 0.3)).as("better than the baseline, 33% below its test figure")
                .isEmpty();
    }

    @Test
    void aPredictorWhoseRmseRoseAboveTheBaselinesDropped() {
        // lower is better: 0.95 against 0.90 is 5.6% worse
        assertThat(rule.judge("rmse", 0.95, 0.90, 0.85)).get().asString().startsWith("rmse 0.95000 is 5.6% worse");
        assertThat(rule.judge("rmse", 0.91, 0.90, 0.85)).as("1.1% worse").isEmpty();
    }

    @Test
    void aFigureFarBelowItsOwnTestFigureDroppedEvenAboveTheBaseline() {
        // 0.04 against a test figure of 0.10 is 60% worse, more than the 50% allowed
        assertThat(rule.judge("ndcg_at_10", 0.04, 0.03, 0.10)).get().asString()
                .isEqualTo("ndcg_at_10 0.04000 is 60.0% worse than its own test figure 0.10000 (allowed 50.0%)");
        assertThat(rule.judge("ndcg_at_10", 0.06, 0.03, 0.10)).as("40% worse").isEmpty();
        // rmse 1.5 against 0.9: 66.7% worse
        assertThat(rule.judge("rmse", 1.5, Double.NaN, 0.9)).get().asString().contains("66.7% worse than its own test");
        assertThat(new DropRule(0.02, 0, 100).judge("ndcg_at_10", 0.04, 0.03, 0.10)).as("relative test off").isEmpty();
    }

    @Test
    void theDefaultJudgesByTheBaselineOnly() {
        assertThat(DropRule.DEFAULT).isEqualTo(new DropRule(0.02, 0, 100));
        assertThat(DropRule.DEFAULT.judge("ndcg_at_10", 0.05, 0.04, 0.14)).as("64% below its test figure").isEmpty();
    }

    @Test
    void missingFiguresJudgeNothingAndBadSettingsAreRefused() {
        assertThat(rule.judge("ndcg_at_10", Double.NaN, 0.1, 0.1)).isEmpty();
        assertThat(rule.judge("ndcg_at_10", 0.01, Double.NaN, Double.NaN)).isEmpty();
        assertThatThrownBy(() -> new DropRule(-0.1, 0.5, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DropRule(0.02, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
