package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.training.data.Ratings;

class KFoldSplitterTest {

    private final Ratings ratings = TestRatings.random(200, 150, 30, 17);

    @Test
    void theTestPartsPartitionTheRatings() {
        List<Split> splits = new KFoldSplitter(5, 1).split(ratings);
        assertThat(splits).extracting(Split::name).containsExactly("fold-1", "fold-2", "fold-3", "fold-4", "fold-5");
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (Split split : splits) {
            TestRatings.assertPartitions(ratings, split);
            Set<String> test = TestRatings.rows(split.test());
            assertThat(seen).as("a rating in two test folds").doesNotContainAnyElementsOf(test);
            seen.addAll(test);
            sizes.add(split.test().size());
        }
        assertThat(seen).isEqualTo(TestRatings.rows(ratings));
        // assigned by a hash: each fold holds about a fifth (binomial spread, a few percent at this size)
        double fifth = ratings.size() / 5.0;
        assertThat(sizes).allSatisfy(size -> assertThat((double) size).isBetween(0.85 * fifth, 1.15 * fifth));
    }

    @Test
    void aTinySetIsDealtOneRatingPerFold() {
        Ratings three = TestRatings.of(new double[] {1, 10, 4, 1}, new double[] {1, 20, 3, 1}, new double[] {2, 10, 5, 1});
        List<Split> splits = new KFoldSplitter(3, 8).split(three);
        for (Split split : splits) {
            assertThat(split.test().size()).isEqualTo(1);
            assertThat(split.train().size()).isEqualTo(2);
            TestRatings.assertPartitions(three, split);
        }
    }

    @Test
    void theSameSeedGivesTheSameFoldsWhateverTheRowOrder() {
        List<Split> first = new KFoldSplitter(4, 99).split(ratings);
        List<Split> reordered = new KFoldSplitter(4, 99).split(TestRatings.shuffled(ratings, 3));
        List<Split> otherSeed = new KFoldSplitter(4, 100).split(ratings);
        for (int fold = 0; fold < 4; fold++) {
            assertThat(TestRatings.rows(reordered.get(fold).test())).isEqualTo(TestRatings.rows(first.get(fold).test()));
            assertThat(TestRatings.rows(first.get(fold).test())).as("asked twice")
                    .isEqualTo(TestRatings.rows(first.get(fold).test()));
        }
        assertThat(TestRatings.rows(otherSeed.get(0).test())).isNotEqualTo(TestRatings.rows(first.get(0).test()));
    }

    @Test
    void paramsNameTheMethodFoldsAndSeed() {
        assertThat(new KFoldSplitter(5, 42).params()).containsExactly(
                Map.entry("split_method", "kfold"), Map.entry("split_folds", "5"), Map.entry("split_seed", "42"));
    }

    @Test
    void rejectsTooFewFoldsAndTooFewRatings() {
        assertThatThrownBy(() -> new KFoldSplitter(1, 1)).hasMessageContaining("folds must be at least 2");
        Ratings two = TestRatings.of(new double[] {1, 10, 4, 1}, new double[] {1, 20, 3, 1});
        assertThatThrownBy(() -> new KFoldSplitter(3, 1).split(two))
                .hasMessageContaining("folds (3) exceeds the number of ratings (2)");
    }
}
