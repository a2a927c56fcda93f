package org.movierec.training.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The inverse of a symmetric positive-definite matrix by recursive 2 x 2 blocks (Schur complements), so
 * that nearly all the work is matrix multiplication in BLAS. ND4J's own {@code InvertMatrix} runs a
 * non-BLAS decomposition that took over ten minutes on a 5,000-item Gram matrix here, and its LAPACK
 * {@code getri} binding crashed the JVM; this takes seconds.
 *
 * <p>With {@code A = [[A11, A12], [A12', A22]]}, {@code T = A11^-1 A12} and the Schur complement
 * {@code S = A22 - A12' T} (positive definite too), the inverse is
 * {@code [[A11^-1 + T S^-1 T', -T S^-1], [-S^-1 T', S^-1]]}. Blocks of at most {@value #BASE} rows are
 * inverted directly in double precision.
 */
final class SpdInverse {

    private static final int BASE = 256;

    private SpdInverse() {
    }

    static INDArray invert(INDArray a) {
        int n = (int) a.rows();
        if (n <= BASE) {
            return direct(a);
        }
        int k = n / 2;
        INDArray a11 = a.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(0, k)).dup();
        INDArray a12 = a.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(k, n)).dup();
        INDArray a22 = a.get(NDArrayIndex.interval(k, n), NDArrayIndex.interval(k, n)).dup();
        INDArray b11 = invert(a11);
        INDArray t = b11.mmul(a12);
        INDArray s = a22.subi(a12.transpose().mmul(t));
        INDArray c22 = invert(symmetrize(s));
        INDArray c12 = t.mmul(c22).negi();
        INDArray c11 = b11.subi(c12.mmul(t.transpose()));
        INDArray result = Nd4j.create(a.dataType(), n, n);
        result.put(new INDArrayIndex[] {NDArrayIndex.interval(0, k), NDArrayIndex.interval(0, k)}, c11);
        result.put(new INDArrayIndex[] {NDArrayIndex.interval(0, k), NDArrayIndex.interval(k, n)}, c12);
        result.put(new INDArrayIndex[] {NDArrayIndex.interval(k, n), NDArrayIndex.interval(0, k)},
                c12.transpose());
        result.put(new INDArrayIndex[] {NDArrayIndex.interval(k, n), NDArrayIndex.interval(k, n)}, c22);
        return result;
    }

    /** {@code (s + s') / 2}: keeps rounding from breaking the symmetry the recursion relies on. */
    private static INDArray symmetrize(INDArray s) {
        return s.addi(s.transpose().dup()).muli(0.5);
    }

    /** Gauss-Jordan elimination in double precision (no pivoting needed: the matrix is positive definite). */
    private static INDArray direct(INDArray a) {
        int n = (int) a.rows();
        double[][] m = a.toDoubleMatrix();
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            inv[i][i] = 1;
        }
        for (int col = 0; col < n; col++) {
            double pivot = m[col][col];
            if (!(pivot > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + col + " is " + pivot + ")");
            }
            for (int j = 0; j < n; j++) {
                m[col][j] /= pivot;
                inv[col][j] /= pivot;
            }
            for (int row = 0; row < n; row++) {
                double factor = m[row][col];
                if (row != col && factor != 0) {
                    for (int j = 0; j < n; j++) {
                        m[row][j] -= factor * m[col][j];
                        inv[row][j] -= factor * inv[col][j];
                    }
                }
            }
        }
        return Nd4j.create(inv).castTo(a.dataType());
    }
}
