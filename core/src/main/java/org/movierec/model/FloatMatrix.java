package org.movierec.model;

/**
 * A dense row-major matrix of floats: a model's factors or weights. Row {@code r} occupies
 * {@code data[r * cols .. r * cols + cols - 1]}.
 */
public record FloatMatrix(int rows, int cols, float[] data) {

    public FloatMatrix {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols
                    + " values, got " + data.length);
        }
    }

    public static FloatMatrix zeros(int rows, int cols) {
        return new FloatMatrix(rows, cols, new float[Math.multiplyExact(rows, cols)]);
    }

    /** A one-row matrix holding a vector. */
    public static FloatMatrix row(float[] values) {
        return new FloatMatrix(1, values.length, values);
    }

    public float get(int row, int col) {
        return data[row * cols + col];
    }

    public void set(int row, int col, float value) {
        data[row * cols + col] = value;
    }

    /** The dot product of row {@code row} and {@code vector} (of length {@link #cols()}). */
    public float dotRow(int row, float[] vector) {
        int offset = row * cols;
        float sum = 0;
        for (int c = 0; c < cols; c++) {
            sum += data[offset + c] * vector[c];
        }
        return sum;
    }

    /** A copy of one row. */
    public float[] rowCopy(int row) {
        float[] copy = new float[cols];
        System.arraycopy(data, row * cols, copy, 0, cols);
        return copy;
    }
}
