package org.movierec.training.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.EvaluationSettings;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.MetricTotals;
import org.movierec.training.eval.UserScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-JVM {@link Evaluator} distributed over Spark's executors: the model's saved files are broadcast,
 * each executor loads it once, and every partition scores its users exactly as the in-JVM evaluation does
 * (the user's train ratings folded in, predictions of their test ratings, the top-K list without their
 * train items, through the same {@link UserScorer}) into {@link MetricTotals}, merged on the driver. The
 * catalogue is every movie of the snapshot, as in-JVM, so the numbers mean the same whichever engine
 * trained; a test on ml-latest-small holds the two to 1e-6. With {@link EvaluationSettings#maxUsers()}, the
 * same seeded sample of test users as in-JVM.
 */
final class SparkEvaluator {

    private static final Logger log = LoggerFactory.getLogger(SparkEvaluator.class);

    private final EvaluationSettings settings;

    /** @param settings with a user sample ({@code maxUsers > 0}), the users {@link Evaluator} would draw */
    SparkEvaluator(EvaluationSettings settings) {
        this.settings = settings;
    }

    EvaluationSettings settings() {
        return settings;
    }

    /**
     * @param split     the ratings with their {@code test} column ({@link HoldoutSplit#split})
     * @param catalogue every movie id of the snapshot, ascending
     */
    Evaluation evaluate(Recommender model, Dataset<Row> split, long[] catalogue) {
        long started = System.nanoTime();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(split.sparkSession().sparkContext());
        Broadcast<ModelFiles> files = context.broadcast(ModelFiles.of(model));
        Broadcast<long[]> movies = context.broadcast(catalogue);
        try {
            Dataset<Row> users = sample(split).groupBy("user_id")
                    .agg(collect_list(struct(col("movie_id"), col("rating"), col("test"))).as("ratings"));
            MetricTotals totals = users.javaRDD()
                    .mapPartitions(new ScorePartition(files, movies, settings.likedThreshold(), settings.ks()))
                    .reduce(MetricTotals::merge);
            Evaluation evaluation = totals.toEvaluation(model.predictsRatings() && totals.testRatings() > 0,
                    catalogue.length, (System.nanoTime() - started) / 1e9);
            log.info("Evaluated {} in Spark: {}", model.type(), evaluation);
            return evaluation;
        } finally {
            files.destroy();
            movies.destroy();
        }
    }

    /**
     * The ratings of the sampled test users, drawn as {@link Evaluator#samplePositions} draws them from the
     * ascending test user ids (collected on the driver, 8 bytes a user); all ratings without a sample.
     */
    private Dataset<Row> sample(Dataset<Row> split) {
        if (settings.maxUsers() == 0) {
            return split;
        }
        List<Long> testUsers = split.filter(col("test")).select("user_id").distinct().orderBy("user_id")
                .as(Encoders.LONG()).collectAsList();
        int[] positions = Evaluator.samplePositions(testUsers.size(), settings.maxUsers(), settings.sampleSeed());
        if (positions.length == testUsers.size()) {
            return split;
        }
        List<Long> chosen = Arrays.stream(positions).mapToObj(testUsers::get).toList();
        log.info("Evaluating a sample of {} of {} test users (seed {})", chosen.size(), testUsers.size(),
                settings.sampleSeed());
        return split.filter(col("user_id").isInCollection(chosen));
    }

    /** Scores the users of one partition into one {@link MetricTotals}. */
    private static final class ScorePartition implements FlatMapFunction<Iterator<Row>, MetricTotals> {

        private static final long serialVersionUID = 1L;

        private final Broadcast<ModelFiles> files;
        private final Broadcast<long[]> movies;
        private final double likedThreshold;
        private final ArrayList<Integer> ks;

        ScorePartition(Broadcast<ModelFiles> files, Broadcast<long[]> movies, double likedThreshold, List<Integer> ks) {
            this.files = files;
            this.movies = movies;
            this.likedThreshold = likedThreshold;
            this.ks = new ArrayList<>(ks);
        }

        @Override
        public Iterator<MetricTotals> call(Iterator<Row> users) {
            EvaluationSettings settings = new EvaluationSettings(likedThreshold, ks, 0, 0, 1);
            Recommender model = ModelFiles.loadOnCatalogue(files, movies);
            IdIndex catalogue = model.items();
            UserScorer scorer = new UserScorer(model, settings.maxK());
            MetricTotals totals = new MetricTotals(settings);
            while (users.hasNext()) {
                Row user = users.next();
                try {
                    score(user.getList(1), catalogue, model.predictsRatings(), scorer, totals);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("evaluating model '" + model.type() + "' for user id "
                            + user.getLong(0) + ": " + e.getMessage(), e);
                }
            }
            return List.of(totals).iterator();
        }

        /** One user: their ratings sorted by movie, split into the train profile and the test ratings. */
        private void score(List<Row> ratings, IdIndex catalogue, boolean predicts, UserScorer scorer,
                           MetricTotals totals) {
            List<Row> sorted = new ArrayList<>(ratings);
            sorted.sort(Comparator.comparingLong(row -> row.getLong(0)));
            int tests = (int) sorted.stream().filter(row -> row.getBoolean(2)).count();
            if (tests == 0) {
                return;
            }
            int[] trainItems = new int[sorted.size() - tests];
            float[] trainRatings = new float[trainItems.length];
            int[] testItems = new int[tests];
            float[] actual = new float[tests];
            int train = 0;
            int test = 0;
            int liked = 0;
            for (Row row : sorted) {
                int item = catalogue.indexOf(row.getLong(0));
                if (row.getBoolean(2)) {
                    testItems[test] = item;
                    actual[test++] = row.getFloat(1);
                    if (row.getFloat(1) >= likedThreshold) {
                        liked++;
                    }
                } else {
                    trainItems[train] = item;
                    trainRatings[train++] = row.getFloat(1);
                }
            }
            int[] relevant = new int[liked];
            for (int j = 0, r = 0; j < tests; j++) {
                if (actual[j] >= likedThreshold) {
                    relevant[r++] = testItems[j];
                }
            }
            totals.addTestUser(tests);
            boolean topN = liked > 0;
            if (predicts || topN) {
                UserScorer.Result result = scorer.score(new UserRatings(trainItems, trainRatings), testItems, topN);
                totals.addScored(actual, result.predicted(), result.top(), topN ? relevant : null, result.nanos());
            }
        }
    }
}
