package org.movierec.model;

/**
 * The kernels that score a factor model's item factors ({@link FactorProducts}), each made on its first use: the
 * exact one ({@link FactorProducts#of}) and the one of the factors rounded to bfloat16 ({@link FactorProducts#rounded}),
 * each a copy of the factors (35 MB and 17.5 MB at 87,585 items x 100 factors), so that a JVM keeps only the one it
 * scores with. Also the bound on the rounded kernel's error for a user.
 */
final class FactorKernels {

    /** The error of the additions of the offsets, relatively to the magnitudes added: four roundings of 2^-24, doubled. */
    private static final float ADDITIONS_ERROR = 0x1p-20f;

    private final FloatMatrix itemFactors;
    /** The largest Euclidean norm of an item's factors. */
    private final float largestNorm;
    private FactorProducts exact;
    private FactorProducts rounded;

    FactorKernels(FloatMatrix itemFactors) {
        this.itemFactors = itemFactors;
        float[] factors = itemFactors.data();
        double largest = 0;
        for (int i = 0; i < itemFactors.rows(); i++) {
            double squares = 0;
            for (int f = i * itemFactors.cols(); f < (i + 1) * itemFactors.cols(); f++) {
                squares += (double) factors[f] * factors[f];
            }
            largest = Math.max(largest, squares);
        }
        this.largestNorm = (float) Math.sqrt(largest);
    }

    synchronized FactorProducts exact() {
        if (exact == null) {
            exact = FactorProducts.of(itemFactors);
        }
        return exact;
    }

    /** The rounded kernel, or the exact one when this JVM has none. */
    synchronized FactorProducts rounded() {
        if (rounded == null) {
            FactorProducts made = FactorProducts.rounded(itemFactors);
            rounded = made == null ? exact() : made;
        }
        return rounded;
    }

    /**
     * The most by which a score of {@link #rounded} with this user vector (its first {@code itemFactors.cols()} values)
     * can differ from the plain scoring's ({@link FloatMatrix#dotRow} plus the offsets, clamped): the rounding of the
     * factors ({@link FactorProducts#ROUNDED_ERROR}) and of the additions, given the largest magnitude of the offsets
     * added to a product. The clamp to a range only brings two scores closer.
     */
    float roundedError(float[] vector, float offsets) {
        double squares = 0;
        for (int f = 0; f < itemFactors.cols(); f++) {
            squares += (double) vector[f] * vector[f];
        }
        double products = Math.sqrt(squares) * largestNorm;
        return (float) (FactorProducts.ROUNDED_ERROR * products + ADDITIONS_ERROR * (products + offsets));
    }
}
