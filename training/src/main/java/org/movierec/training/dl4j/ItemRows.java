package org.movierec.training.dl4j;

import java.util.stream.IntStream;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AutoRec's view of ratings: one row per item, one column per modelled user, holding the rating minus an
 * offset (the training mean) where the user rated the item and 0 elsewhere. Rows are built densely only for
 * the items of one mini-batch, so memory is {@code batch x users} floats, never {@code items x users}.
 */
final class ItemRows extends RatingRows {

    /** The values of a batch's rows and the mask of the observed entries (1) and missing ones (0). */
    record Batch(INDArray values, INDArray mask) {
    }

    private final Ratings.ByItem byItem;
    private final float offset;

    ItemRows(Ratings ratings, Columns users, float offset) {
        super(ratings, users);
        this.byItem = ratings.byItem();
        this.offset = offset;
    }

    /** A view of other ratings (of the same users and items) with the same columns and offset. */
    ItemRows of(Ratings others) {
        return new ItemRows(sameIndices(others), columns, offset);
    }

    int itemCount() {
        return ratings.items().size();
    }

    float offset() {
        return offset;
    }

    /** The items with at least one rating in this view. */
    int[] ratedItems() {
        return IntStream.range(0, ratings.items().size())
                .filter(item -> byItem.count(item) > 0)
                .toArray();
    }

    Batch batch(int[] items, int from, int to) {
        INDArray[] arrays = dense(items, from, to);
        return new Batch(arrays[0], arrays[1]);
    }

    /** The item's ratings by modelled users less the offset into {@code values}, 1 for each into {@code mask}. */
    @Override
    void fillRow(int item, float[] values, float[] mask, int base) {
        for (int row : byItem.rows(item)) {
            int column = columns.columnOf()[ratings.user(row)];
            if (column >= 0) {
                values[base + column] = ratings.rating(row) - offset;
                mask[base + column] = 1;
            }
        }
    }

    /**
     * Adds to {@code sums} ({sum of squared errors, count}) the errors of the predictions (one row per item
     * {@code items[from..to-1]}, less the offset) on this view's ratings of those items by modelled users,
     * each prediction being clipped to {@code [min, max]} once the offset is added back.
     */
    void addSquaredErrors(int[] items, int from, int to, float[][] predicted, float min, float max,
                          double[] sums) {
        for (int b = from; b < to; b++) {
            float[] row = predicted[b - from];
            for (int ratingRow : byItem.rows(items[b])) {
                int column = columns.columnOf()[ratings.user(ratingRow)];
                if (column >= 0) {
                    float prediction = Math.min(max, Math.max(min, row[column] + offset));
                    double error = prediction - ratings.rating(ratingRow);
                    sums[0] += error * error;
                    sums[1]++;
                }
            }
        }
    }
}
