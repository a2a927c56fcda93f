package org.movierec.model;

import java.util.Arrays;

/**
 * A thread's buffers for the fold-ins of {@link FactorModel} and {@link ImplicitFactorModel}: the normal equations of
 * a user's ridge regression (an {@code n x n} Gram matrix and its right-hand side) and a block of rows that is added
 * to the Gram matrix at a time, so that a fold-in allocates only its result. Serving folds a user in on every
 * factor-model request: a fold-in of 159 ratings with 100 factors allocated 210 KB with arrays of its own, three
 * quarters of what a whole request allocated, and the young collections that followed every 2 s sat in the latency's
 * tail.
 *
 * <p>A thread keeps its buffers while it lives: {@code (n + BLOCK + 1) * n} doubles, 135 KB at 100 factors (serving's
 * request threads, 200 at most, hold 27 MB at worst). A thread that Tomcat starts anew makes them once, where every
 * fold-in made its own before. In the whole server at 1,000 requests/s young collections came every 7 to 10 s
 * instead of every 2.2 s (docs/benchmarks.md, "Fewer allocations, one registry request a poll").
 */
final class FoldInBuffers {

    /** Rows added to the Gram matrix by one BLAS call. */
    static final int BLOCK = 64;

    private static final ThreadLocal<FoldInBuffers> OF_THREAD = ThreadLocal.withInitial(FoldInBuffers::new);

    /** The row-major {@code n x n} matrix of the normal equations (the lower triangle is what counts). */
    double[] gram = new double[0];
    /** Their right-hand side. */
    double[] rhs = new double[0];
    /** {@link #BLOCK} rows of {@code n} values. */
    double[] rows = new double[0];

    private FoldInBuffers() {
    }

    /** This thread's buffers for {@code n} unknowns, {@link #gram} and {@link #rhs} zeroed. */
    static FoldInBuffers ofThread(int n) {
        FoldInBuffers buffers = OF_THREAD.get();
        if (buffers.rhs.length != n) {
            buffers.gram = new double[n * n];
            buffers.rhs = new double[n];
            buffers.rows = new double[BLOCK * n];
        } else {
            Arrays.fill(buffers.gram, 0);
            Arrays.fill(buffers.rhs, 0);
        }
        return buffers;
    }

    /** Adds the first {@code count} rows of {@link #rows} to {@link #gram}. */
    void addRows(int count) {
        Blas.addGram(rows, count, rhs.length, gram);
    }

    /**
     * Solves the normal equations with {@code penalty} added to the diagonal ({@link #gram} and {@link #rhs} are
     * overwritten).
     */
    float[] solve(double penalty) {
        int n = rhs.length;
        for (int a = 0; a < n; a++) {
            gram[a * n + a] += penalty;
        }
        double[] solution = Blas.solvePositiveDefinite(gram, rhs, n);
        float[] result = new float[n];
        for (int a = 0; a < n; a++) {
            result[a] = (float) solution[a];
        }
        return result;
    }
}
