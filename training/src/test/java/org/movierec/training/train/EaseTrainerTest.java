package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.model.EaseModel;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EaseTrainerTest {

    // Users 1 and 2 rated movies A (10) and B (20), user 3 rated B and C (30).
    // G = X'X = [[2, 2, 0], [2, 3, 1], [0, 1, 1]]; with lambda = 1: [[3, 2, 0], [2, 4, 1], [0, 1, 2]], det 13,
    // P = (1/13) [[7, -4, 2], [-4, 6, -3], [2, -3, 8]]; B[i][j] = -P[i][j] / P[j][j]:
    // B[A][B] = 4/6, B[A][C] = -2/8, B[B][A] = 4/7, B[B][C] = 3/8, B[C][A] = -2/7, B[C][B] = 3/6
    private final Ratings ratings = Ratings.ofIds(new long[] {1, 1, 2, 2, 3, 3}, new long[] {10, 20, 10, 20, 20, 30},
            new float[] {4, 5, 3, 4, 2, 5}, new long[6]);

    @Test
    void theWeightsAreTheClosedFormOfTheRegularisedGramMatrix() {
        Recommender ease = new EaseTrainer(Map.of("lambda", "1", "min_item_ratings", "1"))
                .train(ratings, ratings.subset(new int[0]), EpochListener.NONE);

        float[] likesA = ease.score(new UserRatings(new int[] {0}, new float[] {4}));
        assertThat(likesA[0]).isZero();
        assertThat(likesA[1]).isCloseTo(4f / 6, within(1e-4f));
        assertThat(likesA[2]).isCloseTo(-2f / 8, within(1e-4f));
        float[] likesC = ease.score(new UserRatings(new int[] {2}, new float[] {5}));
        assertThat(likesC[0]).isCloseTo(-2f / 7, within(1e-4f));
        assertThat(likesC[1]).isCloseTo(3f / 6, within(1e-4f));
        float[] likesAandB = ease.score(new UserRatings(new int[] {0, 1}, new float[] {4, 4}));
        assertThat(likesAandB[2]).isCloseTo(-2f / 8 + 3f / 8, within(1e-4f));
    }

    @Test
    void onlyTheMostRatedItemsAreModelledAndEachRowKeepsItsLargestWeights() {
        // B is rated 3 times, A twice, C once: with max_items = 2 only A and B are modelled
        Recommender capped = new EaseTrainer(Map.of("lambda", "1", "min_item_ratings", "1", "max_items", "2"))
                .train(ratings, ratings.subset(new int[0]), EpochListener.NONE);
        assertThat(capped.score(new UserRatings(new int[] {1}, new float[] {5}))[2]).isEqualTo(EaseModel.UNMODELLED);

        // one neighbour: A keeps only B (4/6 > -2/8)
        Recommender sparse = new EaseTrainer(Map.of("lambda", "1", "min_item_ratings", "1", "neighbours", "1"))
                .train(ratings, ratings.subset(new int[0]), EpochListener.NONE);
        float[] likesA = sparse.score(new UserRatings(new int[] {0}, new float[] {4}));
        assertThat(likesA[1]).isCloseTo(4f / 6, within(1e-4f));
        assertThat(likesA[2]).isZero();
    }

    @Test
    void largestPicksThePositionsOfTheKLargestValues() {
        // 9 at 5, 6 at 7, 5 at 4
        assertThat(EaseTrainer.largest(new double[] {3, 1, 4, 1, 5, 9, 2, 6}, 3)).containsExactly(4, 5, 7);
        assertThat(EaseTrainer.largest(new double[] {3, 1}, 5)).containsExactly(0, 1);
        assertThat(EaseTrainer.largest(new double[] {3, 1}, 0)).isEmpty();
    }

    @Test
    void theBlockInverseInvertsLargeMatricesToo() {
        // 600 rows: two levels of blocks above the direct base case
        INDArray x = Nd4j.rand(DataType.FLOAT, 700, 600);
        INDArray a = x.transpose().mmul(x).addi(Nd4j.eye(600).castTo(DataType.FLOAT).muli(10));

        INDArray inverse = SpdInverse.invert(a);

        INDArray identity = Nd4j.eye(600).castTo(DataType.FLOAT);
        assertThat(a.mmul(inverse).subi(identity).amaxNumber().doubleValue()).isLessThan(1e-3);
    }
}
