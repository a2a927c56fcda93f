package org.movierec.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.movierec.mlflow.ModelRole;
import org.junit.jupiter.api.Test;

class PromotionTest {

    // the figures are sums of powers of two, so champion +- minImprovement is exact in binary

    @Test
    void aHigherIsBetterMetricBeatsTheChampionWhenNotLower() {
        assertThat(Promotion.beats("ndcg_at_10", 0.375, 0.25, 0)).isTrue();
        assertThat(Promotion.beats("ndcg_at_10", 0.25, 0.25, 0)).as("equal, no minimum").isTrue();
        assertThat(Promotion.beats("ndcg_at_10", 0.125, 0.25, 0)).isFalse();
    }

    @Test
    void aHigherIsBetterMetricMustGainAtLeastTheMinimumImprovement() {
        // champion 0.25 + minimum 0.125 = 0.375
        assertThat(Promotion.beats("ndcg_at_10", 0.5, 0.25, 0.125)).isTrue();
        assertThat(Promotion.beats("ndcg_at_10", 0.375, 0.25, 0.125)).as("exactly the minimum").isTrue();
        assertThat(Promotion.beats("ndcg_at_10", 0.3125, 0.25, 0.125)).as("better, but by less").isFalse();
    }

    @Test
    void aLowerIsBetterMetricBeatsTheChampionWhenNotHigher() {
        assertThat(Promotion.lowerIsBetter("rmse")).isTrue();
        assertThat(Promotion.lowerIsBetter("ndcg_at_10")).isFalse();
        assertThat(Promotion.beats("rmse", 0.75, 0.875, 0)).isTrue();
        assertThat(Promotion.beats("rmse", 0.875, 0.875, 0)).as("equal, no minimum").isTrue();
        assertThat(Promotion.beats("rmse", 1.0, 0.875, 0)).isFalse();
        assertThat(Promotion.beats("mae", 0.5, 0.75, 0)).isTrue();
    }

    @Test
    void aLowerIsBetterMetricMustDropByAtLeastTheMinimumImprovement() {
        // champion 0.875 - minimum 0.125 = 0.75
        assertThat(Promotion.beats("rmse", 0.5, 0.875, 0.125)).isTrue();
        assertThat(Promotion.beats("rmse", 0.75, 0.875, 0.125)).as("exactly the minimum").isTrue();
        assertThat(Promotion.beats("rmse", 0.8125, 0.875, 0.125)).as("better, but by less").isFalse();
    }

    @Test
    void aChampionThatCouldNotBeScoredIsNeverBeaten() {
        assertThat(Promotion.beats("ndcg_at_10", 0.5, Double.NaN, 0)).isFalse();
        assertThat(Promotion.beats("rmse", 0.5, Double.NaN, 0)).isFalse();
    }

    @Test
    void tagsDescribeTheDecisionAndTheFiguresCompared() {
        Promotion promotion = new Promotion(ModelRole.RANKER, Promotion.CHAMPION, "promoted: better", "ndcg_at_10", 0.375,
                3, 0.25);

        assertThat(promotion.promoted()).isTrue();
        assertThat(promotion.tags()).containsExactly(Map.entry("promotion.decision", "champion"),
                Map.entry("promotion.reason", "promoted: better"), Map.entry("promotion.metric", "ndcg_at_10"),
                Map.entry("promotion.candidate_value", "0.375"), Map.entry("promotion.champion_version", "3"),
                Map.entry("promotion.champion_value", "0.25"));
    }

    @Test
    void withoutAChampionItsVersionAndValueTagsAreEmpty() {
        Promotion promotion = new Promotion(ModelRole.RANKER, Promotion.CHALLENGER, "no ndcg", "ndcg_at_10", Double.NaN, 0,
                Double.NaN);

        assertThat(promotion.promoted()).isFalse();
        assertThat(promotion.tags()).containsEntry("promotion.decision", "challenger")
                .containsEntry("promotion.candidate_value", "NaN")
                .containsEntry("promotion.champion_version", "")
                .containsEntry("promotion.champion_value", "");
    }

    @Test
    void thePredictorsTagsHaveTheirOwnPrefixAndTheDecisionNamesTheRoleFreeAlias() {
        Promotion champion = new Promotion(ModelRole.PREDICTOR, "predictor-champion", "promoted", "rmse", 0.85, 2, 0.9);
        Promotion neither = new Promotion(ModelRole.PREDICTOR, null, "below the challenger", "rmse", 0.95, 2, 0.9);

        assertThat(champion.promoted()).isTrue();
        assertThat(champion.tags()).containsEntry("promotion.predictor.decision", "champion")
                .containsEntry("promotion.predictor.metric", "rmse").doesNotContainKey("promotion.decision");
        assertThat(neither.promoted()).isFalse();
        assertThat(neither.tags()).containsEntry("promotion.predictor.decision", "none");
    }
}
