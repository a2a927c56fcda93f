package org.movierec.training.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;

/**
 * Judges a trained {@link Recommender} on the test part of a {@link Split}. Each test user (a user with at
 * least one test rating) is scored once, {@code model.score(their train ratings)}, as serving would at
 * request time; a user without train ratings is scored with an empty profile, as a new user. From those
 * scores come:
 * <ul>
 *   <li>when the model {@link Recommender#predictsRatings() predicts ratings}: the predicted rating of every
 *       test rating, for {@link RatingMetrics} over all test ratings;</li>
 *   <li>for users with at least one relevant test item (rated at least the liked threshold): the
 *       top-{@code K} list of the items they did not rate in train, for {@link RankingMetrics}, averaged
 *       over those users.</li>
 * </ul>
 * With {@link EvaluationSettings#maxUsers()} set, only a seeded sample of that many test users is evaluated,
 * for both kinds of metric.
 * Users who are only needed for top-N are the only ones scored when the model ranks without predicting
 * ratings. Users are scored on {@link EvaluationSettings#threads()} threads (so {@code score} is called
 * concurrently, as in serving) and results are reduced in user order: the metrics, timings aside, do not
 * depend on the number of threads.
 */
public final class Evaluator {

    private final EvaluationSettings settings;

    public Evaluator(EvaluationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public EvaluationSettings settings() {
        return settings;
    }

    /**
     * @param trained a model of any items: one that knows other items than the split's (trained on another
     *                snapshot, or modelling only the most rated items) is seen through {@link RemappedRecommender}
     */
    public Evaluation evaluate(Recommender trained, Split split) {
        long started = System.nanoTime();
        Ratings test = split.test();
        Recommender model = RemappedRecommender.onItems(trained, test.items());
        Ratings.ByUser testByUser = test.byUser();
        int[] testUsers = sample(testUsers(testByUser, test.users().size()));
        boolean[] topN = topNUsers(testUsers, test, testByUser);
        int[] scored = model.predictsRatings() ? testUsers
                : Arrays.stream(testUsers).filter(u -> topN[u]).toArray();
        UserScorer.Result[] results = new UserScorer.Result[scored.length];
        Ratings.ByUser trainByUser = split.train().byUser();
        Parallel.forEach(scored.length, settings.threads(), () -> {
            UserScorer scorer = new UserScorer(model, split, trainByUser, testByUser, settings.maxK());
            return i -> results[i] = scorer.score(scored[i], topN[scored[i]]);
        });

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Evaluation.TEST_USERS, (double) testUsers.length);
        metrics.put(Evaluation.TEST_RATINGS, (double) Arrays.stream(testUsers).map(testByUser::count).sum());
        if (model.predictsRatings() && test.size() > 0) {
            putRatingMetrics(metrics, scored, results, test, testByUser);
        }
        putTopNMetrics(metrics, scored, results, test, testByUser, model.items().size());
        if (scored.length > 0) {
            long[] nanos = Arrays.stream(results).mapToLong(UserScorer.Result::nanos).toArray();
            metrics.put(Evaluation.SCORE_LATENCY_MS_MEAN, Latencies.meanMillis(nanos));
            metrics.put(Evaluation.SCORE_LATENCY_MS_P95, Latencies.percentileMillis(nanos, 95));
        }
        metrics.put(Evaluation.EVALUATION_TIME_S, (System.nanoTime() - started) / 1e9);
        return new Evaluation(metrics);
    }

    private static int[] testUsers(Ratings.ByUser testByUser, int users) {
        int[] testUsers = new int[users];
        int count = 0;
        for (int u = 0; u < users; u++) {
            if (testByUser.count(u) > 0) {
                testUsers[count++] = u;
            }
        }
        return Arrays.copyOf(testUsers, count);
    }

