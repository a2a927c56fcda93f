package org.movierec.training.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.movierec.model.BlendModel;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;
import org.movierec.training.eval.RandomHoldoutSplitter;
import org.movierec.training.eval.RatingMetrics;
import org.movierec.training.eval.Split;
import org.movierec.training.eval.UserScorer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blend of rating predictors ({@link BlendModel}): {@code mf}, {@code autorec}, {@code bias}, {@code knn} and
 * {@code knn-learned}, each with its default hyper-parameters, are trained on a per-user cut of the train part
 * ({@code validation_fraction} of each user's ratings held out, seed {@code seed}); their clipped predictions of the
 * held-out ratings fit the blend's intercept and weights by least squares, each weight linear in the item's support
 * (the log of 1 + its number of ratings in the train part: {@link BlendModel.ItemSupport}); then each is trained
 * again on the whole train part. They err differently (a factor model folded in per user, an item autoencoder,
 * biases alone, item neighbours weighted by similarity and by learned weights), and each errs differently on rarely
 * and often rated titles, so the blend predicts better than each: on a cut of ml-latest-small's train part, weights
 * fitted on half of the cut's users and measured on the other half, RMSE 0.8119 (0.8159 with the same weights for
 * every item), against 0.8143 without {@code knn-learned}, 0.8196 without either neighbourhood model and 0.8243
 * without them and the support; the support of the user, the number of ratings they gave, added nothing. The
 * training logs both figures and reports them as the run's metrics {@code blend_validation_rmse} and
 * {@code blend_validation_rmse_one_weight_a_model}. Training costs the five models twice.
 */
public final class BlendTrainer implements Trainer {

    private static final Logger log = LoggerFactory.getLogger(BlendTrainer.class);
    static final List<String> COMPONENTS = List.of("mf", "autorec", "bias", "knn", "knn-learned");
    /** A ridge on the normal equations, against collinear components. */
    private static final double RIDGE = 1e-6;

    private final double validationFraction;
    private final long seed;
    private final Map<String, String> params;

    public BlendTrainer(Map<String, String> overrides) {
        HyperParameters hp = HyperParameters.of(overrides);
        validationFraction = hp.real("validation_fraction", 0.2, 0.05, 0.5);
        seed = hp.seed("seed", 42);
        params = hp.resolved(type());
    }

