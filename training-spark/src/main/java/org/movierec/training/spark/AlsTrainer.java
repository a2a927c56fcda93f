package org.movierec.training.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.ImplicitFactorModel;
import org.movierec.model.Recommender;
import org.movierec.training.run.InvalidRequestException;
import org.movierec.training.train.HyperParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alternating least squares from Spark MLlib ({@link ALS}), in its two forms, exported in the saved-model
 * format so serving loads it like the in-JVM models:
 * <ul>
 *   <li>{@code als}, a rating predictor: explicit ALS on mean-centred ratings, exported as a
 *       {@link FactorModel}. Spark minimises {@code sum (r - mu - q_i . p_u)^2 + reg * (n_u |p_u|^2 + n_i |q_i|^2)}:
 *       its penalty grows with each user's number of ratings, so the model folds a user in with
 *       {@code fold_in_reg_per_rating = reg} (and a user bias, as every factor model does).</li>
 *   <li>{@code als-implicit}, a top-N ranker: implicit ALS where every rating is an interaction with
 *       confidence {@code 1 + alpha * r}, exported as an {@link ImplicitFactorModel}, whose fold-in is the
 *       training's own user step.</li>
 * </ul>
 * Only the item side is kept; every user, known or new, is folded in from their current ratings, at
 * evaluation as at serving.
 *
 * <p>The default {@code reg} of {@code als} (0.15) comes from a 12-trial {@code tune} on ml-latest-small, compared
 * on the validation cut of the train part: every trial with {@code reg} of 0.09 or more had a validation RMSE of
 * 0.865 to 0.873, every one below 0.06 0.883 to 0.934 (docs/scale.md). Those of {@code als-implicit} (70 factors,
 * 13 iterations, reg 0.044, alpha 0.34) are the best of a 12-trial {@code tune} on the validation cut by NDCG@10
 * (0.178; the other eleven trials 0.120 to 0.164).
 */
public final class AlsTrainer {

    private static final Logger log = LoggerFactory.getLogger(AlsTrainer.class);

    /** The model types this trainer fits. */
    public static final List<String> TYPES = List.of(FactorModel.ALS_TYPE, ImplicitFactorModel.TYPE);

    private final String type;
    private final int factors;
    private final int iterations;
    private final double reg;
    private final double alpha;
    private final int blocks;
    private final long seed;
    private final Map<String, String> params;

    /** @param type {@code als} or {@code als-implicit} */
    public AlsTrainer(String type, Map<String, String> hyperParameters) {
        if (!TYPES.contains(type)) {
            throw new InvalidRequestException("--model=" + type + " is not a Spark model; the Spark engine trains "
                    + String.join(" and ", TYPES) + " (training.jar trains the in-JVM models)", null);
        }
        this.type = type;
        boolean implicit = implicit();
        try {
            HyperParameters hp = HyperParameters.of(hyperParameters);
            factors = hp.integer("factors", implicit ? 70 : 50, 1, 1000);
            iterations = hp.integer("iterations", implicit ? 13 : 10, 1, 200);
            reg = hp.real("reg", implicit ? 0.044 : 0.15, 0, 10);
            alpha = implicit ? hp.real("alpha", 0.34, 0, 1000) : 0;
            blocks = hp.integer("blocks", 10, 1, 100_000);
            seed = hp.seed("seed", 42);
            params = hp.resolved(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    String type() {
        return type;
    }

    private boolean implicit() {
        return type.equals(ImplicitFactorModel.TYPE);
    }

    public Map<String, String> params() {
        return params;
    }

    int iterations() {
        return iterations;
    }

    /**
     * @param train the training ratings ({@code user_id}, {@code movie_id}, {@code rating})
     * @param mean  the mean training rating, subtracted before fitting explicit ALS
     */
    public Recommender fit(Dataset<Row> train, double mean, float minRating, float maxRating) {
        return export(fitAls(train, mean), mean, minRating, maxRating);
    }

    /** Spark's model, with its user factors (which the exported model drops). */
    ALSModel fitAls(Dataset<Row> train, double mean) {
        ALS als = new ALS().setRank(factors).setMaxIter(iterations).setRegParam(reg).setImplicitPrefs(implicit())
                .setAlpha(implicit() ? alpha : 1.0).setNumUserBlocks(blocks).setNumItemBlocks(blocks).setSeed(seed)
                .setUserCol("user").setItemCol("item").setRatingCol("value");
        Column value = implicit() ? col("rating") : col("rating").minus(lit(mean));
        Dataset<Row> input = train.select(col("user_id").cast("int").as("user"), col("movie_id").cast("int").as("item"),
                value.cast("float").as("value"));
        log.info("Fitting {}: {}", type, params);
        return als.fit(input);
    }

    /** The item side of Spark's model in the saved-model format. */
    Recommender export(ALSModel model, double mean, float minRating, float maxRating) {
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
        IdIndex items = IdIndex.fromSorted(ids);
        FloatMatrix itemFactors = new FloatMatrix(ids.length, factors, data);
        if (implicit()) {
            return new ImplicitFactorModel(items, itemFactors, (float) alpha, (float) reg);
        }
        return new FactorModel(FactorModel.ALS_TYPE, items, (float) mean, new float[ids.length], itemFactors, 0f,
                (float) reg, minRating, maxRating);
    }
}
