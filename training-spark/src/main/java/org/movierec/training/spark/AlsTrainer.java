package org.movierec.training.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.training.run.InvalidRequestException;
import org.movierec.training.train.HyperParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explicit alternating least squares from Spark MLlib ({@link ALS}) on mean-centred ratings, exported as the
 * saved-model format's {@link FactorModel} (type {@code als}) so serving loads it like any factor model.
 *
 * <p>Spark's ALS minimises {@code sum (r - mu - q_i . p_u)^2 + reg * (n_u |p_u|^2 + n_i |q_i|^2)}: its
 * penalty grows with each user's number of ratings, so the exported model folds a user in with
 * {@code fold_in_reg_per_rating = reg}. Only the item side is kept; every user, known or new, is folded in
 * from their current ratings (with a user bias, as for every factor model), at evaluation as at serving.
 */
final class AlsTrainer {

    private static final Logger log = LoggerFactory.getLogger(AlsTrainer.class);

    private final int factors;
    private final int iterations;
    private final double reg;
    private final int blocks;
    private final long seed;
    private final Map<String, String> params;

    AlsTrainer(Map<String, String> hyperParameters) {
        try {
            HyperParameters hp = HyperParameters.of(hyperParameters);
            factors = hp.integer("factors", 50, 1, 1000);
            iterations = hp.integer("iterations", 10, 1, 200);
            reg = hp.real("reg", 0.05, 0, 10);
            blocks = hp.integer("blocks", 10, 1, 100_000);
            seed = hp.seed("seed", 42);
            params = hp.resolved(FactorModel.ALS_TYPE);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    String type() {
        return FactorModel.ALS_TYPE;
    }

    Map<String, String> params() {
        return params;
    }

    int iterations() {
        return iterations;
    }

    /**
     * @param train the training ratings ({@code user_id}, {@code movie_id}, {@code rating})
     * @param mean  the mean training rating, subtracted before fitting
     */
    FactorModel fit(Dataset<Row> train, double mean, float minRating, float maxRating) {
        ALS als = new ALS().setRank(factors).setMaxIter(iterations).setRegParam(reg).setImplicitPrefs(false)
                .setNumUserBlocks(blocks).setNumItemBlocks(blocks).setSeed(seed)
                .setUserCol("user").setItemCol("item").setRatingCol("residual");
        Dataset<Row> input = train.select(col("user_id").cast("int").as("user"), col("movie_id").cast("int").as("item"),
                col("rating").minus(lit(mean)).cast("float").as("residual"));
        log.info("Fitting ALS: {} factors, {} iterations, reg {}, {} blocks", factors, iterations, reg, blocks);
        ALSModel model = als.fit(input);
        List<Row> rows = model.itemFactors().orderBy("id").collectAsList();
        long[] ids = new long[rows.size()];
        float[] data = new float[rows.size() * factors];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ids[i] = row.getInt(0);
            List<Float> vector = row.getList(1);
            for (int c = 0; c < factors; c++) {
                data[i * factors + c] = vector.get(c);
            }
        }
        return new FactorModel(FactorModel.ALS_TYPE, IdIndex.fromSorted(ids), (float) mean, new float[ids.length],
                new FloatMatrix(ids.length, factors, data), 0f, (float) reg, minRating, maxRating);
    }
}
