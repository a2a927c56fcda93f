package org.movierec.model;

/**
 * A factor model's item factors times the vectors of several users at once, with the item and user offsets added and
 * the result clamped: the scoring of {@link FactorScoring#scoreVectors}, which reads the item factors once for all the
 * users of a batch instead of once per user.
 *
 * <p>{@link #of} chooses the kernel: {@link VectorProducts} (the JDK's Vector API) when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} on a machine with 256-bit vectors or wider, as serving's launchers start
 * it; else {@link BlasProducts} (netlib's BLAS). Both give each user's scores up to the rounding of a different order
 * of additions.
 */
public abstract class FactorProducts {

    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorProducts.supported();

    FactorProducts() {
    }

    /** The fastest kernel this JVM has for these item factors (one row per item). */
    public static FactorProducts of(FloatMatrix itemFactors) {
        return VECTOR_API ? new VectorProducts(itemFactors) : blas(itemFactors);
    }

    /** The BLAS kernel whatever the JVM has: for comparisons. */
    public static FactorProducts blas(FloatMatrix itemFactors) {
        return new BlasProducts(itemFactors);
    }

    /** What {@link #of} gives in this JVM, for the logs. */
    public static String implementation() {
        return VECTOR_API ? VectorProducts.description() : BlasProducts.description();
    }

    /** This kernel, for the logs. */
    public abstract String kernel();

    /**
     * {@code scores[u][i] = clamp(itemFactors[i] . vectors[u] + itemOffsets[i] + userOffsets[u], min, max)} for the
     * first {@code count} users; only the first {@code itemFactors.cols()} values of each vector are read.
     *
     * @param itemOffsets one per item, or null for none
     * @param userOffsets one per user, or null for none
     */
    public abstract void score(float[] itemOffsets, float[][] vectors, float[] userOffsets, int count, float min,
            float max, float[][] scores);
}
