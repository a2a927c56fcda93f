package org.movierec.training.dl4j;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * The users or items a network models, and their columns in its input and output: the {@code cap} most
 * frequent indices (ties go to the lower index) among those with a positive count, numbered in ascending
 * index order. A cap bounds a network's width, and so its memory, on a big catalogue.
 *
 * @param columnOf the column of each index, or -1 when the index is not modelled
 * @param indexAt  the index at each column, ascending
 */
record Columns(int[] columnOf, int[] indexAt) {

    /** The most frequent of {@code size} indices among those of rows {@code 0 .. rows - 1}, {@code indexOf} each. */
    static Columns mostFrequent(int size, int rows, IntUnaryOperator indexOf, int cap) {
        int[] counts = new int[size];
        for (int row = 0; row < rows; row++) {
            counts[indexOf.applyAsInt(row)]++;
        }
        return mostFrequent(counts, cap);
    }

    static Columns mostFrequent(int[] counts, int cap) {
        int[] chosen = IntStream.range(0, counts.length)
                .filter(index -> counts[index] > 0)
                .boxed()
                .sorted(Comparator.<Integer>comparingInt(index -> -counts[index]).thenComparingInt(index -> index))
                .limit(cap)
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
        int[] columnOf = new int[counts.length];
        Arrays.fill(columnOf, -1);
        for (int column = 0; column < chosen.length; column++) {
            columnOf[chosen[column]] = column;
        }
        return new Columns(columnOf, chosen);
    }

    int size() {
        return indexAt.length;
    }
}
