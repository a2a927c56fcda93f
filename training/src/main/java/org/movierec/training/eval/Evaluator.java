package org.movierec.training.eval;

import java.util.Arrays;
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
            UserScorer scorer = new UserScorer(model, settings.maxK());
            return i -> results[i] = score(scorer, model.type(), split, trainByUser, testByUser, scored[i], topN[scored[i]]);
        });

        MetricTotals totals = new MetricTotals(settings);
        for (int user : testUsers) {
            totals.addTestUser(testByUser.count(user));
        }
        for (int i = 0; i < scored.length; i++) {
            int user = scored[i];
            float[] actual = new float[testByUser.count(user)];
            int[] rows = testByUser.rows(user);
            for (int j = 0; j < rows.length; j++) {
                actual[j] = test.rating(rows[j]);
            }
            totals.addScored(actual, results[i].predicted(), results[i].top(),
                    topN[user] ? relevant(user, test, testByUser) : null, results[i].nanos());
        }
        return totals.toEvaluation(model.predictsRatings() && test.size() > 0, model.items().size(),
                (System.nanoTime() - started) / 1e9);
    }

    private static UserScorer.Result score(UserScorer scorer, String type, Split split, Ratings.ByUser trainByUser,
                                           Ratings.ByUser testByUser, int user, boolean topN) {
        try {
            int[] testItems = Arrays.stream(testByUser.rows(user)).map(split.test()::item).toArray();
            return scorer.score(trainByUser.ratings(user), testItems, topN);
        } catch (RuntimeException e) {
            throw new IllegalStateException("evaluating model '" + type + "' on split '" + split.name() + "' for user id "
                    + split.test().users().idAt(user) + ": " + e.getMessage(), e);
        }
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
        int[] positions = samplePositions(users.length, settings.maxUsers(), settings.sampleSeed());
        return positions.length == users.length ? users : Arrays.stream(positions).map(p -> users[p]).toArray();
    }

    /**
     * Which of {@code count} test users, listed in ascending id order, a sample of at most {@code max} (0: all)
     * evaluates, drawn with {@code seed}: their positions in that list, ascending. The Spark evaluation draws
     * with this too, so both engines evaluate the same users.
     */
    public static int[] samplePositions(int count, int max, long seed) {
        int[] positions = new int[count];
        Arrays.setAll(positions, p -> p);
        if (max == 0 || count <= max) {
            return positions;
        }
        Random random = new Random(seed);
        for (int k = 0; k < max; k++) {
            int pick = k + random.nextInt(count - k);
            int swap = positions[pick];
            positions[pick] = positions[k];
            positions[k] = swap;
        }
        int[] chosen = Arrays.copyOf(positions, max);
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
}
