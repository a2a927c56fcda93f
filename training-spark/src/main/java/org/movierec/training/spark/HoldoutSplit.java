package org.movierec.training.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.movierec.training.eval.RandomHoldoutSplitter;
import org.movierec.training.run.InvalidRequestException;

/**
 * The in-JVM {@link RandomHoldoutSplitter} in Spark: of each user's {@code n} ratings, the
 * {@code testCount(n)} with the smallest hash of {@code (seed, user id, movie id)} go to test, with the very
 * same hash and count, so a Spark run and an in-JVM run on the same snapshot test on the same ratings and
 * their models are compared fairly at promotion.
 */
final class HoldoutSplit {

    private final RandomHoldoutSplitter splitter;
    private final double testFraction;
    private final long seed;

    HoldoutSplit(double testFraction, long seed) {
        try {
            this.splitter = new RandomHoldoutSplitter(testFraction, seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        this.testFraction = testFraction;
        this.seed = seed;
    }

    long seed() {
        return seed;
    }

    /** The validation cut of a train part: the same hold-out with seed + 1, so it never selects by the test part. */
    HoldoutSplit validation() {
        return new HoldoutSplit(testFraction, seed + 1);
    }

    /** The split's parameters, as the in-JVM splitter logs them. */
    Map<String, String> params() {
        return splitter.params();
    }

    /** The ratings with a boolean column {@code test}, cached. */
    Dataset<Row> split(Dataset<Row> ratings) {
        long seed = this.seed;
        double fraction = testFraction;
        UserDefinedFunction hash = udf((UDF2<Long, Long, Long>) (user, movie) ->
                RandomHoldoutSplitter.hash(seed, user, movie), DataTypes.LongType);
        UserDefinedFunction tests = udf((UDF1<Long, Integer>) n ->
                RandomHoldoutSplitter.testCount(Math.toIntExact(n), fraction), DataTypes.IntegerType);
        WindowSpec byUser = Window.partitionBy("user_id");
        return ratings
                .withColumn("split_hash", hash.apply(col("user_id"), col("movie_id")))
                .withColumn("split_rank", row_number().over(byUser.orderBy("split_hash")))
                .withColumn("split_tests", tests.apply(count(lit(1)).over(byUser)))
                .withColumn("test", col("split_rank").leq(col("split_tests")))
                .drop("split_hash", "split_rank", "split_tests")
                .persist(StorageLevel.MEMORY_AND_DISK());
    }
}
