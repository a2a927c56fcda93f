package org.movierec.training.dl4j;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mult-DAE's view of ratings: one row per user, one column per modelled item, 1 where the user rated the item
 * at least the threshold. Rows are built densely only for the users of one mini-batch ({@code batch x items}
 * floats), as the network's input (normalised to unit length) and as its labels (the 0/1 counts of the
 * multinomial likelihood).
 */
final class UserRows extends RatingRows {

    /** A batch's normalised input rows and 0/1 label rows. */
    record Batch(INDArray input, INDArray labels) {
    }

    private final Ratings.ByUser byUser;
    private final float threshold;

    UserRows(Ratings ratings, Columns items, float threshold) {
        super(ratings, items);
        this.byUser = ratings.byUser();
        this.threshold = threshold;
    }

    /** A view of other ratings (of the same users and items) with the same columns and threshold. */
    UserRows of(Ratings others) {
        return new UserRows(sameIndices(others), columns, threshold);
    }

    int userCount() {
        return ratings.users().size();
    }

    /** The columns of the modelled items user {@code u} rated at least the threshold, ascending, once each. */
    int[] positives(int u) {
        return Arrays.stream(byUser.rows(u))
                .filter(row -> ratings.rating(row) >= threshold)
                .map(row -> columns.columnOf()[ratings.item(row)])
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
        INDArray[] arrays = dense(users, from, to);
        return new Batch(arrays[0], arrays[1]);
    }

    /** The user's positives, 1 over the square root of their number each into {@code input}, 1 into {@code labels}. */
    @Override
    void fillRow(int user, float[] input, float[] labels, int base) {
        int[] positives = positives(user);
        float value = (float) (1 / Math.sqrt(positives.length));
        for (int column : positives) {
            input[base + column] = value;
            labels[base + column] = 1;
        }
    }
}
