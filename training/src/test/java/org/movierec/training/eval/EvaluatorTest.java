package org.movierec.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;

class EvaluatorTest {

    /*
     * Users 1, 2, 3; movies 10, 20, 30, 40, 50, 60 (item indices 0..5).
     *   train: user 1 rated 10 (4), 20 (2); user 2 rated 30 (5); user 3 rated 10 (3)
     *   test:  user 1 rated 30 (5), 40 (3); user 2 rated 10 (4), 50 (4), 60 (1); user 3 rated 20 (2)
     * The model scores every user alike: items 0..5 get 4.5, 2.0, 3.0, 4.0, 3.5, 1.0.
     */
    private static final Ratings ALL = TestRatings.of(
            new double[] {1, 10, 4, 1}, new double[] {1, 20, 2, 1}, new double[] {2, 30, 5, 1}, new double[] {3, 10, 3, 1},
            new double[] {1, 30, 5, 2}, new double[] {1, 40, 3, 2}, new double[] {2, 10, 4, 2}, new double[] {2, 50, 4, 2},
            new double[] {2, 60, 1, 2}, new double[] {3, 20, 2, 2});
    private static final Split SPLIT = new Split("hand", ALL.subset(new int[] {0, 1, 2, 3}),
            ALL.subset(new int[] {4, 5, 6, 7, 8, 9}));
    private static final float[] SCORES = {4.5f, 2.0f, 3.0f, 4.0f, 3.5f, 1.0f};
    private static final EvaluationSettings SETTINGS = new EvaluationSettings(3.5, List.of(3, 1), 0, 1, 1);