    /** At most {@link EvaluationSettings#maxUsers()} of the users, drawn with the sample seed, in index order. */
    private int[] sample(int[] users) {
        int max = settings.maxUsers();
        if (max == 0 || users.length <= max) {
            return users;
        }
        int[] shuffled = users.clone();
        Random random = new Random(settings.sampleSeed());
        for (int k = 0; k < max; k++) {
            int pick = k + random.nextInt(shuffled.length - k);
            int swap = shuffled[pick];
            shuffled[pick] = shuffled[k];
            shuffled[k] = swap;
        }
        int[] chosen = Arrays.copyOf(shuffled, max);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Per user index: whether the user is in the top-N evaluation. */
    private boolean[] topNUsers(int[] testUsers, Ratings test, Ratings.ByUser testByUser) {
        int[] eligible = Arrays.stream(testUsers).filter(u -> relevant(u, test, testByUser).length > 0).toArray();
        boolean[] chosen = new boolean[test.users().size()];
        for (int u : eligible) {
            chosen[u] = true;
        }
        return chosen;
    }

    /** The items of a user's test ratings that are at least the liked threshold. */
    private int[] relevant(int user, Ratings test, Ratings.ByUser testByUser) {
        return Arrays.stream(testByUser.rows(user))
                .filter(row -> test.rating(row) >= settings.likedThreshold())
                .map(test::item)
                .toArray();
    }

    private void putRatingMetrics(Map<String, Double> metrics, int[] scored, UserScorer.Result[] results,
                                  Ratings test, Ratings.ByUser testByUser) {
        int pairs = 0;
        for (int user : scored) {
            pairs += testByUser.count(user);
        }
        float[] actual = new float[pairs];
        float[] predicted = new float[pairs];
        int pair = 0;
        for (int i = 0; i < scored.length; i++) {
            int[] rows = testByUser.rows(scored[i]);
            for (int j = 0; j < rows.length; j++) {
                actual[pair] = test.rating(rows[j]);
                predicted[pair++] = results[i].predicted()[j];
            }
        }
        RatingMetrics.Liked liked = RatingMetrics.liked(actual, predicted, settings.likedThreshold());
        metrics.put(Evaluation.RMSE, RatingMetrics.rmse(actual, predicted));
        metrics.put(Evaluation.MAE, RatingMetrics.mae(actual, predicted));
        metrics.put(Evaluation.PRECISION_LIKED, liked.precision());
        metrics.put(Evaluation.RECALL_LIKED, liked.recall());
        metrics.put(Evaluation.F1_LIKED, liked.f1());
    }

    private void putTopNMetrics(Map<String, Double> metrics, int[] scored, UserScorer.Result[] results,
                                Ratings test, Ratings.ByUser testByUser, int catalogueSize) {
        List<Integer> ks = settings.ks();
        double[][] sums = new double[ks.size()][5];
        List<int[]> lists = new ArrayList<>();
        for (int i = 0; i < scored.length; i++) {
            int[] top = results[i].top();
            if (top == null) {
                continue;
            }
            lists.add(top);
            int[] relevantItems = relevant(scored[i], test, testByUser);
            int relevant = relevantItems.length;
            boolean[] hits = RankingMetrics.hits(top, relevantItems);
            for (int k = 0; k < ks.size(); k++) {
                int length = ks.get(k);
                sums[k][0] += RankingMetrics.precisionAtK(hits, length);
                sums[k][1] += RankingMetrics.recallAtK(hits, length, relevant);
                sums[k][2] += RankingMetrics.ndcgAtK(hits, length, relevant);
                sums[k][3] += RankingMetrics.averagePrecisionAtK(hits, length, relevant);
                sums[k][4] += RankingMetrics.hitAtK(hits, length);
            }
        }
        metrics.put(Evaluation.TOPN_USERS, (double) lists.size());
        if (lists.isEmpty()) {
            return;
        }
        String[] names = {Evaluation.PRECISION, Evaluation.RECALL, Evaluation.NDCG, Evaluation.MAP, Evaluation.HIT_RATE};
        for (int k = 0; k < ks.size(); k++) {
            for (int m = 0; m < names.length; m++) {
                metrics.put(Evaluation.atK(names[m], ks.get(k)), sums[k][m] / lists.size());
            }
            metrics.put(Evaluation.atK(Evaluation.COVERAGE, ks.get(k)),
                    RankingMetrics.coverage(lists, ks.get(k), catalogueSize));
        }
    }
}
