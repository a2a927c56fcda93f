package org.movierec.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"), a top-N ranker: an item-item
 * weight matrix {@code B} with a zero diagonal, and a user's score for item {@code j} is
 * {@code sum over the items i they rated of x_i B[i][j]}, where the input {@code x_i = (r_i / 5)^rating_power}
 * weighs each rating {@code r_i} as the training's matrix did ({@code rating_power} 0: every rating weighs 1, the
 * binary input of plain EASE). The user's current ratings are the input, so a new rating counts at once.
 *
 * <p>Kept sparse: for each rated item {@code i} only its {@code neighbours} largest weights {@code B[i][j]}
 * (rows in compressed form: {@code rowStart}, {@code column}, {@code weight}). Only the modelled items (the
 * most rated ones, up to the training's cap) have rows and columns; the other items of the index score
 * {@link #UNMODELLED} and are never recommended. {@link #scoreModelled} scores the modelled items alone, into an
 * array as long as their number, which serving's top-N scans instead of one as long as the whole index (20,000 of
 * 87,585 at ml-32m's shape by default).
 */
public final class EaseModel extends AbstractRecommender {

    public static final String TYPE = "ease";
    /** The score of an item outside the modelled ones: below every real score. */
    public static final float UNMODELLED = -Float.MAX_VALUE;

    private static final String ROW_START = "ease-row-start.i32";
    private static final String COLUMNS = "ease-columns.i32";
    private static final String WEIGHTS = "ease-weights.f32";
    private static final String MODELLED = "ease-modelled.i32";
    /** The input's {@code rating_power}; a model saved without it was trained on the binary input (power 0). */
    private static final String RATING_POWER = "ease-rating-power.f32";
    /** The rating that weighs 1 in the input, the top of the rating scale. */
    private static final float TOP_RATING = 5f;

    private final int[] rowStart;
    /**
     * The weights' columns as positions among the modelled items: weight {@code k} is towards the item
     * {@code modelledItems[position[k]]}.
     */
    private final int[] position;
    private final float[] weight;
    private final int[] modelledItems;
    /** Each item's position among the modelled items, -1 for an item not modelled. */
    private final int[] positionOf;
    private final float ratingPower;

    /** A model of the binary input (every rating weighs 1), as plain EASE; see the full constructor. */
    public EaseModel(IdIndex items, int[] rowStart, int[] column, float[] weight, int[] modelledItems) {
        this(items, rowStart, column, weight, modelledItems, 0);
    }

    /**
     * @param rowStart      item {@code i}'s weights are {@code weight[rowStart[i] .. rowStart[i + 1] - 1]}, towards
     *                      the items {@code column[...]}; one entry per item of the index plus one
     * @param modelledItems the indices of the modelled items, ascending
     * @param ratingPower   a rating {@code r} weighs {@code (r / 5)^ratingPower} in the input; 0 for the binary input
     */
    public EaseModel(IdIndex items, int[] rowStart, int[] column, float[] weight, int[] modelledItems,
                     float ratingPower) {
        super(TYPE, items, false);
        if (!(ratingPower >= 0 && Float.isFinite(ratingPower))) {
            throw new IllegalArgumentException("EASE rating power: expected a finite number >= 0, got " + ratingPower);
        }
        this.ratingPower = ratingPower;
        if (rowStart.length != items.size() + 1 || weight.length != column.length) {
            throw new IllegalArgumentException("rows, columns and weights do not fit " + items.size() + " items");
        }
        Checks.rowStarts(rowStart, column.length, "EASE weights");
        Checks.indices(modelledItems, items.size(), "EASE modelled items");
        Checks.finite(weight, "EASE weights");
        this.rowStart = rowStart;
        this.weight = weight;
        this.modelledItems = modelledItems;
        this.positionOf = new int[items.size()];
        Arrays.fill(positionOf, -1);
        for (int k = 0; k < modelledItems.length; k++) {
            if (k > 0 && modelledItems[k] <= modelledItems[k - 1]) {
                throw new IllegalArgumentException("EASE modelled items: expected ascending indices, got "
                        + modelledItems[k] + " after " + modelledItems[k - 1]);
            }
            positionOf[modelledItems[k]] = k;
        }
        this.position = new int[column.length];
        for (int k = 0; k < column.length; k++) {
            int c = column[k];
            if (c < 0 || c >= items.size() || positionOf[c] < 0) {
                throw new IllegalArgumentException("weight towards item index " + c + ", which is not modelled");
            }
            position[k] = positionOf[c];
        }
    }

    static EaseModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        Path powerFile = dir.resolve(RATING_POWER);
        float power = 0;
        if (Files.exists(powerFile)) {
            float[] values = ArrayFiles.readFloats(powerFile);
            if (values.length != 1) {
                throw new InvalidModelException(powerFile + " holds " + values.length + " values, expected 1");
            }
            power = values[0];
        }
        return new EaseModel(items, ArrayFiles.readInts(dir.resolve(ROW_START)), ArrayFiles.readInts(dir.resolve(COLUMNS)),
                ArrayFiles.readFloats(dir.resolve(WEIGHTS)), ArrayFiles.readInts(dir.resolve(MODELLED)), power);
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        ArrayFiles.writeInts(dir.resolve(ROW_START), rowStart);
        int[] column = new int[position.length];
        for (int k = 0; k < column.length; k++) {
            column[k] = modelledItems[position[k]];
        }
        ArrayFiles.writeInts(dir.resolve(COLUMNS), column);
        ArrayFiles.writeFloats(dir.resolve(WEIGHTS), weight);
        ArrayFiles.writeInts(dir.resolve(MODELLED), modelledItems);
        ArrayFiles.writeFloats(dir.resolve(RATING_POWER), new float[] {ratingPower});
    }

    /** What a rating weighs in the input of a model of {@code ratingPower}: {@code (rating / 5)^ratingPower}. */
    public static float inputWeight(float rating, double ratingPower) {
        if (ratingPower == 0) {
            return 1;
        }
        return ratingPower == 1 ? rating / TOP_RATING : (float) Math.pow(rating / TOP_RATING, ratingPower);
    }

    public int modelledItems() {
        return modelledItems.length;
    }

    /** The index of the item at {@code position} among the modelled items ({@link #scoreModelled}'s order). */
    public int modelledItemAt(int position) {
        return modelledItems[position];
    }

    /** The item's position among the modelled items ({@link #scoreModelled}'s order), -1 when it is not modelled. */
    public int positionOf(int item) {
        return positionOf[item];
    }

    /**
     * The user's scores of the modelled items alone: {@code scores[k]} for the item {@link #modelledItemAt}{@code (k)};
     * {@code scores} is as long as {@link #modelledItems()}.
     */
    public void scoreModelled(UserRatings user, float[] scores) {
        Arrays.fill(scores, 0, modelledItems.length, 0f);
        int[] items = user.items();
        float[] ratings = user.ratings();
        for (int r = 0; r < items.length; r++) {
            float x = inputWeight(ratings[r], ratingPower);
            for (int k = rowStart[items[r]]; k < rowStart[items[r] + 1]; k++) {
                scores[position[k]] += x * weight[k];
            }
        }
    }

    /** The same sums as {@link #scoreModelled}, in the same order, written at the items' indices: nothing allocated. */
    @Override
    public void score(UserRatings user, float[] scores) {
        Arrays.fill(scores, UNMODELLED);
        for (int item : modelledItems) {
            scores[item] = 0;
        }
        int[] items = user.items();
        float[] ratings = user.ratings();
        for (int r = 0; r < items.length; r++) {
            float x = inputWeight(ratings[r], ratingPower);
            for (int k = rowStart[items[r]]; k < rowStart[items[r] + 1]; k++) {
                scores[modelledItems[position[k]]] += x * weight[k];
            }
        }
    }

    /** One of an item's neighbours: the item index and its weight {@code B[item][index]}. */
    public record Neighbour(int index, float weight) {
    }

    /**
     * EASE's learned item similarity: the items that having rated {@code item} lifts, by their weights
     * {@code B[item][j]} (the largest kept at training), largest first, ties by lower index; only positive weights.
     * Read from the item's stored row, so it costs the row's length, not the number of items.
     */
    public List<Neighbour> neighbours(int item) {
        List<Neighbour> row = new ArrayList<>(rowStart[item + 1] - rowStart[item]);
        for (int k = rowStart[item]; k < rowStart[item + 1]; k++) {
            int other = modelledItems[position[k]];
            if (weight[k] > 0 && other != item) {
                row.add(new Neighbour(other, weight[k]));
            }
        }
        row.sort(Comparator.comparingDouble((Neighbour n) -> -n.weight()).thenComparingInt(Neighbour::index));
        return row;
    }
}
