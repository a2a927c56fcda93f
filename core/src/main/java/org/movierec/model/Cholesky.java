package org.movierec.model;

/** Solves small symmetric positive-definite systems, such as a user's fold-in, by Cholesky decomposition. */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Solves {@code A x = b} for a symmetric positive-definite {@code n x n} matrix {@code A} given by its lower
     * triangle (row-major, {@code a[i * n + j]} for {@code j <= i}). {@code a} is overwritten by the factor.
     */
    static double[] solveLowerFilled(double[] a, double[] b, int n) {
        // Column by column, each column then taken out of the rest of the lower triangle at once: the inner loop
        // runs along a row with no running sum, so the JIT vectorises it (a 101 x 101 fold-in: 4x faster than the
        // dot-product form, whose inner loop is a chain of dependent additions).
        double[] column = new double[n];
        for (int j = 0; j < n; j++) {
            double diagonal = a[j * n + j];
            if (!(diagonal > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + j + ")");
            }
            double root = Math.sqrt(diagonal);
            a[j * n + j] = root;
            for (int i = j + 1; i < n; i++) {
                column[i] = a[i * n + j] / root;
                a[i * n + j] = column[i];
            }
            for (int i = j + 1; i < n; i++) {
                double factor = column[i];
                int row = i * n;
                for (int k = j + 1; k <= i; k++) {
                    a[row + k] -= factor * column[k];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i * n + k] * y[k];
            }
            y[i] = sum / a[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= a[k * n + i] * x[k];
            }
            x[i] = sum / a[i * n + i];
        }
        return x;
    }
}
