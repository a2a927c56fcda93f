package org.movierec.training.dl4j;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mult-DAE's view of ratings: one row per user, one column per modelled item, 1 where the user rated the item
 * at least the threshold. Rows are built densely only for the users of one mini-batch ({@code batch x items}
 * floats), as the network's input (normalised to unit length) and as its labels (the 0/1 counts of the
 * multinomial likelihood).
 */
final class UserRows {

    /** A batch's normalised input rows and 0/1 label rows. */
    record Batch(INDArray input, INDArray labels) {
    }

    private final Ratings ratings;
    private final Ratings.ByUser byUser;
    private final Columns items;
    private final float threshold;

    UserRows(Ratings ratings, Columns items, float threshold) {
        this.ratings = ratings;
        this.byUser = ratings.byUser();
        this.items = items;
        this.threshold = threshold;
    }

    /** A view of other ratings (of the same users and items) with the same columns and threshold. */
    UserRows of(Ratings others) {
        if (!others.items().equals(ratings.items()) || !others.users().equals(ratings.users())) {
            throw new IllegalArgumentException("ratings to compare with must index the same users and items as"
                    + " the training ratings (a subset of the same data)");
        }
        return new UserRows(others, items, threshold);
    }

    int userCount() {
        return ratings.users().size();
    }

    /** The columns of the modelled items user {@code u} rated at least the threshold, ascending, once each. */
    int[] positives(int u) {
        return Arrays.stream(byUser.rows(u))
                .filter(row -> ratings.rating(row) >= threshold)
                .map(row -> items.columnOf()[ratings.item(row)])
                .filter(column -> column >= 0)
                .sorted()
                .distinct()
                .toArray();
    }

    /** The users with at least one positive modelled item. */
    int[] activeUsers() {
        return IntStream.range(0, userCount()).filter(u -> positives(u).length > 0).toArray();
    }

    Batch batch(int[] users, int from, int to) {
        int width = items.size();
        float[] input = new float[(to - from) * width];
        float[] labels = new float[input.length];
        for (int b = from; b < to; b++) {
            int[] positives = positives(users[b]);
            float value = (float) (1 / Math.sqrt(positives.length));
            int base = (b - from) * width;
            for (int column : positives) {
                input[base + column] = value;
                labels[base + column] = 1;
            }
        }
        long[] shape = {to - from, width};
        return new Batch(Nd4j.create(input, shape, DataType.FLOAT), Nd4j.create(labels, shape, DataType.FLOAT));
    }
}
