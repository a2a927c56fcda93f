package org.movierec.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FactorProducts} with the JDK's Vector API ({@code jdk.incubator.vector}): the item factors are copied into
 * blocks of as many items as the machine's widest float vector has lanes ({@code L}: 16 with AVX-512, 8 with AVX2),
 * factor-major inside each block, so that block {@code b} holds factor {@code f} of its items at
 * {@code [(b k + f) L, (b k + f + 1) L)}. A block's products for a group of users are {@code k} fused multiply-adds of
 * a row of {@code L} factors with each user's factor, one accumulator a user (four for a user alone, so that the
 * multiply-adds do not wait for each other), without sums across lanes. Groups of users ({@link #GROUP} at most, then
 * 4, 2 and 1) pass over each block while it is in the first-level cache (6.4 KB at 100 factors and 16 lanes), so that
 * the factors come from memory once a batch; then the offsets are added to the block's products and they are clamped.
 * The copy takes as much memory as the factors (35 MB at 87,585 items x 100 factors).
 *
 * <p>{@link #ofBfloat16} keeps the copy in bfloat16 instead (the upper half of each float, rounded to the nearest): half
 * the bytes to read, widened to floats in the registers. Each factor is then within {@code 2^-8} of itself relatively,
 * so a product is within {@code 2^-8 |p| |q|} of the exact one, plus the rounding of the sums
 * ({@link FactorProducts#ROUNDED_ERROR}).
 *
 * <p>{@code bench/scorer-jmh.sh} compares it with {@link BlasProducts} and OpenBLAS's bare products; the figures are in
 * docs/benchmarks.md ("The Vector API kernel").
 */
final class VectorProducts extends FactorProducts {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** bfloat16 values as shorts, {@code L} of them in a vector half as wide as {@link #SPECIES}. */
    private static final VectorSpecies<Short> HALVES = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());
    /**
     * The largest group of users scored together: 8 where the machine has 16 lanes (AVX-512, 32 vector registers),
     * 4 where it has fewer (AVX2's 16 registers do not hold 8 accumulators, a row and the broadcasts: 32 users took
     * 0.61 to 0.76 ms a user in groups of 4 against 0.82 to 0.88 in groups of 8, docs/benchmarks.md).
     */
    private static final int GROUP = L >= 16 ? 8 : 4;

    private final int items;
    private final int k;
    /** The blocks in floats, or null when {@link #halves} holds them. */
    private final float[] blocks;
    /** The blocks in bfloat16, or null. */
    private final short[] halves;

    private VectorProducts(FloatMatrix itemFactors, boolean rounded) {
        this.items = itemFactors.rows();
        this.k = itemFactors.cols();
        int length = (items + L - 1) / L * L * k;
        this.blocks = rounded ? null : new float[length];
        this.halves = rounded ? new short[length] : null;
        float[] factors = itemFactors.data();
        for (int i = 0; i < items; i++) {
            int first = (i / L) * L * k + i % L;
            for (int f = 0; f < k; f++) {
                if (rounded) {
                    halves[first + f * L] = bfloat16(factors[i * k + f]);
                } else {
                    blocks[first + f * L] = factors[i * k + f];
                }
            }
        }
    }

    /** The exact kernel: the products up to the rounding of the sums. */
    static VectorProducts ofFloats(FloatMatrix itemFactors) {
        return new VectorProducts(itemFactors, false);
    }

    /** The kernel of item factors rounded to bfloat16. */
    static VectorProducts ofBfloat16(FloatMatrix itemFactors) {
        return new VectorProducts(itemFactors, true);
    }

    /**
     * The nearest bfloat16 (ties to even) of a finite float, as its upper 16 bits; the largest finite bfloat16, with
     * the sign, for one whose nearest would be infinite (above 3.3895e38).
     */
    static short bfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        boolean overflows = ((rounded >>> 23) & 0xFF) == 0xFF;
        return (short) (overflows ? ((bits >>> 16) & 0x8000) | 0x7F7F : rounded >>> 16);
    }

    /** Row {@code at} of the blocks ({@code L} values), widened to floats when they are bfloat16. */
    private FloatVector row(int at) {
        if (halves == null) {
            return FloatVector.fromArray(SPECIES, blocks, at);
        }
        return ((IntVector) ShortVector.fromArray(HALVES, halves, at).convertShape(VectorOperators.S2I, INTS, 0))
                .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** Whether the machine's float vectors are wide enough for this kernel to beat BLAS: 8 lanes (AVX2) or more. */
    static boolean supported() {
        // not L: FactorProducts asks while it is initialised, which this class's initialisation may have started
        return FloatVector.SPECIES_PREFERRED.length() >= 8;
    }

    static String description() {
        return "Vector API (" + L + " floats)";
    }

    @Override
    public String kernel() {
        return halves == null ? description() : "Vector API (" + L + " floats from bfloat16)";
    }

    @Override
    public void score(float[] itemOffsets, float[][] vectors, float[] userOffsets, int count, float min, float max,
            float[][] scores) {
        if (count == 0) {
            return;
        }
        Batch batch = new Batch(vectors, userOffsets == null ? new float[count] : userOffsets, min, max);
        float[][] tails = new float[count][L];
        float[] tailOffsets = new float[L];
        if (itemOffsets != null && items % L != 0) {
            System.arraycopy(itemOffsets, items - items % L, tailOffsets, 0, items % L);
        }
        for (int start = 0; start < items; start += L) {
            boolean whole = start + L <= items;
            // the last block, shorter than L items, is written to tails and copied
            batch.out = whole ? scores : tails;
            batch.at = whole ? start : 0;
            batch.offsets = whole && itemOffsets != null ? itemOffsets : tailOffsets;
            batch.offsetsAt = whole && itemOffsets != null ? start : 0;
            int base = start * k;
            int u = 0;
            for (; GROUP == 8 && u + 8 <= count; u += 8) {
                eight(base, batch, u);
            }
            for (; u + 4 <= count; u += 4) {
                four(base, batch, u);
            }
            if (u + 2 <= count) {
                two(base, batch, u);
                u += 2;
            }
            if (u < count) {
                one(base, batch, u);
            }
            finish(batch, count);
            if (!whole) {
                for (u = 0; u < count; u++) {
                    System.arraycopy(tails[u], 0, scores[u], start, items - start);
                }
            }
        }
    }

    /** What the groups of users share: arrays and numbers only (a vector in a field is an object). */
    private static final class Batch {
        final float[][] vectors;
        final float[] userOffsets;
        final float min;
        final float max;
        float[][] out;
        int at;
        float[] offsets;
        int offsetsAt;

        Batch(float[][] vectors, float[] userOffsets, float min, float max) {
            this.vectors = vectors;
            this.userOffsets = userOffsets;
            this.min = min;
            this.max = max;
        }
    }

    /** Adds the offsets to every user's products of the block, which the groups stored, and clamps them. */
    private static void finish(Batch batch, int count) {
        FloatVector offsets = FloatVector.fromArray(SPECIES, batch.offsets, batch.offsetsAt);
        for (int u = 0; u < count; u++) {
            FloatVector.fromArray(SPECIES, batch.out[u], batch.at).add(offsets.add(batch.userOffsets[u]))
                    .lanewise(VectorOperators.MAX, batch.min).lanewise(VectorOperators.MIN, batch.max)
                    .intoArray(batch.out[u], batch.at);
        }
    }

    private void eight(int base, Batch batch, int u) {
        float[][] vectors = batch.vectors;
        float[] p0 = vectors[u], p1 = vectors[u + 1], p2 = vectors[u + 2], p3 = vectors[u + 3];
        float[] p4 = vectors[u + 4], p5 = vectors[u + 5], p6 = vectors[u + 6], p7 = vectors[u + 7];
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int f = 0; f < k; f++) {
            FloatVector q = row(base + f * L);
            a0 = q.fma(FloatVector.broadcast(SPECIES, p0[f]), a0);
            a1 = q.fma(FloatVector.broadcast(SPECIES, p1[f]), a1);
            a2 = q.fma(FloatVector.broadcast(SPECIES, p2[f]), a2);
            a3 = q.fma(FloatVector.broadcast(SPECIES, p3[f]), a3);
            a4 = q.fma(FloatVector.broadcast(SPECIES, p4[f]), a4);
            a5 = q.fma(FloatVector.broadcast(SPECIES, p5[f]), a5);
            a6 = q.fma(FloatVector.broadcast(SPECIES, p6[f]), a6);
            a7 = q.fma(FloatVector.broadcast(SPECIES, p7[f]), a7);
        }
        a0.intoArray(batch.out[u], batch.at);
        a1.intoArray(batch.out[u + 1], batch.at);
        a2.intoArray(batch.out[u + 2], batch.at);
        a3.intoArray(batch.out[u + 3], batch.at);
        a4.intoArray(batch.out[u + 4], batch.at);
        a5.intoArray(batch.out[u + 5], batch.at);
        a6.intoArray(batch.out[u + 6], batch.at);
        a7.intoArray(batch.out[u + 7], batch.at);
    }

    private void four(int base, Batch batch, int u) {
        float[][] vectors = batch.vectors;
        float[] p0 = vectors[u], p1 = vectors[u + 1], p2 = vectors[u + 2], p3 = vectors[u + 3];
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        for (int f = 0; f < k; f++) {
            FloatVector q = row(base + f * L);
            a0 = q.fma(FloatVector.broadcast(SPECIES, p0[f]), a0);
            a1 = q.fma(FloatVector.broadcast(SPECIES, p1[f]), a1);
            a2 = q.fma(FloatVector.broadcast(SPECIES, p2[f]), a2);
            a3 = q.fma(FloatVector.broadcast(SPECIES, p3[f]), a3);
        }
        a0.intoArray(batch.out[u], batch.at);
        a1.intoArray(batch.out[u + 1], batch.at);
        a2.intoArray(batch.out[u + 2], batch.at);
        a3.intoArray(batch.out[u + 3], batch.at);
    }

    private void two(int base, Batch batch, int u) {
        float[][] vectors = batch.vectors;
        float[] p0 = vectors[u], p1 = vectors[u + 1];
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0;
        for (int f = 0; f < k; f++) {
            FloatVector q = row(base + f * L);
            a0 = q.fma(FloatVector.broadcast(SPECIES, p0[f]), a0);
            a1 = q.fma(FloatVector.broadcast(SPECIES, p1[f]), a1);
        }
        a0.intoArray(batch.out[u], batch.at);
        a1.intoArray(batch.out[u + 1], batch.at);
    }

    /**
     * One user, with four accumulators over the factors: one chain of multiply-adds waits for each result before the
     * next (bfloat16 rows: 1.67 to 1.75 ms a user with one accumulator, 1.19 to 1.60 with four, on an AVX2 machine).
     */
    private void one(int base, Batch batch, int u) {
        float[] p0 = batch.vectors[u];
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int f = 0;
        for (; f + 4 <= k; f += 4) {
            a0 = row(base + f * L).fma(FloatVector.broadcast(SPECIES, p0[f]), a0);
            a1 = row(base + (f + 1) * L).fma(FloatVector.broadcast(SPECIES, p0[f + 1]), a1);
            a2 = row(base + (f + 2) * L).fma(FloatVector.broadcast(SPECIES, p0[f + 2]), a2);
            a3 = row(base + (f + 3) * L).fma(FloatVector.broadcast(SPECIES, p0[f + 3]), a3);
        }
        for (; f < k; f++) {
            a0 = row(base + f * L).fma(FloatVector.broadcast(SPECIES, p0[f]), a0);
        }
        a0.add(a1).add(a2.add(a3)).intoArray(batch.out[u], batch.at);
    }
}