    @Test
    void computesTheHandWorkedMetrics() {
        FixedScores model = new FixedScores(ALL.items(), SCORES, true);
        Evaluation evaluation = new Evaluator(SETTINGS).evaluate(model, SPLIT);

        // the profiles scored are the users' train ratings, one call per test user
        assertThat(model.profiles).containsExactlyInAnyOrder(
                new UserRatings(new int[] {0, 1}, new float[] {4, 2}),
                new UserRatings(new int[] {2}, new float[] {5}),
                new UserRatings(new int[] {0}, new float[] {3}));
        assertThat(evaluation.asMap().keySet()).containsExactly("test_users", "test_ratings", "rmse", "mae",
                "precision_liked", "recall_liked", "f1_liked", "topn_users",
                "precision_at_1", "recall_at_1", "ndcg_at_1", "map_at_1", "hit_rate_at_1", "coverage_at_1",
                "precision_at_3", "recall_at_3", "ndcg_at_3", "map_at_3", "hit_rate_at_3", "coverage_at_3",
                "score_latency_ms_mean", "score_latency_ms_p95", "evaluation_time_s");
        assertThat(evaluation.get("test_users")).isEqualTo(3);
        assertThat(evaluation.get("test_ratings")).isEqualTo(6);

        // (actual, predicted): user 1 (5, 3.0) (3, 4.0); user 2 (4, 4.5) (4, 3.5) (1, 1.0); user 3 (2, 2.0)
        // errors -2, 1, 0.5, -0.5, 0, 0; squares 4 + 1 + 0.25 + 0.25 = 5.5; rmse = sqrt(5.5 / 6) = 0.9574271
        assertThat(evaluation.get("rmse")).isCloseTo(0.9574271, within(1e-6));
        // |errors| 2 + 1 + 0.5 + 0.5 = 4; mae = 4 / 6
        assertThat(evaluation.get("mae")).isCloseTo(4.0 / 6, within(1e-9));
        // liked at 3.5: (5,3.0) FN, (3,4.0) FP, (4,4.5) TP, (4,3.5) TP, (1,1.0) TN, (2,2.0) TN
        // precision 2 / 3, recall 2 / 3, F1 2 / 3
        assertThat(evaluation.get("precision_liked")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(evaluation.get("recall_liked")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(evaluation.get("f1_liked")).isCloseTo(2.0 / 3, within(1e-9));

        // top-N users: user 1 (relevant {30}) and user 2 (relevant {10, 50}); user 3 liked nothing in test.
        // user 1 without train items 10, 20: 40 (4.0), 50 (3.5), 30 (3.0), 60 -> hits @3: no, no, yes
        // user 2 without train item 30: 10 (4.5), 40 (4.0), 50 (3.5), 20, 60 -> hits @3: yes, no, yes
        assertThat(evaluation.get("topn_users")).isEqualTo(2);
        // K = 1: user 1: P 0, R 0, NDCG 0, AP 0, hit 0; user 2: P 1, R 1/2, NDCG 1/1, AP 1/min(1,2) = 1, hit 1
        assertThat(evaluation.get("precision_at_1")).isCloseTo(0.5, within(1e-9));
        assertThat(evaluation.get("recall_at_1")).isCloseTo(0.25, within(1e-9));
        assertThat(evaluation.get("ndcg_at_1")).isCloseTo(0.5, within(1e-9));
        assertThat(evaluation.get("map_at_1")).isCloseTo(0.5, within(1e-9));
        assertThat(evaluation.get("hit_rate_at_1")).isCloseTo(0.5, within(1e-9));
        // top-1 items: 40 and 10, 2 of 6
        assertThat(evaluation.get("coverage_at_1")).isCloseTo(2.0 / 6, within(1e-9));
        // K = 3: user 1: P 1/3, R 1/1, NDCG (1/log2 4) / 1 = 0.5, AP (1/3) / min(3,1) = 1/3, hit 1
        //        user 2: P 2/3, R 2/2, NDCG (1 + 1/log2 4) / (1 + 1/log2 3) = 1.5 / 1.6309298 = 0.9197208,
        //                AP (1/1 + 2/3) / min(3,2) = 5/6, hit 1
        // means: P 0.5, R 1, NDCG (0.5 + 0.9197208) / 2 = 0.7098604, MAP (1/3 + 5/6) / 2 = 7/12, hit rate 1
        assertThat(evaluation.get("precision_at_3")).isCloseTo(0.5, within(1e-9));
        assertThat(evaluation.get("recall_at_3")).isCloseTo(1, within(1e-9));
        assertThat(evaluation.get("ndcg_at_3")).isCloseTo(0.7098604, within(1e-6));
        assertThat(evaluation.get("map_at_3")).isCloseTo(7.0 / 12, within(1e-9));
        assertThat(evaluation.get("hit_rate_at_3")).isCloseTo(1, within(1e-9));
        // top-3 items: {40, 50, 30} and {10, 40, 50}: 4 of 6
        assertThat(evaluation.get("coverage_at_3")).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(evaluation.get("score_latency_ms_p95")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aRankingModelHasNoRatingMetricsAndScoresOnlyTopNUsers() {
        FixedScores model = new FixedScores(ALL.items(), SCORES, false);
        Evaluation evaluation = new Evaluator(SETTINGS).evaluate(model, SPLIT);

        assertThat(evaluation.asMap()).doesNotContainKeys("rmse", "mae", "precision_liked", "recall_liked", "f1_liked");
        assertThat(model.profiles).hasSize(2); // user 3 has no relevant test item
        assertThat(evaluation.get("test_users")).isEqualTo(3);
        assertThat(evaluation.get("ndcg_at_3")).isCloseTo(0.7098604, within(1e-6)); // as above
        assertThat(evaluation.get("map_at_1")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void itemsRatedInTrainNeverAppearInTheTopK() {
        Ratings ratings = TestRatings.random(120, 60, 30, 21);
        Split split = new RandomHoldoutSplitter(0.3, 2).split(ratings).get(0);
        // a model that scores the user's own train items highest
        Recommender model = new FixedScores(ratings.items(), null, false) {
            @Override
            public float[] score(UserRatings user) {
                float[] scores = new float[items().size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = -i;
                }
                for (int item : user.items()) {
                    scores[item] = 100;
                }
                return scores;
            }
        };
        Ratings.ByUser trainByUser = split.train().byUser();
        UserScorer scorer = new UserScorer(model, 20);
        for (int user = 0; user < ratings.users().size(); user++) {
            Set<Integer> trainItems = new HashSet<>();
            for (int item : trainByUser.ratings(user).items()) {
                trainItems.add(item);
            }
            int[] top = scorer.score(trainByUser.ratings(user), new int[0], true).top();
            // every list is as long as the items left allow: min(20, 60 - train items)
            assertThat(top).hasSize(Math.min(20, 60 - trainItems.size()));
            for (int item : top) {
                assertThat(trainItems).as("user %d", user).doesNotContain(item);
            }
        }
    }

    @Test
    void aNanScoreIsAnErrorUnlessTheItemIsRatedInTrain() {
        Ratings ratings = TestRatings.random(20, 10, 5, 3);
        UserRatings profile = new UserRatings(new int[] {1}, new float[] {4f});
        Recommender nanForItemOne = new FixedScores(ratings.items(), null, false) {
            @Override
            public float[] score(UserRatings user) {
                float[] scores = new float[items().size()];
                scores[1] = Float.NaN;
                return scores;
            }
        };
        UserScorer scorer = new UserScorer(nanForItemOne, 3);

        assertThat(scorer.score(profile, new int[0], true).top()).hasSize(3).doesNotContain(1);
        assertThatThrownBy(() -> scorer.score(UserRatings.empty(), new int[0], true))
                .hasMessageContaining("item index 1 is NaN");
    }

    @Test
    void aModelThatKnowsTheLikedTestItemsGetsPerfectTopOneScores() {
        Ratings ratings = TestRatings.random(150, 80, 30, 23);
        Split split = new RandomHoldoutSplitter(0.3, 4).split(ratings).get(0);
        // it recognises each user by their train profile (all distinct here), scores their train items 10,
        // their liked test items 5 and the rest 0: only if train items are left out is every top-1 a hit
        Map<UserRatings, Set<Integer>> liked = new HashMap<>();
        Ratings.ByUser trainByUser = split.train().byUser();
        Ratings.ByUser testByUser = split.test().byUser();
        for (int user = 0; user < ratings.users().size(); user++) {
            Set<Integer> items = new HashSet<>();
            for (int row : testByUser.rows(user)) {
                if (split.test().rating(row) >= 3.5) {
                    items.add(split.test().item(row));
                }
            }
            liked.put(trainByUser.ratings(user), items);
        }
        assertThat(liked).hasSize(ratings.users().size());
        Recommender model = new FixedScores(ratings.items(), null, false) {
            @Override
            public float[] score(UserRatings user) {
                float[] scores = new float[items().size()];
                liked.get(user).forEach(item -> scores[item] = 5);
                for (int item : user.items()) {
                    scores[item] = 10;
                }
                return scores;
            }
        };
        Evaluation evaluation = new Evaluator(SETTINGS.withThreads(2)).evaluate(model, split);
        assertThat(evaluation.get("topn_users")).isPositive();
        assertThat(evaluation.get("precision_at_1")).isEqualTo(1);
        assertThat(evaluation.get("hit_rate_at_1")).isEqualTo(1);
        assertThat(evaluation.get("ndcg_at_3")).isEqualTo(1);
    }

    @Test
    void theNumbersDoNotDependOnTheThreads() {
        Ratings ratings = TestRatings.random(400, 150, 40, 29);
        Split split = new RandomHoldoutSplitter(0.2, 6).split(ratings).get(0);
        FactorModel model = randomFactorModel(ratings.items(), 8, 31);
        EvaluationSettings settings = EvaluationSettings.defaults();
        Map<String, Double> one = withoutTimings(new Evaluator(settings.withThreads(1)).evaluate(model, split));
        Map<String, Double> two = withoutTimings(new Evaluator(settings.withThreads(2)).evaluate(model, split));
        assertThat(one).containsKeys("rmse", "ndcg_at_10", "coverage_at_20");
        assertThat(two).isEqualTo(one);
    }

    @Test
    void aUserSampleLimitsEveryMetricToTheSampledUsers() {
        Ratings ratings = TestRatings.random(400, 150, 40, 37);
        Split split = new RandomHoldoutSplitter(0.2, 6).split(ratings).get(0);
        FactorModel model = randomFactorModel(ratings.items(), 8, 41);
        EvaluationSettings settings = EvaluationSettings.defaults();
        Evaluation all = new Evaluator(settings).evaluate(model, split);
        Evaluation sample = new Evaluator(settings.withUserSample(25, 5)).evaluate(model, split);
        Evaluation sameSample = new Evaluator(settings.withUserSample(25, 5)).evaluate(model, split);
        Evaluation otherSample = new Evaluator(settings.withUserSample(25, 6)).evaluate(model, split);

        assertThat(all.get("test_users")).isGreaterThan(25);
        assertThat(sample.get("test_users")).isEqualTo(25);
        assertThat(sample.get("topn_users")).isLessThanOrEqualTo(25).isPositive();
        assertThat(sample.get("test_ratings")).isLessThan(all.get("test_ratings"));
        assertThat(sample.get("rmse")).isNotEqualTo(all.get("rmse"));
        assertThat(withoutTimings(sameSample)).isEqualTo(withoutTimings(sample));
        assertThat(otherSample.get("ndcg_at_10")).isNotEqualTo(sample.get("ndcg_at_10"));
    }

    @Test
    void anEmptyTestPartGivesCountsOnly() {
        Split empty = new Split("empty", ALL, ALL.subset(new int[0]));
        Evaluation evaluation = new Evaluator(SETTINGS).evaluate(new FixedScores(ALL.items(), SCORES, true), empty);
        assertThat(evaluation.asMap().keySet()).containsExactly("test_users", "test_ratings", "topn_users",
                "evaluation_time_s");
        assertThat(evaluation.get("test_users")).isZero();
    }

    @Test
    void aModelOfOtherItemsIsSeenThroughTheSplitsItemsAndWrongScoresNameTheUser() {
        // the same scores, but the model knows only the split's first four movies: the two others are
        // predicted as the user's mean of the four, so the RMSE changes but the evaluation runs
        long[] ids = ALL.items().ids();
        Recommender fewer = new FixedScores(IdIndex.of(java.util.Arrays.copyOf(ids, 4)),
                java.util.Arrays.copyOf(SCORES, 4), true);
        assertThat(new Evaluator(SETTINGS).evaluate(fewer, SPLIT).get("test_ratings"))
                .isEqualTo(new Evaluator(SETTINGS).evaluate(new FixedScores(ALL.items(), SCORES, true), SPLIT)
                        .get("test_ratings"));
        Recommender short_ = new FixedScores(ALL.items(), new float[] {1, 2}, true);
        assertThatThrownBy(() -> new Evaluator(SETTINGS).evaluate(short_, SPLIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user id 1")
                .hasMessageContaining("2 scores for 6 items");
    }

    private static Map<String, Double> withoutTimings(Evaluation evaluation) {
        Map<String, Double> metrics = new HashMap<>(evaluation.asMap());
        metrics.keySet().removeAll(List.of("score_latency_ms_mean", "score_latency_ms_p95", "evaluation_time_s"));
        return metrics;
    }

    private static FactorModel randomFactorModel(IdIndex items, int factors, long seed) {
        Random random = new Random(seed);
        float[] bias = new float[items.size()];
        float[] data = new float[items.size() * factors];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) random.nextGaussian() * 0.3f;
        }
        for (int j = 0; j < data.length; j++) {
            data[j] = (float) random.nextGaussian() * 0.5f;
        }
        return new FactorModel(FactorModel.MF_TYPE, items, 3.5f, bias, new FloatMatrix(items.size(), factors, data),
                1f, 0.5f, 5f);
    }

    /** The same scores for every user; remembers the profiles it was given. */
    private static class FixedScores implements Recommender {
        final List<UserRatings> profiles = Collections.synchronizedList(new ArrayList<>());
        private final IdIndex items;
        private final float[] scores;
        private final boolean predictsRatings;

        FixedScores(IdIndex items, float[] scores, boolean predictsRatings) {
            this.items = items;
            this.scores = scores;
            this.predictsRatings = predictsRatings;
        }

        @Override
        public String type() {
            return "fixed";
        }

        @Override
        public IdIndex items() {
            return items;
        }

        @Override
        public float[] score(UserRatings user) {
            profiles.add(user);
            return scores.clone();
        }

        @Override
        public boolean predictsRatings() {
            return predictsRatings;
        }

        @Override
        public void saveArrays(Path dir) {
            throw new UnsupportedOperationException();
        }
    }
}
