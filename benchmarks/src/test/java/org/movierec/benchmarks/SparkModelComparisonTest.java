package org.movierec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.training.spark.AlsTrainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/compare-models.sh --spark}'s Spark side on ml-latest-small (local[2]): explicit ALS fitted on
 * the in-JVM comparison's own split and measured by its evaluator.
 */
@Tag("integration")
class SparkModelComparisonTest {

    /** The bundled ml-latest-small release. */
    private static final Path SAMPLE = Path.of("..", "data", "sample", "ml-latest-small");

    private static SparkSession spark;

    @TempDir
    Path out;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("SparkModelComparisonTest")
                .config("spark.ui.enabled", false).config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", 8).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void explicitAlsIsFittedOnTheInJvmSplitAndMeasuredByTheInJvmEvaluator() throws Exception {
        int exitCode = ModelComparison.run(new String[] {SAMPLE.toString(), "--out", out.toString(),
                "--models", "als", "--threads", "2"}, AlsTrainer.TYPES, SparkModelComparison.RESULTS_FILE, false,
                new SparkModelComparison.AlsFitting(spark));
        assertThat(exitCode).isZero();

        JsonNode results = JsonMapper.builder().build().readTree(out.resolve(SparkModelComparison.RESULTS_FILE).toFile());
        assertThat(results.get("split").get("split_test_fraction").asString()).isEqualTo("0.2");
        JsonNode als = results.get("models").get(0);
        assertThat(als.get("model").asString()).isEqualTo("als");
        assertThat(als.get("params").get("factors").asString()).isEqualTo("50");
        JsonNode metrics = als.get("splits").get(0).get("metrics");
        // the in-JVM split of bench/compare-models.sh (RandomHoldoutSplitter, seed 42) holds out 19,940 ratings
        assertThat(metrics.get("test_ratings").asDouble()).isEqualTo(19_940);
        // predicting the mean rating for every rating would score about the ratings' standard deviation, 1.04
        assertThat(als.get("rmse").asDouble()).isBetween(0.80, 0.90);
        assertThat(als.get("ndcg_at_10").asDouble()).isPositive();
    }

    @Test
    void aModelSparkDoesNotTrainIsAUsageError() throws Exception {
        int exitCode = ModelComparison.run(new String[] {SAMPLE.toString(), "--out", out.toString(),
                "--models", "ease"}, AlsTrainer.TYPES, SparkModelComparison.RESULTS_FILE, false,
                new SparkModelComparison.AlsFitting(spark));
        assertThat(exitCode).isEqualTo(2);
    }

}
