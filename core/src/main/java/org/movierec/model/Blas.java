package org.movierec.model;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * netlib's BLAS and LAPACK as the models use them: the machine's native libraries (OpenBLAS from the Debian package
 * {@code libopenblas0-pthread}) when it has them, else netlib's Java implementations, which give the same answers
 * more slowly.
 */
final class Blas {

    static final BLAS LIBRARY = BLAS.getInstance();
    static final LAPACK SOLVER = LAPACK.getInstance();

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

    /**
     * Solves {@code A x = b} for a symmetric positive-definite {@code n x n} matrix {@code A} given by its lower
     * triangle (row-major, {@code a[i * n + j]} for {@code j <= i}, as {@link #addGram} leaves it), by Cholesky
     * decomposition: one LAPACK {@code dposv}. {@code a} is overwritten by the factor and {@code b} by the solution,
     * which is returned. With native OpenBLAS the whole fold-in of 100 ratings ({@code FactorScoringBenchmark.foldIn},
     * 101 x 101) took 91 to 99 microseconds against 163 to 181 with the Java Cholesky this replaced (alternating
     * runs, load average 3 to 5).
     *
     * @throws ArithmeticException when {@code A} is not positive definite
     */
    static double[] solvePositiveDefinite(double[] a, double[] b, int n) {
        intW info = new intW(0);
        // the row-major lower triangle is the column-major upper one
        SOLVER.dposv("U", n, 1, a, n, b, n, info);
        if (info.val > 0) {
            throw new ArithmeticException("matrix is not positive definite (pivot " + (info.val - 1) + ")");
        }
        if (info.val < 0) {
            throw new IllegalArgumentException("dposv refused argument " + (-info.val));
        }
        return b;
    }
}