    @Override
    public String type() {
        return BlendModel.TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public Recommender train(Ratings train, Ratings validation, EpochListener listener) {
        Split cut = new RandomHoldoutSplitter(validationFraction, seed).split(train).get(0);
        Ratings heldOut = cut.test();
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (int row = 0; row < train.size(); row++) {
            low = Math.min(low, train.rating(row));
            high = Math.max(high, train.rating(row));
        }
        if (heldOut.size() == 0 || !(low < high)) {
            throw new IllegalArgumentException("a blend needs users with at least two ratings and more than one "
                    + "rating value to fit its weights");
        }
        float[] actual = new float[heldOut.size()];
        for (int row = 0; row < actual.length; row++) {
            actual[row] = heldOut.rating(row);
        }
        float[][] predicted = new float[COMPONENTS.size()][];
        for (int k = 0; k < COMPONENTS.size(); k++) {
            Recommender model = fit(COMPONENTS.get(k), cut.train());
            predicted[k] = predictions(model, cut.train(), heldOut, low, high);
        }
        float[] support = itemSupport(train);
        float[][] columns = supportColumns(predicted, support, heldOut);
        double validationRmse = halfRmse(columns, heldOut);
        double oneWeightRmse = halfRmse(predicted, heldOut);
        log.info("Blend: RMSE on the held-out ratings of half the users, weights fitted on the other half's: {} (without "
                + "the item support: {})", String.format("%.4f", validationRmse), String.format("%.4f", oneWeightRmse));
        listener.measured("blend_validation_rmse", validationRmse);
        listener.measured("blend_validation_rmse_one_weight_a_model", oneWeightRmse);
        double[] fitted = leastSquares(columns, heldOut);
        int n = COMPONENTS.size();
        float[] weights = new float[n];
        float[] supportWeights = new float[n + 1];
        supportWeights[0] = (float) fitted[n + 1];
        for (int k = 0; k < n; k++) {
            weights[k] = (float) fitted[k + 1];
            supportWeights[k + 1] = (float) fitted[n + 2 + k];
            log.info("Blend: {} weighs {} {} {} x the item's support (its RMSE on the {} held-out ratings {})",
                    COMPONENTS.get(k), String.format("%.4f", weights[k]), supportWeights[k + 1] < 0 ? "-" : "+",
                    String.format("%.4f", Math.abs(supportWeights[k + 1])), heldOut.size(),
                    String.format("%.4f", RatingMetrics.rmse(actual, predicted[k])));
        }
        List<Recommender> components = new ArrayList<>();
        List<Map<String, String>> componentParams = new ArrayList<>();
        for (String type : COMPONENTS) {
            Trainer trainer = Trainers.create(type, Map.of());
            components.add(trainer.train(train, train.subset(new int[0]), EpochListener.NONE));
            componentParams.add(trainer.params());
        }
        return new BlendModel(components, componentParams, (float) fitted[0], weights, low, high,
                new BlendModel.ItemSupport(support, supportWeights));
    }

    private static Recommender fit(String type, Ratings ratings) {
        return Trainers.create(type, Map.of()).train(ratings, ratings.subset(new int[0]), EpochListener.NONE);
    }

    /** The model's clipped prediction of every held-out rating, each user scored from their cut-train ratings. */
    private static float[] predictions(Recommender model, Ratings known, Ratings heldOut, float low, float high) {
        float[] predicted = new float[heldOut.size()];
        UserScorer scorer = new UserScorer(model, 1);
        Ratings.ByUser knownByUser = known.byUser();
        Ratings.ByUser heldOutByUser = heldOut.byUser();
        for (int u = 0; u < heldOut.users().size(); u++) {
            int[] rows = heldOutByUser.rows(u);
            if (rows.length == 0) {
                continue;
            }
            int[] items = Arrays.stream(rows).map(heldOut::item).toArray();
            float[] scores = scorer.score(knownByUser.ratings(u), items, false).predicted();
            for (int j = 0; j < rows.length; j++) {
                predicted[rows[j]] = Math.max(low, Math.min(high, scores[j]));
            }
        }
        return predicted;
    }

    /** Each item's support: the log of 1 + its number of ratings in the train part, centred on the ratings' mean. */
    static float[] itemSupport(Ratings train) {
        Ratings.ByItem byItem = train.byItem();
        double sum = 0;
        for (int i = 0; i < train.items().size(); i++) {
            sum += byItem.count(i) * Math.log1p(byItem.count(i));
        }
        double mean = train.size() == 0 ? 0 : sum / train.size();
        float[] support = new float[train.items().size()];
        for (int i = 0; i < support.length; i++) {
            support[i] = (float) (Math.log1p(byItem.count(i)) - mean);
        }
        return support;
    }

    /** The components' predictions, then the item support alone, then the support times each prediction. */
    static float[][] supportColumns(float[][] predicted, float[] support, Ratings heldOut) {
        int k = predicted.length;
        float[][] columns = new float[2 * k + 1][];
        System.arraycopy(predicted, 0, columns, 0, k);
        columns[k] = new float[heldOut.size()];
        for (int row = 0; row < heldOut.size(); row++) {
            columns[k][row] = support[heldOut.item(row)];
        }
        for (int c = 0; c < k; c++) {
            columns[k + 1 + c] = new float[heldOut.size()];
            for (int row = 0; row < heldOut.size(); row++) {
                columns[k + 1 + c][row] = columns[k][row] * predicted[c][row];
            }
        }
        return columns;
    }

    /**
     * The RMSE on the odd users' held-out ratings of a blend of {@code columns} fitted on the even users' ones; NaN
     * when either half has none.
     */
    static double halfRmse(float[][] columns, Ratings heldOut) {
        int[] even = IntStream.range(0, heldOut.size()).filter(row -> heldOut.user(row) % 2 == 0).toArray();
        int[] odd = IntStream.range(0, heldOut.size()).filter(row -> heldOut.user(row) % 2 == 1).toArray();
        if (even.length == 0 || odd.length == 0) {
            return Double.NaN;
        }
        double[] fitted = leastSquares(rows(columns, even), heldOut.subset(even));
        double squared = 0;
        for (int row : odd) {
            double predicted = fitted[0];
            for (int c = 0; c < columns.length; c++) {
                predicted += fitted[c + 1] * columns[c][row];
            }
            squared += (predicted - heldOut.rating(row)) * (predicted - heldOut.rating(row));
        }
        return Math.sqrt(squared / odd.length);
    }

    private static float[][] rows(float[][] columns, int[] rows) {
        float[][] picked = new float[columns.length][rows.length];
        for (int c = 0; c < columns.length; c++) {
            for (int k = 0; k < rows.length; k++) {
                picked[c][k] = columns[c][rows[k]];
            }
        }
        return picked;
    }

    /**
     * Intercept and weights minimising the squared error of {@code intercept + sum_k w_k predicted_k}: the normal
     * equations, with a tiny ridge against collinear components, solved by {@link SpdInverse} (ND4J's
     * {@code InvertMatrix} refuses the nearly singular matrices that collinear components give: on small data the
     * knn model may predict exactly the bias model's ratings).
     */
    static double[] leastSquares(float[][] predicted, Ratings heldOut) {
        int n = predicted.length + 1;
        double[][] normal = new double[n][n];
        double[] right = new double[n];
        double[] features = new double[n];
        for (int row = 0; row < heldOut.size(); row++) {
            features[0] = 1;
            for (int k = 0; k < predicted.length; k++) {
                features[k + 1] = predicted[k][row];
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    normal[i][j] += features[i] * features[j];
                }
                right[i] += features[i] * heldOut.rating(row);
            }
        }
        for (int i = 0; i < n; i++) {
            normal[i][i] += RIDGE * heldOut.size();
        }
        INDArray solution = SpdInverse.invert(Nd4j.create(normal)).mmul(Nd4j.create(right, new long[] {n, 1}));
        return solution.toDoubleVector();
    }
}
