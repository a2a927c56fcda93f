package org.movierec.training.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.movierec.training.data.Ratings;

/** The bundled ml-latest-small ratings, sorted by user then movie, in-JVM and as a Spark dataset. */
final class SampleRatings {

    static final Path DIR = Path.of("..", "data", "sample", "ml-latest-small");
    static final StructType SCHEMA = new StructType()
            .add("user_id", DataTypes.LongType, false)
            .add("movie_id", DataTypes.LongType, false)
            .add("rating", DataTypes.FloatType, false)
            .add("rated_at", DataTypes.LongType, false);

    /** userId, movieId, rating, timestamp per row. */
    static List<String[]> rows() {
        try {
            List<String[]> rows = new ArrayList<>(Files.readAllLines(DIR.resolve("ratings.csv")).stream().skip(1)
                    .map(line -> line.split(",")).toList());
            rows.sort(Comparator.<String[]>comparingLong(f -> Long.parseLong(f[0])).thenComparingLong(f -> Long.parseLong(f[1])));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Ratings inJvm(List<String[]> rows) {
        int n = rows.size();
        long[] users = new long[n];
        long[] movies = new long[n];
        float[] ratings = new float[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            String[] f = rows.get(i);
            users[i] = Long.parseLong(f[0]);
            movies[i] = Long.parseLong(f[1]);
            ratings[i] = Float.parseFloat(f[2]);
            times[i] = Long.parseLong(f[3]);
        }
        return Ratings.ofIds(users, movies, ratings, times);
    }

    static Dataset<Row> inSpark(SparkSession spark, List<String[]> rows) {
        List<Row> data = rows.stream().map(f -> RowFactory.create(Long.parseLong(f[0]), Long.parseLong(f[1]),
                Float.parseFloat(f[2]), Long.parseLong(f[3]))).toList();
        return spark.createDataFrame(data, SCHEMA).repartition(6);
    }

    private SampleRatings() {
    }
}
