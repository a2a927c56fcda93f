package org.movierec.model;

import java.util.Arrays;

/** Consistency checks of a model's arrays, so that a damaged file is refused at load, not at request time. */
final class Checks {

    private Checks() {
    }

    /** Row starts of a compressed sparse matrix: from 0, never decreasing, ending at {@code entries}. */
    static void rowStarts(int[] rowStart, int entries, String what) {
        if (rowStart.length == 0 || rowStart[0] != 0 || rowStart[rowStart.length - 1] != entries) {
            throw new IllegalArgumentException(what + ": row starts must go from 0 to " + entries);
        }
        for (int i = 1; i < rowStart.length; i++) {
            if (rowStart[i] < rowStart[i - 1]) {
                throw new IllegalArgumentException(what + ": row start " + i + " decreases");
            }
        }
    }

    /** Every index within {@code [0, size)}. */
    static void indices(int[] indices, int size, String what) {
        for (int index : indices) {
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException(what + ": index " + index + " outside 0.." + (size - 1));
            }
        }
    }

    /** No row of a compressed sparse matrix naming an index (within {@code [0, size)}) twice. */
    static void distinctInRows(int[] rowStart, int[] indices, int size, String what) {
        int[] lastRow = new int[size];
        Arrays.fill(lastRow, -1);
        for (int row = 0; row + 1 < rowStart.length; row++) {
            for (int e = rowStart[row]; e < rowStart[row + 1]; e++) {
                if (lastRow[indices[e]] == row) {
                    throw new IllegalArgumentException(what + ": row " + row + " names " + indices[e] + " twice");
                }
                lastRow[indices[e]] = row;
            }
        }
    }

    /** Every value a finite number. */
    static void finite(float[] values, String what) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException(what + " holds " + value + "; expected finite numbers");
            }
        }
    }
}
