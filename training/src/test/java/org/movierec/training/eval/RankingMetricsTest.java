package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    // ranked [7, 3, 9, 1] against relevant {9, 3, 5}: hits at ranks 2 and 3, 3 relevant items
    private static final boolean[] HITS = {false, true, true, false};
    private static final int RELEVANT = 3;

    @Test
    void hitsMarkTheRankedItemsThatAreRelevant() {
        assertThat(RankingMetrics.hits(new int[] {7, 3, 9, 1}, new int[] {9, 3, 5})).containsExactly(HITS);
        assertThat(RankingMetrics.hits(new int[0], new int[] {1})).isEmpty();
    }

    @Test
    void precisionDividesTheHitsByK() {
        assertThat(RankingMetrics.precisionAtK(HITS, 1)).isZero();                         // 0 / 1
        assertThat(RankingMetrics.precisionAtK(HITS, 2)).isCloseTo(0.5, within(1e-12));   // 1 / 2
        assertThat(RankingMetrics.precisionAtK(HITS, 4)).isCloseTo(0.5, within(1e-12));   // 2 / 4
        // the list has 4 items; the 6 missing positions of K = 10 are misses: 2 / 10
        assertThat(RankingMetrics.precisionAtK(HITS, 10)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void recallDividesTheHitsByTheRelevantCount() {
        assertThat(RankingMetrics.recallAtK(HITS, 2, RELEVANT)).isCloseTo(1.0 / 3, within(1e-12)); // 1 / 3
        assertThat(RankingMetrics.recallAtK(HITS, 4, RELEVANT)).isCloseTo(2.0 / 3, within(1e-12)); // 2 / 3
    }

    @Test
    void ndcgDiscountsHitsByTheLogOfTheirRank() {
        // K = 2: DCG = 1/log2(3) = 0.6309298; ideal over min(2, 3) = 2 ranks: 1/log2(2) + 1/log2(3) = 1.6309298
        //        0.6309298 / 1.6309298 = 0.3868528
        assertThat(RankingMetrics.ndcgAtK(HITS, 2, RELEVANT)).isCloseTo(0.3868528, within(1e-6));
        // K = 4: DCG = 1/log2(3) + 1/log2(4) = 0.6309298 + 0.5 = 1.1309298
        //        ideal over min(4, 3) = 3 ranks: 1 + 0.6309298 + 0.5 = 2.1309298; 1.1309298 / 2.1309298 = 0.5307213
        assertThat(RankingMetrics.ndcgAtK(HITS, 4, RELEVANT)).isCloseTo(0.5307213, within(1e-6));
        // K = 1: no hit at rank 1: 0
        assertThat(RankingMetrics.ndcgAtK(HITS, 1, RELEVANT)).isZero();
        // every relevant item on top: DCG equals the ideal
        assertThat(RankingMetrics.ndcgAtK(new boolean[] {true, true, false}, 5, 2)).isCloseTo(1, within(1e-12));
    }

    @Test
    void averagePrecisionAveragesThePrecisionAtEachHit() {
        // K = 2: hit at rank 2, precision there 1/2; / min(2, 3) = 2 -> 0.25
        assertThat(RankingMetrics.averagePrecisionAtK(HITS, 2, RELEVANT)).isCloseTo(0.25, within(1e-12));
        // K = 4: hits at ranks 2 (1/2) and 3 (2/3): 7/6; / min(4, 3) = 3 -> 7/18 = 0.3888889
        assertThat(RankingMetrics.averagePrecisionAtK(HITS, 4, RELEVANT)).isCloseTo(7.0 / 18, within(1e-12));
        // hits at ranks 1 and 3 of 2 relevant: (1/1 + 2/3) / min(5, 2) = 5/6
        assertThat(RankingMetrics.averagePrecisionAtK(new boolean[] {true, false, true}, 5, 2))
                .isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void hitIsOneWhenAnyOfTheFirstKIsRelevant() {
        assertThat(RankingMetrics.hitAtK(HITS, 1)).isZero();
        assertThat(RankingMetrics.hitAtK(HITS, 2)).isEqualTo(1);
        assertThat(RankingMetrics.hitAtK(new boolean[0], 5)).isZero();
    }

    @Test
    void coverageCountsDistinctRecommendedItemsOverTheCatalogue() {
        List<int[]> lists = List.of(new int[] {0, 1, 2}, new int[] {1, 3, 4}, new int[] {1, 0});
        // K = 1: {0, 1} of 10 items = 0.2; K = 2: {0, 1, 3} = 0.3; K = 3: {0, 1, 2, 3, 4} = 0.5
        assertThat(RankingMetrics.coverage(lists, 1, 10)).isCloseTo(0.2, within(1e-12));
        assertThat(RankingMetrics.coverage(lists, 2, 10)).isCloseTo(0.3, within(1e-12));
        assertThat(RankingMetrics.coverage(lists, 3, 10)).isCloseTo(0.5, within(1e-12));
        assertThat(RankingMetrics.coverage(List.of(), 3, 10)).isZero();
    }

    @Test
    void badArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> RankingMetrics.precisionAtK(HITS, 0)).hasMessageContaining("K must be at least 1");
        assertThatThrownBy(() -> RankingMetrics.recallAtK(HITS, 2, 0)).hasMessageContaining("relevant must be at least 1");
        assertThatThrownBy(() -> RankingMetrics.ndcgAtK(HITS, 2, 0)).hasMessageContaining("relevant must be at least 1");
        assertThatThrownBy(() -> RankingMetrics.coverage(List.of(new int[] {10}), 1, 10))
                .hasMessageContaining("item index 10 outside the catalogue of 10 items");
        assertThatThrownBy(() -> RankingMetrics.coverage(List.of(), 1, 0)).hasMessageContaining("catalogueSize");
    }
}
