package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A rating predictor of the form {@code mu + b_i + b_u + q_i . p_u}: the biased matrix factorisation
 * ({@code mf}), the bias baseline ({@code bias}, no factors), the item-based AutoRec ({@code autorec},
 * whose encoder gives the item codes {@code q_i} and whose decoder weights play the user vectors) and Spark's
 * explicit alternating least squares ({@code als}, item biases zero).
 *
 * <p>Only the item side is kept. A user's bias and vector are folded in at request time from their
 * current ratings: the ridge regression of {@code r - mu - b_i} on {@code [q_i, 1]} with penalty
 * {@code foldInReg + foldInRegPerRating * n} for a user with {@code n} ratings. That is the user's part of the
 * training objective with the item side fixed (stochastic gradient descent with a regularisation term at
 * every rating penalises a user in proportion to their ratings; weight decay does not), so a new rating
 * changes the next answer without retraining.
 */
public final class FactorModel extends AbstractRecommender implements FactorScoring {

    public static final String BIAS_TYPE = "bias";
    public static final String MF_TYPE = "mf";
    public static final String AUTOREC_TYPE = "autorec";
    /** Spark MLlib's explicit ALS on mean-centred ratings: no item biases, the fold-in penalty grows per rating. */
    public static final String ALS_TYPE = "als";

    private static final String PARAMS = "params.f32";
    /** Keeps the fold-in solvable for a user with no ratings when the penalty is only per rating. */
    private static final double MIN_PENALTY = 1e-6;
    private static final String ITEM_BIAS = "item-bias.f32";
    private static final String ITEM_FACTORS = "item-factors.f32";

    private final float globalMean;
    private final float[] itemBias;
    private final FloatMatrix itemFactors;
    /** The kernels of {@link #scoreVectors} and {@link #scoreVectorsRounded}. */
    private final FactorKernels kernels;
    private final float foldInReg;
    private final float foldInRegPerRating;
    private final float minRating;
    private final float maxRating;
    /** {@code mu + b_i} per item: the offsets of {@link #scoreVectors}. */
    private final float[] itemOffsets;
    private final float largestItemOffset;

    /**
     * @param itemFactors one row per item; zero columns for the bias baseline
     * @param foldInReg   the ridge penalty of the fold-in (the training's user regularisation)
     * @param minRating   predictions are clipped to {@code [minRating, maxRating]}
     */
    public FactorModel(String type, IdIndex items, float globalMean, float[] itemBias, FloatMatrix itemFactors,
                       float foldInReg, float minRating, float maxRating) {
        this(type, items, globalMean, itemBias, itemFactors, foldInReg, 0, minRating, maxRating);
    }

