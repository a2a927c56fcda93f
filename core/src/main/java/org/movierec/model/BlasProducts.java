package org.movierec.model;

import java.util.Arrays;

/**
 * {@link FactorProducts} by BLAS (netlib's {@code sgemm}, or {@code sgemv} for one user): the machine's OpenBLAS
 * ({@code bin/native-blas}) when it has one, else netlib's Java implementation; what serving uses when the JVM has no
 * {@code jdk.incubator.vector} module. Items are taken in blocks of {@value #BLOCK}, whose products for every user are
 * written, with the item and user offsets added and the result clamped, into each user's score array.
 *
 * <p>For a few users the product is computed with the users first ({@code C = P' Q'}, a {@code users x block}
 * result), the orientation in which OpenBLAS handles them best; for many, items first ({@link #ITEMS_FIRST_FROM}).
 * At 87,585 items x 100 factors on one core of a 2-core AMD EPYC (AVX-512), OpenBLAS 0.3.21, per user: one user
 * 2.1 ms, 8 users 0.6 to 0.7 ms, 32 users 0.46 ms (numpy's product alone 0.43 ms), a plain Java loop of dot products
 * 4.1 ms ({@code bench/scorer-jmh.sh}; docs/benchmarks.md has the rest).
 */
final class BlasProducts extends FactorProducts {

    static final int BLOCK = 4096;
    /**
     * From this many users on, the product is computed items first ({@code C = Q P}, {@code block x users}), so that
     * each user's products lie together: with the users first, reading each user's products across the block cost
     * more than the product itself at 64 users (0.77 against 0.45 ms a user, the bare product 0.40); below 32 users
     * the users-first product is the faster (8 users: 0.72 against 1.10).
     */
    static final int ITEMS_FIRST_FROM = 32;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private final FloatMatrix itemFactors;

    BlasProducts(FloatMatrix itemFactors) {
        this.itemFactors = itemFactors;
    }

    /** netlib's implementation in use: {@code JNIBLAS} is the native one. */
    static String description() {
        return "BLAS (" + Blas.LIBRARY.getClass().getSimpleName() + ")";
    }

    @Override
    public String kernel() {
        return description();
    }

    @Override
    public void score(float[] itemOffsets, float[][] vectors, float[] userOffsets, int count, float min, float max,
            float[][] scores) {
        int items = itemFactors.rows();
        int k = itemFactors.cols();
        if (count == 0) {
            return;
        }
        float[] users = new float[count * Math.max(1, k)];
        for (int u = 0; u < count; u++) {
            System.arraycopy(vectors[u], 0, users, u * k, k);
        }
        float[] products = scratch(count * Math.min(BLOCK, Math.max(1, items)));
        float[] factors = itemFactors.data();
        boolean itemsFirst = count >= ITEMS_FIRST_FROM;
        // a user's products lie together (items first, or one user) at u * length, else count apart from u
        boolean together = itemsFirst || count == 1;
        for (int start = 0; start < items; start += BLOCK) {
            int length = Math.min(BLOCK, items - start);
            if (k == 0) {
                Arrays.fill(products, 0, count * length, 0f);
            } else if (count == 1) {
                Blas.LIBRARY.sgemv("T", k, length, 1f, factors, start * k, k, users, 0, 1, 0f, products, 0, 1);
            } else if (itemsFirst) {
                Blas.LIBRARY.sgemm("T", "N", length, count, k, 1f, factors, start * k, k, users, 0, k, 0f,
                        products, 0, length);
            } else {
                Blas.LIBRARY.sgemm("T", "N", count, length, k, 1f, users, 0, k, factors, start * k, k, 0f,
                        products, 0, count);
            }
            for (int u = 0; u < count; u++) {
                float userOffset = userOffsets == null ? 0f : userOffsets[u];
                if (together) {
                    finish(products, u * length, itemOffsets, userOffset, min, max, scores[u], start, length);
                } else {
                    finishStrided(products, u, count, itemOffsets, userOffset, min, max, scores[u], start, length);
                }
            }
        }
    }

    /** {@code out[start + i] = clamp(products[first + i] + itemOffsets[start + i] + userOffset)}: a loop the JIT vectorises. */
    private static void finish(float[] products, int first, float[] itemOffsets, float userOffset, float min,
            float max, float[] out, int start, int length) {
        if (itemOffsets == null) {
            for (int i = 0; i < length; i++) {
                out[start + i] = Math.min(max, Math.max(min, products[first + i] + userOffset));
            }
        } else {
            for (int i = 0; i < length; i++) {
                out[start + i] = Math.min(max, Math.max(min, products[first + i] + (itemOffsets[start + i] + userOffset)));
            }
        }
    }

    /** The same with the user's products {@code step} apart. */
    private static void finishStrided(float[] products, int first, int step, float[] itemOffsets, float userOffset,
            float min, float max, float[] out, int start, int length) {
        if (itemOffsets == null) {
            for (int i = 0; i < length; i++) {
                out[start + i] = Math.min(max, Math.max(min, products[first + i * step] + userOffset));
            }
        } else {
            for (int i = 0; i < length; i++) {
                out[start + i] = Math.min(max, Math.max(min,
                        products[first + i * step] + (itemOffsets[start + i] + userOffset)));
            }
        }
    }

    private static float[] scratch(int length) {
        float[] scratch = SCRATCH.get();
        if (scratch.length < length) {
            scratch = new float[length];
            SCRATCH.set(scratch);
        }
        return scratch;
    }
}
