package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An item-neighbourhood rating predictor on top of the bias baseline ({@code knn}; Koren 2010, "Factor in the
 * neighbors", the model of Surprise's {@code KNNBaseline}): {@code b_ui + sum_j s_ij (r_uj - b_uj) / sum_j s_ij},
 * where {@code b_ui = mu + b_u + b_i} and {@code j} runs over the items the user rated among the {@code k} most
 * similar to {@code i} (positive similarities only). An item with no such neighbour gets its baseline.
 *
 * <p>Only the item side is kept: the global mean, the item biases and each item's neighbours with their
 * similarities (a compressed sparse row matrix, row {@code i} holding {@code i}'s neighbours). A user's bias is
 * folded in at request time from their current ratings, {@code sum (r - mu - b_i) / (foldInReg + n)}, the user
 * step of the baseline's training. Scoring walks, for each rated item {@code j}, the items that have {@code j} as
 * a neighbour (the transposed matrix, built at load), so a request costs about {@code k} steps a rating.
 */
public final class ItemKnnModel extends AbstractRecommender {

    public static final String TYPE = "knn";
    private static final String PARAMS = "knn-params.f32";
    private static final String ITEM_BIAS = "item-bias.f32";
    private static final String ROW_START = "knn-row-start.i32";
    private static final String NEIGHBOURS = "knn-neighbours.i32";
    private static final String SIMILARITIES = "knn-similarities.f32";

    private final float globalMean;
    private final float[] itemBias;
    private final float foldInReg;
    private final float minRating;
    private final float maxRating;
    /** Row {@code i}: the neighbours of item {@code i} and their similarities. */
    private final int[] rowStart;
    private final int[] neighbours;
    private final float[] similarities;
    /** Row {@code j}: the items that have {@code j} among their neighbours, and the similarity. */
    private final int[] usedByStart;
    private final int[] usedBy;
    private final float[] usedBySimilarities;

    /**
     * @param rowStart     where item {@code i}'s neighbours start in {@code neighbours} ({@code items + 1} values)
     * @param similarities the similarity of each neighbour, positive
     * @param foldInReg    the penalty of the user bias's fold-in (the baseline's user regularisation)
     * @param minRating    predictions are clipped to {@code [minRating, maxRating]}
     */
    public ItemKnnModel(IdIndex items, float globalMean, float[] itemBias, int[] rowStart, int[] neighbours,
                        float[] similarities, float foldInReg, float minRating, float maxRating) {
        super(TYPE, items, true);
        int n = items.size();
        if (itemBias.length != n || rowStart.length != n + 1 || neighbours.length != similarities.length) {
            throw new IllegalArgumentException(n + " items but " + itemBias.length + " biases, " + rowStart.length
                    + " row starts, " + neighbours.length + " neighbours and " + similarities.length + " similarities");
        }
        Checks.finite(new float[] {globalMean, foldInReg, minRating, maxRating}, "knn parameters");
        Checks.finite(itemBias, "item biases");
        Checks.finite(similarities, "knn similarities");
        Checks.rowStarts(rowStart, neighbours.length, "knn neighbours");
        Checks.indices(neighbours, n, "knn neighbours");
        for (float similarity : similarities) {
            if (!(similarity > 0)) {
                throw new IllegalArgumentException("knn similarities hold " + similarity + "; expected positive numbers");
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
        this.similarities = similarities;
        this.usedByStart = new int[n + 1];
        for (int neighbour : neighbours) {
            usedByStart[neighbour + 1]++;
        }
        for (int j = 0; j < n; j++) {
            usedByStart[j + 1] += usedByStart[j];
        }
        this.usedBy = new int[neighbours.length];
        this.usedBySimilarities = new float[neighbours.length];
        int[] next = usedByStart.clone();
        for (int i = 0; i < n; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                int slot = next[neighbours[e]]++;
                usedBy[slot] = i;
                usedBySimilarities[slot] = similarities[e];
            }
        }
    }

    static ItemKnnModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        float[] params = ArrayFiles.readFloats(dir.resolve(PARAMS));
        if (params.length != 4) {
            throw new IllegalArgumentException(PARAMS + " holds " + params.length + " values, expected 4");
        }
        return new ItemKnnModel(items, params[0], ArrayFiles.readFloats(dir.resolve(ITEM_BIAS)),
                ArrayFiles.readInts(dir.resolve(ROW_START)), ArrayFiles.readInts(dir.resolve(NEIGHBOURS)),
                ArrayFiles.readFloats(dir.resolve(SIMILARITIES)), params[1], params[2], params[3]);
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        ArrayFiles.writeFloats(dir.resolve(PARAMS), new float[] {globalMean, foldInReg, minRating, maxRating});
        ArrayFiles.writeFloats(dir.resolve(ITEM_BIAS), itemBias);
        ArrayFiles.writeInts(dir.resolve(ROW_START), rowStart);
        ArrayFiles.writeInts(dir.resolve(NEIGHBOURS), neighbours);
        ArrayFiles.writeFloats(dir.resolve(SIMILARITIES), similarities);
    }

    /** The neighbours of {@code item}, most similar first. */
    public int[] neighbours(int item) {
        return Arrays.copyOfRange(neighbours, rowStart[item], rowStart[item + 1]);
    }

    /** The similarities of {@link #neighbours(int)}, in the same order. */
    public float[] similarities(int item) {
        return Arrays.copyOfRange(similarities, rowStart[item], rowStart[item + 1]);
    }

    /** The user's bias: the ridge mean of their ratings' residuals from {@code mu + b_i}. */
    public float userBias(UserRatings user) {
        double sum = 0;
        for (int k = 0; k < user.size(); k++) {
            sum += user.ratings()[k] - globalMean - itemBias[user.items()[k]];
        }
        return user.isEmpty() ? 0 : (float) (sum / (foldInReg + user.size()));
    }

    @Override
    public void score(UserRatings user, float[] scores) {
        float userBias = userBias(user);
        int n = scores.length;
        float[] weighted = new float[n];
        float[] weights = new float[n];
        for (int k = 0; k < user.size(); k++) {
            int j = user.items()[k];
            float residual = user.ratings()[k] - globalMean - userBias - itemBias[j];
            for (int e = usedByStart[j]; e < usedByStart[j + 1]; e++) {
                weighted[usedBy[e]] += usedBySimilarities[e] * residual;
                weights[usedBy[e]] += usedBySimilarities[e];
            }
        }
        for (int i = 0; i < n; i++) {
            float prediction = globalMean + userBias + itemBias[i];
            if (weights[i] > 0) {
                prediction += weighted[i] / weights[i];
            }
            scores[i] = Math.min(maxRating, Math.max(minRating, prediction));
        }
    }
}
