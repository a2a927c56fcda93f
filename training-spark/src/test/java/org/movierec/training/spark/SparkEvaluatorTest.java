package org.movierec.training.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.apache.spark.ml.recommendation.ALSModel;
import org.movierec.model.FactorModel;
import org.movierec.model.ImplicitFactorModel;
import org.movierec.model.UserRatings;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.EvaluationSettings;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.RandomHoldoutSplitter;
import org.movierec.training.eval.Split;
import org.movierec.training.train.EpochListener;
import org.movierec.training.train.PopularityTrainer;

/**
 * The Spark split and evaluation against the in-JVM ones on ml-latest-small (local[2], six partitions): the
 * same test ratings, and every metric of the same model equal to 1e-6, so a number in MLflow means the same
 * whichever engine computed it.
 */
@Tag("integration")
class SparkEvaluatorTest {

    private static final EvaluationSettings SETTINGS = new EvaluationSettings(3.5, List.of(5, 10, 20), 0, 42, 2);

    private static SparkSession spark;
    private static Split inJvm;
    private static Dataset<Row> inSpark;
    private static long[] catalogue;

    @BeforeAll
    static void split() {
        spark = SparkSession.builder().master("local[2]").appName("SparkEvaluatorTest")
                .config("spark.ui.enabled", false).config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", 8).getOrCreate();
        List<String[]> rows = SampleRatings.rows();
        Ratings ratings = SampleRatings.inJvm(rows);
        inJvm = new RandomHoldoutSplitter(0.2, 42).split(ratings).get(0);
        inSpark = new HoldoutSplit(0.2, 42).split(SampleRatings.inSpark(spark, rows));
        catalogue = new long[ratings.items().size()];
        for (int i = 0; i < catalogue.length; i++) {
            catalogue[i] = ratings.items().idAt(i);
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theSplitHoldsOutTheSameRatingsAsTheInJvmSplit() {
        Set<String> expected = new HashSet<>();
        Ratings test = inJvm.test();
        for (int row = 0; row < test.size(); row++) {
            expected.add(test.users().idAt(test.user(row)) + ":" + test.items().idAt(test.item(row)));
        }
        Set<String> actual = new HashSet<>();
        for (Row row : inSpark.filter(col("test")).select("user_id", "movie_id").collectAsList()) {
            actual.add(row.getLong(0) + ":" + row.getLong(1));
        }
        assertThat(expected).hasSize(19_940);
        assertThat(actual).isEqualTo(expected);
        assertThat(inSpark.count()).isEqualTo(100_836);
    }

    @Test
    void alsIsEvaluatedAsTheInJvmEvaluatorDoes() {
        Dataset<Row> train = inSpark.filter(not(col("test")));
        Recommender model = new AlsTrainer("als", Map.of("factors", "8", "iterations", "4")).fit(train, 3.5, 0.5f, 5f);
        assertThat(model).isInstanceOf(FactorModel.class);
        assertSameMetrics(model, 26);
    }

    @Test
    void implicitAlsIsEvaluatedAsTheInJvmEvaluatorDoes() {
        Dataset<Row> train = inSpark.filter(not(col("test")));
        Recommender model = new AlsTrainer("als-implicit", Map.of("factors", "8", "iterations", "4")).fit(train, 3.5,
                0.5f, 5f);
        assertThat(model).isInstanceOf(ImplicitFactorModel.class);
        assertSameMetrics(model, 21);
    }

    @Test
    void theImplicitModelFoldsAUserInAsSparksOwnLastUserStep() {
        Dataset<Row> train = inSpark.filter(not(col("test")));
        AlsTrainer trainer = new AlsTrainer("als-implicit", Map.of("factors", "6", "iterations", "3", "alpha", "2"));
        ALSModel als = trainer.fitAls(train, 0);
        ImplicitFactorModel model = (ImplicitFactorModel) trainer.export(als, 0, 0.5f, 5f);
        Map<Integer, float[]> sparkUsers = new TreeMap<>();
        for (Row row : als.userFactors().filter(col("id").leq(40)).collectAsList()) {
            List<Float> vector = row.getList(1);
            float[] x = new float[vector.size()];
            for (int c = 0; c < x.length; c++) {
                x[c] = vector.get(c);
            }
            sparkUsers.put(row.getInt(0), x);
        }
        assertThat(sparkUsers).hasSize(40);
        Ratings trainPart = inJvm.train();
        Ratings.ByUser byUser = trainPart.byUser();
        sparkUsers.forEach((userId, expected) -> {
            UserRatings ratings = byUser.ratings(trainPart.users().indexOf(userId));
            int[] items = new int[ratings.size()];
            for (int j = 0; j < items.length; j++) {
                items[j] = model.items().indexOf(trainPart.items().idAt(ratings.items()[j]));
            }
            float[] actual = model.foldIn(new UserRatings(items, ratings.ratings()));
            for (int c = 0; c < expected.length; c++) {
                assertThat(actual[c]).as("user %d, factor %d", userId, c).isCloseTo(expected[c], within(2e-3f));
            }
        });
    }

    @Test
    void aRankerThatDoesNotPredictRatingsIsEvaluatedAsTheInJvmEvaluatorDoes() {
        Recommender model = new PopularityTrainer(Map.of()).train(inJvm.train(), inJvm.test(), EpochListener.NONE);
        assertThat(model.predictsRatings()).isFalse();
        assertSameMetrics(model, 21);
    }

    @Test
    void aSeededSampleOfTestUsersIsTheSameSampleAsInJvm() {
        Recommender model = new PopularityTrainer(Map.of()).train(inJvm.train(), inJvm.test(), EpochListener.NONE);
        EvaluationSettings sample = SETTINGS.withUserSample(100, 7);
        Map<String, Double> metrics = assertSameMetrics(model, 21, sample);
        assertThat(metrics.get("test_users")).isEqualTo(100);
        // the seed decides which users: another seed draws others
        assertThat(metrics).isNotEqualTo(quality(new Evaluator(SETTINGS.withUserSample(100, 8)).evaluate(model, inJvm)));
    }

    private static void assertSameMetrics(Recommender model, int metrics) {
        assertSameMetrics(model, metrics, SETTINGS);
    }

    private static Map<String, Double> assertSameMetrics(Recommender model, int metrics, EvaluationSettings settings) {
        Map<String, Double> expected = quality(new Evaluator(settings).evaluate(model, inJvm));
        Map<String, Double> actual = quality(new SparkEvaluator(settings.withThreads(1)).evaluate(model, inSpark,
                catalogue));
        assertThat(actual.keySet()).isEqualTo(expected.keySet()).hasSize(metrics);
        expected.forEach((name, value) -> assertThat(actual.get(name)).as(name).isCloseTo(value, within(1e-6)));
        assertThat(expected.get("ndcg_at_10")).as("a model that ranks some test likes").isGreaterThan(0.001);
        return expected;
    }

    /** Every metric but the timings, which no two runs share. */
    private static Map<String, Double> quality(Evaluation evaluation) {
        Map<String, Double> metrics = new TreeMap<>(evaluation.asMap());
        metrics.keySet().removeIf(name -> name.startsWith("score_latency") || name.equals("evaluation_time_s"));
        return metrics;
    }
}
