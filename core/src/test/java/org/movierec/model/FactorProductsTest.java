package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoring many users in one product ({@link FactorScoring#scoreVectors}) against the plain scoring of each user
 * ({@link Recommender#score}: one dot product per item), over more items than one block of {@link BlasProducts} and
 * a number of items that is not a multiple of {@link VectorProducts}' lanes; each kernel against a plain loop.
 */
class FactorProductsTest {

    private static final int ITEMS = BlasProducts.BLOCK + 904;
    private static final int FACTORS = 24;
    private static final int USERS = 150;

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 2, 7, 64})
    void aBatchGivesEveryUserThePlainScoresAndTheSameTopTen(int batch) {
        Random random = new Random(7);
        FactorModel mf = new FactorModel(FactorModel.MF_TYPE, items(), 3.5f, gaussian(random, ITEMS, 0.3f),
                new FloatMatrix(ITEMS, FACTORS, gaussian(random, ITEMS * FACTORS, 0.3f)), 2f, 0.05f, 0.5f, 5f);
        checkAgainstPlainScoring(mf, batch, random);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 5})
    void theImplicitModelAndTheBiasModelToo(int batch) {
        Random random = new Random(11);
        checkAgainstPlainScoring(new ImplicitFactorModel(items(),
                new FloatMatrix(ITEMS, FACTORS, gaussian(random, ITEMS * FACTORS, 0.2f)), 0.4f, 0.05f), batch, random);
        checkAgainstPlainScoring(new FactorModel(FactorModel.BIAS_TYPE, items(), 3.5f, gaussian(random, ITEMS, 0.5f),
                FloatMatrix.zeros(ITEMS, 0), 2f, 0.5f, 5f), batch, random);
    }

    @ParameterizedTest(name = "factors scaled by {0}")
    @ValueSource(floats = {0.3f, 1.5f})
    void roundedScoresAreWithinTheirErrorAndTheRefinedTopTenIsThePlainOne(float scale) {
        // at 1.5 most of the best scores are clamped to the top of the scale: a top-10 of ties, broken by index
        Random random = new Random(13);
        FactorModel mf = new FactorModel(FactorModel.MF_TYPE, items(), 3.5f, gaussian(random, ITEMS, 0.3f),
                new FloatMatrix(ITEMS, FACTORS, gaussian(random, ITEMS * FACTORS, scale)), 2f, 0.05f, 0.5f, 5f);
        ImplicitFactorModel implicit = new ImplicitFactorModel(items(),
                new FloatMatrix(ITEMS, FACTORS, gaussian(random, ITEMS * FACTORS, scale)), 0.4f, 0.05f);
        for (FactorScoring model : new FactorScoring[] {mf, implicit}) {
            int count = 9;
            float[][] vectors = new float[count][];
            float[][] scores = new float[count][ITEMS];
            UserRatings[] users = new UserRatings[count];
            for (int round = 0; round < 6; round++) {
                for (int u = 0; u < count; u++) {
                    users[u] = ratings(random);
                    vectors[u] = model.userVector(users[u]);
                }
                model.scoreVectorsRounded(vectors, count, scores);
                for (int u = 0; u < count; u++) {
                    float[] plain = model.score(users[u]);
                    float error = model.roundedError(vectors[u]);
                    float largest = 0;
                    for (int i = 0; i < ITEMS; i++) {
                        largest = Math.max(largest, Math.abs(plain[i] - scores[u][i]));
                    }
                    assertThat(largest).as("%s: largest difference", model.type()).isLessThanOrEqualTo(error)
                            .as("%s: the rounding shows", model.type()).isGreaterThan(0f);
                    for (int index : users[u].items()) {
                        plain[index] = Float.NaN;
                        scores[u][index] = Float.NaN;
                    }
                    int[] expected = topTen(plain, users[u]);
                    float[] vector = vectors[u];
                    int[] refined = TopK.refined(scores[u], error, 10, i -> i % 3 != 1,
                            i -> model.scoreItem(vector, i), model.highestScore()).indices();
                    assertThat(refined).as("%s: refined top-10", model.type()).containsExactly(
                            TopK.of(plain, 10, i -> i % 3 != 1).indices());
                    assertThat(TopK.of(plain, 10, i -> true).indices()).containsExactly(expected);
                }
            }
        }
    }

    @Test
    void theRoundingIsToTheNearestBfloat16() {
        assertThat(VectorProducts.bfloat16(1f)).isEqualTo((short) 0x3F80);
        // 1 + 2^-8 lies halfway between 1 and 1 + 2^-7: to even, 1; just above it: up
        assertThat(VectorProducts.bfloat16(1f + 0x1p-8f)).isEqualTo((short) 0x3F80);
        assertThat(VectorProducts.bfloat16(1f + 0x1p-8f + 0x1p-20f)).isEqualTo((short) 0x3F81);
        assertThat(VectorProducts.bfloat16(-1f - 0x1p-7f - 0x1p-8f)).isEqualTo((short) 0xBF82);
        assertThat(VectorProducts.bfloat16(Float.MAX_VALUE)).isEqualTo((short) 0x7F7F);
        assertThat(VectorProducts.bfloat16(-Float.MAX_VALUE)).isEqualTo((short) 0xFF7F);
    }

    @Test
    void theseTestsRunTheVectorApiKernelAsServingDoes() {
        // core's surefire runs with add-modules jdk.incubator.vector, as serving's launchers start serving
        assertThat(FactorProducts.of(FloatMatrix.zeros(3, 2))).isInstanceOf(VectorProducts.class);
        assertThat(FactorProducts.implementation()).startsWith("Vector API");
        assertThat(FactorProducts.rounded(FloatMatrix.zeros(3, 2)).kernel()).endsWith("from bfloat16)");
    }

    @ParameterizedTest(name = "{0} kernel, {1} users")
    @CsvSource({"vector, 1", "vector, 2", "vector, 3", "vector, 7", "vector, 8", "vector, 15", "vector, 64",
            "blas, 1", "blas, 3", "blas, 31", "blas, 64"})
    void eachKernelGivesThePlainLoopsProductsWithTheOffsetsAndTheClamp(String kernel, int count) {
        Random random = new Random(count);
        FloatMatrix factors = new FloatMatrix(ITEMS, FACTORS, gaussian(random, ITEMS * FACTORS, 0.3f));
        FactorProducts products = kernel.equals("blas") ? FactorProducts.blas(factors) : FactorProducts.of(factors);
        float[] itemOffsets = gaussian(random, ITEMS, 1f);
        float[][] vectors = new float[count][];
        float[] userOffsets = gaussian(random, count, 1f);
        float[][] scores = new float[count][ITEMS];
        for (int u = 0; u < count; u++) {
            vectors[u] = gaussian(random, FACTORS + 1, 1f);   // one value more than the factors, as a user's bias
        }
        products.score(itemOffsets, vectors, userOffsets, count, -1.5f, 2f, scores);
        float largestDifference = 0;
        int clamped = 0;
        for (int u = 0; u < count; u++) {
            for (int i = 0; i < ITEMS; i++) {
                float plain = Math.min(2f, Math.max(-1.5f,
                        factors.dotRow(i, vectors[u]) + itemOffsets[i] + userOffsets[u]));
                clamped += plain == 2f || plain == -1.5f ? 1 : 0;
                largestDifference = Math.max(largestDifference, Math.abs(plain - scores[u][i]));
            }
        }
        assertThat(products.kernel()).startsWith(kernel.equals("blas") ? "BLAS" : "Vector API");
        assertThat(clamped).as("scores clamped, so that the clamp is tested").isGreaterThan(count * ITEMS / 10);
        assertThat(largestDifference).isCloseTo(0f, within(2e-5f));
    }

    private static void checkAgainstPlainScoring(FactorScoring model, int batch, Random random) {
        float[][] vectors = new float[batch][];
        float[][] scores = new float[batch][ITEMS];
        UserRatings[] users = new UserRatings[batch];
        int differentTopTens = 0;
        float largestDifference = 0;
        for (int first = 0; first < USERS; first += batch) {
            int count = Math.min(batch, USERS - first);
            for (int u = 0; u < count; u++) {
                users[u] = ratings(random);
                vectors[u] = model.userVector(users[u]);
            }
            model.scoreVectors(vectors, count, scores);
            for (int u = 0; u < count; u++) {
                float[] plain = model.score(users[u]);
                for (int i = 0; i < ITEMS; i++) {
                    largestDifference = Math.max(largestDifference, Math.abs(plain[i] - scores[u][i]));
                }
                if (!java.util.Arrays.equals(topTen(plain), topTen(scores[u]))) {
                    differentTopTens++;
                }
            }
        }
        assertThat(largestDifference).as(model.type() + ": largest difference from the plain scores")
                .isCloseTo(0f, within(2e-5f));
        assertThat(differentTopTens).as(model.type() + ": users whose top-10 differs").isZero();
    }

    private static int[] topTen(float[] scores, UserRatings rated) {
        int[] items = rated.items();
        return IntStream.range(0, scores.length).filter(i -> java.util.Arrays.binarySearch(items, i) < 0).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                .limit(10).mapToInt(Integer::intValue).toArray();
    }

    private static int[] topTen(float[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                .limit(10).mapToInt(Integer::intValue).toArray();
    }

    private static UserRatings ratings(Random random) {
        int n = 1 + random.nextInt(40);
        int[] rated = random.ints(0, ITEMS).distinct().limit(n).sorted().toArray();
        float[] values = new float[rated.length];
        for (int j = 0; j < rated.length; j++) {
            values[j] = 0.5f * (1 + random.nextInt(10));
        }
        return new UserRatings(rated, values);
    }

    private static IdIndex items() {
        return IdIndex.of(IntStream.rangeClosed(1, ITEMS).asLongStream().toArray());
    }

    private static float[] gaussian(Random random, int length, float scale) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }
}
