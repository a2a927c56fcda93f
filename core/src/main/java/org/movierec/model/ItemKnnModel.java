package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Item-neighbourhood rating predictors on top of the bias baseline {@code b_ui = mu + b_u + b_i}, in two kinds:
 * <ul>
 *   <li>{@code knn} (Koren 2010, "Factor in the neighbors", the model of Surprise's {@code KNNBaseline}):
 *       {@code b_ui + sum_j s_ij (r_uj - b_uj) / sum_j s_ij}, the weights {@code s_ij} positive similarities;</li>
 *   <li>{@code knn-learned} (Koren 2008, "Factorization meets the neighborhood", the global neighbourhood model):
 *       {@code b_ui + |R|^-1/2 sum_j (w_ij (r_uj - b_uj) + c_ij)}, the weights {@code w_ij} and the implicit
 *       weights {@code c_ij} (what having rated {@code j} says of {@code i}) learned by stochastic gradient
 *       descent on the squared error of the training ratings.</li>
 * </ul>
 * In both, {@code j} runs over the user's rated items among the {@code k} neighbours of {@code i} (the set
 * {@code R}); an item with none gets its baseline.
 *
 * <p>Only the item side is kept: the global mean, the item biases and each item's neighbours with their weights
 * (a compressed sparse row matrix, row {@code i} holding {@code i}'s neighbours). A user's bias is folded in at
 * request time from their current ratings, {@code sum (r - mu - b_i) / (foldInReg + n)}, the user step of the
 * baseline's training. Scoring walks, for each rated item {@code j}, the items that have {@code j} as a neighbour
 * (the transposed matrix, built at load), so a request costs about {@code k} steps a rating.
 */
public final class ItemKnnModel extends AbstractRecommender {

    public static final String TYPE = "knn";
    public static final String LEARNED_TYPE = "knn-learned";
    private static final String PARAMS = "knn-params.f32";
    private static final String ITEM_BIAS = "item-bias.f32";
    private static final String ROW_START = "knn-row-start.i32";
    private static final String NEIGHBOURS = "knn-neighbours.i32";
    private static final String WEIGHTS = "knn-weights.f32";
    private static final String IMPLICIT_WEIGHTS = "knn-implicit-weights.f32";

    private final float globalMean;
    private final float[] itemBias;
    private final float foldInReg;
    private final float minRating;
    private final float maxRating;
    /** Row {@code i}: the neighbours of item {@code i} and their weights (and implicit weights). */
    private final int[] rowStart;
    private final int[] neighbours;
    private final float[] weights;
    /** Null for {@code knn}. */
    private final float[] implicitWeights;
    /** Row {@code j}: the items that have {@code j} among their neighbours, and the weights. */
    private final int[] usedByStart;
    private final int[] usedBy;
    private final float[] usedByWeights;
    private final float[] usedByImplicitWeights;

    /**
     * @param type            {@link #TYPE} or {@link #LEARNED_TYPE}
     * @param rowStart        where item {@code i}'s neighbours start in {@code neighbours} ({@code items + 1} values)
     * @param weights         the weight of each neighbour: a positive similarity for {@code knn}, any for
     *                        {@code knn-learned}
     * @param implicitWeights for {@code knn-learned}, the implicit weight of each neighbour; null for {@code knn}
     * @param foldInReg       the penalty of the user bias's fold-in (the baseline's user regularisation)
     * @param minRating       predictions are clipped to {@code [minRating, maxRating]}
     */
    public ItemKnnModel(String type, IdIndex items, float globalMean, float[] itemBias, int[] rowStart, int[] neighbours,
                        float[] weights, float[] implicitWeights, float foldInReg, float minRating, float maxRating) {
        super(type, items, true);
        boolean learned = LEARNED_TYPE.equals(type);
        if (!learned && !TYPE.equals(type)) {
            throw new IllegalArgumentException("item neighbours of type " + type + "; expected " + TYPE + " or "
                    + LEARNED_TYPE);
        }
        int n = items.size();
        if (itemBias.length != n || rowStart.length != n + 1 || neighbours.length != weights.length) {
            throw new IllegalArgumentException(n + " items but " + itemBias.length + " biases, " + rowStart.length
                    + " row starts, " + neighbours.length + " neighbours and " + weights.length + " weights");
        }
        if (learned != (implicitWeights != null)
                || implicitWeights != null && implicitWeights.length != neighbours.length) {
            throw new IllegalArgumentException(type + ": " + (implicitWeights == null ? "no" : implicitWeights.length)
                    + " implicit weights for " + neighbours.length + " neighbours; expected "
                    + (learned ? "one a neighbour" : "none"));
        }
        Checks.finite(new float[] {globalMean, foldInReg, minRating, maxRating}, "knn parameters");
        Checks.finite(itemBias, "item biases");
        Checks.finite(weights, "knn weights");
        Checks.rowStarts(rowStart, neighbours.length, "knn neighbours");
        Checks.indices(neighbours, n, "knn neighbours");
        Checks.distinctInRows(rowStart, neighbours, n, "knn neighbours");
        if (learned) {
            Checks.finite(implicitWeights, "knn implicit weights");
        } else {
            for (float similarity : weights) {
                if (!(similarity > 0)) {
                    throw new IllegalArgumentException("knn weights hold " + similarity
                            + "; expected positive similarities");
                }
            }
        }
        if (!(minRating < maxRating) || foldInReg < 0) {
            throw new IllegalArgumentException("rating scale [" + minRating + ", " + maxRating + "] and fold-in "
                    + "penalty " + foldInReg + ": expected a non-empty scale and a penalty >= 0");
        }
        this.globalMean = globalMean;
        this.itemBias = itemBias;
        this.foldInReg = foldInReg;
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.rowStart = rowStart;
        this.neighbours = neighbours;
        this.weights = weights;
        this.implicitWeights = implicitWeights;
        this.usedByStart = new int[n + 1];
        for (int neighbour : neighbours) {
            usedByStart[neighbour + 1]++;
        }
        for (int j = 0; j < n; j++) {
            usedByStart[j + 1] += usedByStart[j];
        }
        this.usedBy = new int[neighbours.length];
        this.usedByWeights = new float[neighbours.length];
        this.usedByImplicitWeights = learned ? new float[neighbours.length] : null;
        int[] next = usedByStart.clone();
        for (int i = 0; i < n; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                int slot = next[neighbours[e]]++;
                usedBy[slot] = i;
                usedByWeights[slot] = weights[e];
                if (learned) {
                    usedByImplicitWeights[slot] = implicitWeights[e];
                }
            }
        }
    }

    static ItemKnnModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        float[] params = ArrayFiles.readFloats(dir.resolve(PARAMS));
        if (params.length != 4) {
            throw new IllegalArgumentException(PARAMS + " holds " + params.length + " values, expected 4");
        }
        float[] implicitWeights = LEARNED_TYPE.equals(manifest.type())
                ? ArrayFiles.readFloats(dir.resolve(IMPLICIT_WEIGHTS)) : null;
        return new ItemKnnModel(manifest.type(), items, params[0], ArrayFiles.readFloats(dir.resolve(ITEM_BIAS)),
                ArrayFiles.readInts(dir.resolve(ROW_START)), ArrayFiles.readInts(dir.resolve(NEIGHBOURS)),
                ArrayFiles.readFloats(dir.resolve(WEIGHTS)), implicitWeights, params[1], params[2], params[3]);
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        ArrayFiles.writeFloats(dir.resolve(PARAMS), new float[] {globalMean, foldInReg, minRating, maxRating});
        ArrayFiles.writeFloats(dir.resolve(ITEM_BIAS), itemBias);
        ArrayFiles.writeInts(dir.resolve(ROW_START), rowStart);
        ArrayFiles.writeInts(dir.resolve(NEIGHBOURS), neighbours);
        ArrayFiles.writeFloats(dir.resolve(WEIGHTS), weights);
        if (implicitWeights != null) {
            ArrayFiles.writeFloats(dir.resolve(IMPLICIT_WEIGHTS), implicitWeights);
        }
    }

    /** The neighbours of {@code item}, most similar first. */
    public int[] neighbours(int item) {
        return Arrays.copyOfRange(neighbours, rowStart[item], rowStart[item + 1]);
    }

    /** The weights of {@link #neighbours(int)}, in the same order: similarities for {@code knn}. */
    public float[] weights(int item) {
        return Arrays.copyOfRange(weights, rowStart[item], rowStart[item + 1]);
    }

    /** The implicit weights of {@link #neighbours(int)} for {@code knn-learned}; empty for {@code knn}. */
    public float[] implicitWeights(int item) {
        return implicitWeights == null ? new float[0]
                : Arrays.copyOfRange(implicitWeights, rowStart[item], rowStart[item + 1]);
    }

    /** The user's bias: the ridge mean of their ratings' residuals from {@code mu + b_i}. */
    public float userBias(UserRatings user) {
        double sum = 0;
        for (int k = 0; k < user.size(); k++) {
            sum += user.ratings()[k] - globalMean - itemBias[user.items()[k]];
        }
        return user.isEmpty() ? 0 : (float) (sum / (foldInReg + user.size()));
    }

    /**
     * The items' scores, the sums of {@link #score(UserRatings, float[])} for each item alone: each rated item's list
     * of the items that have it as a neighbour (in item order, each at most once) is searched for the item, so the
     * sums add the same terms in the same order and each score is the same float.
     */
    @Override
    public float[] predict(UserRatings user, int... items) {
        float userBias = userBias(user);
        float[] scores = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            int item = items[i];
            float weighted = 0;
            float normaliser = 0;
            for (int k = 0; k < user.size(); k++) {
                int j = user.items()[k];
                int e = Arrays.binarySearch(usedBy, usedByStart[j], usedByStart[j + 1], item);
                if (e < 0) {
                    continue;
                }
                float residual = user.ratings()[k] - globalMean - userBias - itemBias[j];
                if (usedByImplicitWeights == null) {
                    weighted += usedByWeights[e] * residual;
                    normaliser += usedByWeights[e];
                } else {
                    weighted += usedByWeights[e] * residual + usedByImplicitWeights[e];
                    normaliser++;
                }
            }
            scores[i] = clamped(item, userBias, weighted, normaliser);
        }
        return scores;
    }

    /** The baseline of {@code item} plus its neighbourhood's sums, normalised, on the rating scale. */
    private float clamped(int item, float userBias, float weighted, float normaliser) {
        float prediction = globalMean + userBias + itemBias[item];
        if (normaliser > 0) {
            prediction += usedByImplicitWeights == null ? weighted / normaliser
                    : weighted / (float) Math.sqrt(normaliser);
        }
        return Math.min(maxRating, Math.max(minRating, prediction));
    }

    @Override
    public void score(UserRatings user, float[] scores) {
        float userBias = userBias(user);
        int n = scores.length;
        float[] weighted = new float[n];
        float[] normaliser = new float[n];
        for (int k = 0; k < user.size(); k++) {
            int j = user.items()[k];
            float residual = user.ratings()[k] - globalMean - userBias - itemBias[j];
            for (int e = usedByStart[j]; e < usedByStart[j + 1]; e++) {
                int i = usedBy[e];
                if (usedByImplicitWeights == null) {
                    weighted[i] += usedByWeights[e] * residual;
                    normaliser[i] += usedByWeights[e];
                } else {
                    weighted[i] += usedByWeights[e] * residual + usedByImplicitWeights[e];
                    normaliser[i]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            scores[i] = clamped(i, userBias, weighted[i], normaliser[i]);
        }
    }
}
