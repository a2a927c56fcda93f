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

    /**
     * The relative error of {@link #rounded}'s products: {@code |rounded - exact| <= ROUNDED_ERROR * |p| |q|} for a user
     * vector {@code p} and an item's factors {@code q} (Euclidean norms), whatever the offsets. bfloat16 keeps 8
     * significant bits of a float's 24, so each factor rounded to the nearest is within {@code 2^-8} of itself
     * relatively and a product within {@code 2^-8 |p| |q|} (Cauchy-Schwarz); the float sums of either product add at most
     * {@code k 2^-24 |p| |q|} each, below {@code 2^-8 |p| |q|} together for fewer than 32,000 factors; so {@code 2^-7}.
     */
    public static final float ROUNDED_ERROR = 0x1p-7f;

    FactorProducts() {
    }

    /** The fastest kernel this JVM has for these item factors (one row per item). */
    public static FactorProducts of(FloatMatrix itemFactors) {
        return VECTOR_API ? VectorProducts.ofFloats(itemFactors) : blas(itemFactors);
    }

    /**
     * A kernel of the item factors rounded to bfloat16, which reads half the bytes of {@link #of}'s and whose products
     * are within {@link #ROUNDED_ERROR} of the exact ones; null when this JVM has no Vector API (a rounded product by
     * BLAS would read as many bytes as the exact one).
     */
    public static FactorProducts rounded(FloatMatrix itemFactors) {
        return VECTOR_API ? VectorProducts.ofBfloat16(itemFactors) : null;
    }

    /** The BLAS kernel whatever the JVM has: for comparisons. */
    public static FactorProducts blas(FloatMatrix itemFactors) {
        return new BlasProducts(itemFactors);
    }

    /** Whether {@link #rounded} gives a kernel in this JVM. */
    public static boolean hasRounded() {
        return VECTOR_API;
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