    /**
     * @param foldInRegPerRating the part of the fold-in penalty that grows with the user's number of ratings
     */
    public FactorModel(String type, IdIndex items, float globalMean, float[] itemBias, FloatMatrix itemFactors,
                       float foldInReg, float foldInRegPerRating, float minRating, float maxRating) {
        super(type, items, true);
        if (itemBias.length != items.size() || itemFactors.rows() != items.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + itemBias.length + " biases and "
                    + itemFactors.rows() + " factor rows");
        }
        Checks.finite(new float[] {globalMean, foldInReg, foldInRegPerRating, minRating, maxRating}, "factor model parameters");
        Checks.finite(itemBias, "item biases");
        Checks.finite(itemFactors.data(), "item factors");
        this.globalMean = globalMean;
        this.itemBias = itemBias;
        this.itemFactors = itemFactors;
        this.kernels = new FactorKernels(itemFactors);
        this.foldInReg = foldInReg;
        this.foldInRegPerRating = foldInRegPerRating;
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.itemOffsets = new float[itemBias.length];
        float largestOffset = 0;
        for (int i = 0; i < itemBias.length; i++) {
            itemOffsets[i] = globalMean + itemBias[i];
            largestOffset = Math.max(largestOffset, Math.abs(itemOffsets[i]));
        }
        this.largestItemOffset = largestOffset;
    }

    static FactorModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        float[] params = ArrayFiles.readFloats(dir.resolve(PARAMS));
        if (params.length != 5) {
            throw new InvalidModelException(dir.resolve(PARAMS) + " holds " + params.length + " values, expected 5");
        }
        return new FactorModel(manifest.type(), items, params[0], ArrayFiles.readFloats(dir.resolve(ITEM_BIAS)),
                ArrayFiles.readFloatMatrix(dir.resolve(ITEM_FACTORS)), params[1], params[2], params[3], params[4]);
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        ArrayFiles.writeFloats(dir.resolve(PARAMS), new float[] {globalMean, foldInReg, foldInRegPerRating, minRating, maxRating});
        ArrayFiles.writeFloats(dir.resolve(ITEM_BIAS), itemBias);
        ArrayFiles.writeFloats(dir.resolve(ITEM_FACTORS), itemFactors);
    }

    @Override
    public Optional<FloatMatrix> itemVectors() {
        return itemFactors.cols() == 0 ? Optional.empty()
                : Optional.of(itemFactors.copy());
    }

    public int factors() {
        return itemFactors.cols();
    }

    @Override
    public void score(UserRatings user, float[] scores) {
        float[] userVector = foldIn(user);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scoreItem(userVector, i);
        }
    }

    @Override
    public float highestScore() {
        return maxRating;
    }

    @Override
    public float scoreItem(float[] vector, int item) {
        float prediction = globalMean + itemBias[item] + vector[itemFactors.cols()] + itemFactors.dotRow(item, vector);
        return Math.min(maxRating, Math.max(minRating, prediction));
    }

    /** The user's vector followed by their bias: {@link #foldIn}. */
    @Override
    public float[] userVector(UserRatings user) {
        return foldIn(user);
    }

    @Override
    public void scoreVectors(float[][] vectors, int count, float[][] scores) {
        score(kernels.exact(), vectors, count, scores);
    }

    @Override
    public void scoreVectorsRounded(float[][] vectors, int count, float[][] scores) {
        score(kernels.rounded(), vectors, count, scores);
    }

    private void score(FactorProducts products, float[][] vectors, int count, float[][] scores) {
        int k = itemFactors.cols();
        float[] userBiases = new float[count];
        for (int u = 0; u < count; u++) {
            userBiases[u] = vectors[u][k];
        }
        products.score(itemOffsets, vectors, userBiases, count, minRating, maxRating, scores);
    }

    @Override
    public float roundedError(float[] vector) {
        return kernels.roundedError(vector, largestItemOffset + Math.abs(vector[itemFactors.cols()]));
    }

    /**
     * The user's vector followed by their bias ({@code k + 1} values): the minimiser of
     * {@code sum (r - mu - b_i - q_i . p - b_u)^2 + (foldInReg + foldInRegPerRating * n) * (|p|^2 + b_u^2)} over
     * the user's {@code n} ratings.
     */
    public float[] foldIn(UserRatings user) {
        int k = itemFactors.cols();
        int n = k + 1;
        FoldInBuffers buffers = FoldInBuffers.ofThread(n);
        double[] rows = buffers.rows;   // one [q_i, 1] per rating, FoldInBuffers.BLOCK at a time
        double[] rhs = buffers.rhs;
        float[] factors = itemFactors.data();
        for (int start = 0; start < user.size(); start += FoldInBuffers.BLOCK) {
            int count = Math.min(FoldInBuffers.BLOCK, user.size() - start);
            for (int j = 0; j < count; j++) {
                int item = user.items()[start + j];
                int row = j * n;
                int from = item * k;
                double target = user.ratings()[start + j] - globalMean - itemBias[item];
                for (int c = 0; c < k; c++) {
                    rows[row + c] = factors[from + c];
                    rhs[c] += factors[from + c] * target;
                }
                rows[row + k] = 1;
                rhs[k] += target;
            }
            buffers.addRows(count);
        }
        return buffers.solve(Math.max(MIN_PENALTY, foldInReg + foldInRegPerRating * user.size()));
    }
}
