package org.movierec.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.movierec.model.IdIndex;
import org.movierec.model.PopularityModel;
import org.movierec.training.data.Ratings;

class EvaluationTest {

    // one user; items 1..4 (indices 0..3); train: item 1; test: item 2 rated 4, item 3 rated 2
    private final Ratings all = Ratings.ofIds(new long[] {7, 7, 7, 7}, new long[] {1, 2, 3, 4},
            new float[] {5, 4, 2, 3}, new long[4]);
    private final Ratings train = all.subset(new int[] {0});
    private final Ratings test = all.subset(new int[] {1, 2});

    @Test
    void rankingLeavesOutTrainingItemsAndCountsOnlyRelevantTestItems() {
        // scores 10, 1, 5, 3: item 1 is excluded, so the ranking is 3, 4, 2; only item 2 is relevant (4 >= 3.5)
        PopularityModel model = new PopularityModel(all.items(), new float[] {10, 1, 5, 3});

        Evaluation.Ranking atTwo = Evaluation.ranking(model, train, test, 2, 3.5f);
        Evaluation.Ranking atThree = Evaluation.ranking(model, train, test, 3, 3.5f);

        assertThat(atTwo.ndcg()).isZero();
        assertThat(atTwo.recall()).isZero();
        assertThat(atThree.ndcg()).isCloseTo(0.5, within(1e-9)); // 1 / log2(3 + 1), ideal 1
        assertThat(atThree.recall()).isEqualTo(1.0); // 1 hit of min(3, 1)
        assertThat(atThree.users()).isEqualTo(1);
    }

    @Test
    void relevantItemsTheModelDoesNotKnowAreMisses() {
        // the model knows items 1, 3 and 4 only: item 2, the relevant one, can never be found
        PopularityModel model = new PopularityModel(IdIndex.of(new long[] {1, 3, 4}), new float[] {1, 2, 3});

        assertThat(Evaluation.ranking(model, train, test, 3, 3.5f).ndcg()).isZero();
    }

    @Test
    void rmseOverTheTestRatings() {
        // predictions 3 and 2.5 for ratings 4 and 2: sqrt((1 + 0.25) / 2)
        PopularityModel model = new PopularityModel(all.items(), new float[] {0, 3, 2.5f, 0});

        assertThat(Evaluation.rmse(model, train, test)).isCloseTo(Math.sqrt(0.625), within(1e-9));
    }
}
