package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BlasTest {

    @Test
    void solvesAPositiveDefiniteSystemGivenByTheGramOfItsRows() {
        int n = 101;
        int count = 150;
        Random random = new Random(7);
        double[] rows = new double[count * n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextGaussian();
        }
        double[] a = new double[n * n];
        Blas.addGram(rows, count, n, a);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 0.5;
        }
        // the whole matrix, from the lower triangle addGram filled, for the residual
        double[] full = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                full[i * n + j] = a[i * n + j];
                full[j * n + i] = a[i * n + j];
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = random.nextGaussian();
        }
        double[] x = Blas.solvePositiveDefinite(a.clone(), b.clone(), n);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += full[i * n + j] * x[j];
            }
            assertThat(sum).as("row %d of A x", i).isCloseTo(b[i], within(1e-9));
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteIsRefused() {
        double[] a = {1, 0, 2, 1};   // lower triangle of [[1, 2], [2, 1]], eigenvalues 3 and -1
        assertThatThrownBy(() -> Blas.solvePositiveDefinite(a, new double[] {1, 1}, 2))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("not positive definite (pivot 1)");
    }
}
