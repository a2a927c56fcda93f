package org.movierec.training.dl4j;

import java.util.stream.IntStream;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AutoRec's view of ratings: one row per item, one column per modelled user, holding the rating minus an
 * offset (the training mean) where the user rated the item and 0 elsewhere. Rows are built densely only for
 * the items of one mini-batch, so memory is {@code batch x users} floats, never {@code items x users}.
 */
final class ItemRows {

    /** The values of a batch's rows and the mask of the observed entries (1) and missing ones (0). */
    record Batch(INDArray values, INDArray mask) {
    }

    private final Ratings ratings;
    private final Ratings.ByItem byItem;
    private final Columns users;
    private final float offset;

    ItemRows(Ratings ratings, Columns users, float offset) {
        this.ratings = ratings;
        this.byItem = ratings.byItem();
        this.users = users;
        this.offset = offset;
    }

    /** A view of other ratings (of the same users and items) with the same columns and offset. */
    ItemRows of(Ratings others) {
        if (!others.items().equals(ratings.items()) || !others.users().equals(ratings.users())) {
            throw new IllegalArgumentException("ratings to compare with must index the same users and items as"
                    + " the training ratings (a subset of the same data)");
        }
        return new ItemRows(others, users, offset);
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
        int width = users.size();
        float[] values = new float[(to - from) * width];
        float[] mask = new float[values.length];
        for (int b = from; b < to; b++) {
            int base = (b - from) * width;
            for (int row : byItem.rows(items[b])) {
                int column = users.columnOf()[ratings.user(row)];
                if (column >= 0) {
                    values[base + column] = ratings.rating(row) - offset;
                    mask[base + column] = 1;
                }
            }
        }
        long[] shape = {to - from, width};
        return new Batch(Nd4j.create(values, shape, DataType.FLOAT), Nd4j.create(mask, shape, DataType.FLOAT));
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
                int column = users.columnOf()[ratings.user(ratingRow)];
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
