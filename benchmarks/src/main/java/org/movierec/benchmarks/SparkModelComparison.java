package org.movierec.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.movierec.model.Recommender;
import org.movierec.training.spark.AlsTrainer;
import org.movierec.training.data.Ratings;

/**
 * The model-quality benchmark for Spark's ALS ({@code bench/compare-models.sh --spark}): the same command line,
 * release reader, seeded split, evaluator and table as the in-JVM {@link ModelComparison}, so its figures sit
 * beside the other models' on identical test sets; each split's train part is fitted by {@link AlsTrainer}
 * with its default hyper-parameters. Figures go to {@code spark-results.json}. Run with
 * {@code spark-submit --class org.movierec.benchmarks.SparkModelComparison --jars benchmarks-classes.jar
 * training-spark.jar ARGS}: the benchmarks' classes beside the Spark job's.
 */
public final class SparkModelComparison {

    static final String RESULTS_FILE = "spark-results.json";

    private static final StructType SCHEMA = new StructType()
            .add("user_id", DataTypes.LongType, false)
            .add("movie_id", DataTypes.LongType, false)
            .add("rating", DataTypes.FloatType, false);

    private SparkModelComparison() {
    }

    public static void main(String[] args) throws IOException {
        int exitCode;
        SparkSession spark = SparkSession.builder().appName("movierec model comparison").getOrCreate();
        try {
            exitCode = ModelComparison.run(args, AlsTrainer.TYPES, RESULTS_FILE, false, new AlsFitting(spark));
        } finally {
            spark.stop();
        }
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Fits Spark's ALS on a split's train part, as a training run fits it on the snapshot's. */
    record AlsFitting(SparkSession spark) implements ModelComparison.Fitting {

        @Override
        public Map<String, String> params(String type) {
            return new AlsTrainer(type, Map.of()).params();
        }

        @Override
        public Recommender fit(String type, Ratings train) {
            List<Row> rows = new ArrayList<>(train.size());
            double sum = 0;
            float lowest = Float.POSITIVE_INFINITY;
            float highest = Float.NEGATIVE_INFINITY;
            for (int row = 0; row < train.size(); row++) {
                float rating = train.rating(row);
                rows.add(RowFactory.create(train.users().idAt(train.user(row)), train.items().idAt(train.item(row)),
                        rating));
                sum += rating;
                lowest = Math.min(lowest, rating);
                highest = Math.max(highest, rating);
            }
            Dataset<Row> ratings = spark.createDataFrame(rows, SCHEMA);
            return new AlsTrainer(type, Map.of()).fit(ratings, sum / train.size(), lowest, highest);
        }
    }
}
