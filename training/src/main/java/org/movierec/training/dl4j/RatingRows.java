package org.movierec.training.dl4j;

import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's view of sparse ratings as dense rows: one row per user or item, one column per modelled item or user
 * ({@link Columns}). A mini-batch is two dense arrays of {@code batch x columns} floats (the input and what the loss
 * compares with), built for the rows of that batch only, so memory never grows with all rows times all columns.
 */
abstract class RatingRows {

    final Ratings ratings;
    final Columns columns;

    RatingRows(Ratings ratings, Columns columns) {
        this.ratings = ratings;
        this.columns = columns;
    }

    /** Other ratings, checked to index the same users and items (a subset of the same data), for a view of them. */
    final Ratings sameIndices(Ratings others) {
        if (!others.items().equals(ratings.items()) || !others.users().equals(ratings.users())) {
            throw new IllegalArgumentException("ratings to compare with must index the same users and items as"
                    + " the training ratings (a subset of the same data)");
        }
        return others;
    }

    /** Writes the row of user or item {@code index} into {@code first} and {@code second} from {@code base} on. */
    abstract void fillRow(int index, float[] first, float[] second, int base);

    /** The two arrays of the rows {@code indices[from .. to - 1]}, one batch row each. */
    final INDArray[] dense(int[] indices, int from, int to) {
        int width = columns.size();
        float[] first = new float[(to - from) * width];
        float[] second = new float[first.length];
        for (int b = from; b < to; b++) {
            fillRow(indices[b], first, second, (b - from) * width);
        }
        long[] shape = {to - from, width};
        return new INDArray[] {Nd4j.create(first, shape, DataType.FLOAT), Nd4j.create(second, shape, DataType.FLOAT)};
    }
}
