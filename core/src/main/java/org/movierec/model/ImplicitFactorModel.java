package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A top-N ranker from implicit-feedback matrix factorisation (Hu, Koren and Volinsky; Spark MLlib's ALS with
 * {@code implicitPrefs}, type {@code als-implicit}): every rating is an interaction with confidence
 * {@code c = 1 + alpha * r} that the user prefers the item ({@code p = 1}); items not rated have {@code c = 1}
 * and {@code p = 0}. The score of an item is {@code x_u . y_i}, a preference, not a rating.
 *
 * <p>Only the item side {@code Y} is kept. A user is folded in from their current ratings by the user step
 * of the training with {@code Y} fixed: {@code x_u = (Y'Y + sum_i alpha r_ui y_i y_i' + reg n_u I)^-1
 * sum_i (1 + alpha r_ui) y_i} over their {@code n_u} ratings (Spark scales the penalty by the number of
 * ratings), with {@code Y'Y} computed once at load.
 */
public final class ImplicitFactorModel extends AbstractRecommender implements FactorScoring {

    public static final String TYPE = "als-implicit";

    private static final String PARAMS = "params.f32";
    private static final String ITEM_FACTORS = "item-factors.f32";
    /** Keeps the fold-in solvable for a user with no ratings when the penalty is only per rating. */
    private static final double MIN_PENALTY = 1e-6;

    private final FloatMatrix itemFactors;
    /** The kernels of {@link #scoreVectors} and {@link #scoreVectorsRounded}. */
    private final FactorKernels kernels;
    private final float alpha;
    private final float reg;
    /** {@code Y'Y}, lower triangle filled, {@code k x k} row-major. */
    private final double[] gram;

    /**
     * @param itemFactors one row per item
     * @param alpha       the confidence of a rating {@code r} is {@code 1 + alpha * r}
     * @param reg         the penalty per rating of the user step
     */
    public ImplicitFactorModel(IdIndex items, FloatMatrix itemFactors, float alpha, float reg) {
        super(TYPE, items, false);
        if (itemFactors.rows() != items.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + itemFactors.rows() + " factor rows");
        }
        Checks.finite(new float[] {alpha, reg}, "implicit factor model parameters");
        Checks.finite(itemFactors.data(), "item factors");
        if (alpha < 0 || reg < 0) {
            throw new IllegalArgumentException("alpha and reg must be at least 0, got " + alpha + " and " + reg);
        }
        this.itemFactors = itemFactors;
        this.kernels = new FactorKernels(itemFactors);
        this.alpha = alpha;
        this.reg = reg;
        this.gram = gram(itemFactors);
    }

    static ImplicitFactorModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        float[] params = ArrayFiles.readFloats(dir.resolve(PARAMS));
        if (params.length != 2) {
            throw new InvalidModelException(dir.resolve(PARAMS) + " holds " + params.length + " values, expected 2");
        }
        return new ImplicitFactorModel(items, ArrayFiles.readFloatMatrix(dir.resolve(ITEM_FACTORS)), params[0], params[1]);
    }

    private static double[] gram(FloatMatrix y) {
        int k = y.cols();
        double[] gram = new double[k * k];
        float[] data = y.data();
        for (int i = 0; i < y.rows(); i++) {
            int row = i * k;
            for (int a = 0; a < k; a++) {
                double ya = data[row + a];
                for (int b = 0; b <= a; b++) {
                    gram[a * k + b] += ya * data[row + b];
                }
            }
        }
        return gram;
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        ArrayFiles.writeFloats(dir.resolve(PARAMS), new float[] {alpha, reg});
        ArrayFiles.writeFloats(dir.resolve(ITEM_FACTORS), itemFactors);
    }

    @Override
    public Optional<FloatMatrix> itemVectors() {
        return Optional.of(itemFactors.copy());
    }

    public int factors() {
        return itemFactors.cols();
    }

    /** The user's vector: {@link #foldIn}. */
    @Override
    public float[] userVector(UserRatings user) {
        return foldIn(user);
    }

    @Override
    public void scoreVectors(float[][] vectors, int count, float[][] scores) {
        kernels.exact().score(null, vectors, null, count, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, scores);
    }

    @Override
    public void scoreVectorsRounded(float[][] vectors, int count, float[][] scores) {
        kernels.rounded().score(null, vectors, null, count, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, scores);
    }

    @Override
    public float roundedError(float[] vector) {
        return kernels.roundedError(vector, 0);
    }

    @Override
    public void score(UserRatings user, float[] scores) {
        float[] x = foldIn(user);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scoreItem(x, i);
        }
    }

    @Override
    public float highestScore() {
        return Float.POSITIVE_INFINITY;
    }

    @Override
    public float scoreItem(float[] vector, int item) {
        return itemFactors.dotRow(item, vector);
    }

    /** The user's vector {@code x_u}, from the user step of implicit ALS with the items fixed. */
    public float[] foldIn(UserRatings user) {
        int k = itemFactors.cols();
        FoldInBuffers buffers = FoldInBuffers.ofThread(k);
        System.arraycopy(gram, 0, buffers.gram, 0, gram.length);
        double[] rhs = buffers.rhs;
        double[] rows = buffers.rows;   // sqrt(alpha r) y_i per rating: their Gram is sum alpha r y y'
        for (int start = 0; start < user.size(); start += FoldInBuffers.BLOCK) {
            int count = Math.min(FoldInBuffers.BLOCK, user.size() - start);
            for (int j = 0; j < count; j++) {
                int item = user.items()[start + j];
                double extra = alpha * Math.abs(user.ratings()[start + j]);
                double confidence = 1 + extra;
                double scale = Math.sqrt(extra);
                for (int c = 0; c < k; c++) {
                    double yc = itemFactors.get(item, c);
                    rhs[c] += confidence * yc;
                    rows[j * k + c] = scale * yc;
                }
            }
            buffers.addRows(count);
        }
        return buffers.solve(Math.max(MIN_PENALTY, reg * user.size()));
    }
}
