package org.movierec.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.movierec.model.FactorModel;
import org.movierec.model.FactorProducts;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.TopK;
import org.movierec.model.UserRatings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The scoring of a factor model ({@code mf} shape: ml-32m's 87,585 movies x 100 factors, random parameters), per
 * user, single-threaded, every variant on the same factors:
 * <ul>
 * <li>{@code plainLoop}: {@link FactorModel#score}, one dot product per item (what serving did per request);
 * <li>{@code vectorOne}, {@code vectorFour} and {@code vectorBatch}: serving's kernel ({@link FactorProducts#of}, the
 *     Vector API's when the JVM has the module) for one user, {@value #FOUR} (a batch as at 1,000 requests/s) and
 *     {@value #BATCH} at once, offsets added and scores clamped;
 * <li>{@code roundedOne}, {@code roundedFour} and {@code roundedBatch}: the kernel of the factors rounded to bfloat16
 *     ({@link FactorProducts#rounded}), serving's default with the Vector API;
 * <li>{@code topTen} and {@code refinedTopTen}: a user's top-10 of exact scores ({@link TopK#of}), and from the
 *     rounded kernel's scores with the candidates rescored exactly ({@link TopK#refined}: the setup prints how many);
 * <li>{@code blasKernelOne}, {@code blasKernelFour} and {@code blasKernelBatch}: the BLAS kernel
 *     ({@link FactorProducts#blas}) of the same shapes;
 * <li>{@code blasOne} and {@code blasBatch}: the bare BLAS products ({@code sgemv}, {@code sgemm}) into one result
 *     array;
 * <li>{@code foldIn}: a user's vector from 100 ratings (the ridge regression each request solves first);
 * <li>{@code predictOne}: one rating predicted for that user ({@link FactorModel#predict}; serving's prediction
 *     endpoint scored every movie, {@code plainLoop}, before);
 * <li>{@code predictCandidates}: {@value #CANDIDATES} titles predicted for that user at once, as serving ranks the
 *     titles similar to a movie (100 by content and 100 by the model by default; it scored every movie before).
 * </ul>
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar FactorScoring}
 * (bench/scorer-jmh.sh); the log's first line says which kernels answered ({@code JNIBLAS}: the machine's native BLAS).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FactorScoringBenchmark {

    static final int BATCH = 32;
    static final int FOUR = 4;
    static final int CANDIDATES = 200;
    private static final BLAS BLAS_LIBRARY = BLAS.getInstance();

    @Param("87585")
    int items;
    @Param("100")
    int factors;

    private FactorModel model;
    private float[] itemFactors;
    private FactorProducts kernel;
    private FactorProducts blasKernel;
    private FactorProducts roundedKernel;
    private float[] itemOffsets;
    private float[] userOffsets;
    private UserRatings user;
    private int[] candidates;
    private float[][] vectors;
    private float[][] scores;
    private float[] users;
    private float[] products;
    /** A user's scores from the rounded kernel, and the same exact, for the top-10 benchmarks. */
    private float[] roundedScores;
    private float[] exactScores;
    private float roundedError;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        float[] itemBias = gaussian(random, items, 0.3f);
        itemFactors = gaussian(random, items * factors, 0.1f);
        model = new FactorModel(FactorModel.MF_TYPE, IdIndex.of(LongStream.rangeClosed(1, items).toArray()), 3.5f,
                itemBias, new FloatMatrix(items, factors, itemFactors), 5f, 0.05f, 0.5f, 5f);
        user = ratings(random);
        candidates = random.ints(0, items).distinct().limit(CANDIDATES).toArray();
        vectors = new float[BATCH][];
        scores = new float[BATCH][items];
        users = new float[BATCH * factors];
        for (int u = 0; u < BATCH; u++) {
            vectors[u] = model.userVector(ratings(random));
            System.arraycopy(vectors[u], 0, users, u * factors, factors);
        }
        products = new float[BATCH * items];
        FloatMatrix factorMatrix = new FloatMatrix(items, factors, itemFactors);
        kernel = FactorProducts.of(factorMatrix);
        blasKernel = FactorProducts.blas(factorMatrix);
        roundedKernel = FactorProducts.rounded(factorMatrix);
        itemOffsets = gaussian(random, items, 0.3f);
        userOffsets = gaussian(random, BATCH, 0.3f);
        roundedScores = new float[items];
        exactScores = new float[items];
        model.scoreVectorsRounded(new float[][] {vectors[0]}, 1, new float[][] {roundedScores});
        model.scoreVectors(new float[][] {vectors[0]}, 1, new float[][] {exactScores});
        roundedError = model.roundedError(vectors[0]);
        int[] rescored = new int[1];
        TopK.refined(roundedScores.clone(), roundedError, 10, index -> true, index -> {
            rescored[0]++;
            return model.scoreItem(vectors[0], index);
        }, model.highestScore());
        System.out.println("Top-10 from the rounded scores: error bound " + roundedError + ", " + rescored[0]
                + " titles rescored exactly");
        System.out.println("Kernels: " + kernel.kernel() + ", " + blasKernel.kernel() + ", "
                + (roundedKernel == null ? "no rounded kernel" : roundedKernel.kernel()));
    }

    @Benchmark
    public float[] plainLoop() {
        model.score(user, scores[0]);
        return scores[0];
    }

    @Benchmark
    public float[][] vectorOne() {
        return score(kernel, 1);
    }

    @Benchmark
    @OperationsPerInvocation(FOUR)
    public float[][] vectorFour() {
        return score(kernel, FOUR);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] vectorBatch() {
        return score(kernel, BATCH);
    }

    @Benchmark
    public float[][] roundedOne() {
        return score(roundedKernel, 1);
    }

    @Benchmark
    @OperationsPerInvocation(FOUR)
    public float[][] roundedFour() {
        return score(roundedKernel, FOUR);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] roundedBatch() {
        return score(roundedKernel, BATCH);
    }

    /** The top-10 of exact scores, as serving selects it without the rounded kernel. */
    @Benchmark
    public TopK topTen() {
        return TopK.of(exactScores, 10, index -> true);
    }

    /**
     * The top-10 from the rounded kernel's scores, the candidates rescored exactly ({@link TopK#refined}); it writes
     * their exact scores into the array, which stay within the error for the next call.
     */
    @Benchmark
    public TopK refinedTopTen() {
        float[] vector = vectors[0];
        return TopK.refined(roundedScores, roundedError, 10, index -> true, index -> model.scoreItem(vector, index),
                model.highestScore());
    }

    @Benchmark
    public float[][] blasKernelOne() {
        return score(blasKernel, 1);
    }

    @Benchmark
    @OperationsPerInvocation(FOUR)
    public float[][] blasKernelFour() {
        return score(blasKernel, FOUR);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] blasKernelBatch() {
        return score(blasKernel, BATCH);
    }

    private float[][] score(FactorProducts products, int count) {
        products.score(itemOffsets, vectors, userOffsets, count, 0.5f, 5f, scores);
        return scores;
    }

    @Benchmark
    public float[] blasOne() {
        BLAS_LIBRARY.sgemv("T", factors, items, 1f, itemFactors, factors, users, 1, 0f, products, 1);
        return products;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] blasBatch() {
        BLAS_LIBRARY.sgemm("T", "N", BATCH, items, factors, 1f, users, factors, itemFactors, factors, 0f,
                products, BATCH);
        return products;
    }

    @Benchmark
    public float[] foldIn() {
        return model.userVector(user);
    }

    /** One rating predicted ({@link FactorModel#predict}: the fold-in and one dot product), as serving answers it. */
    @Benchmark
    public float[] predictOne() {
        return model.predict(user, 12345);
    }

    /** The titles similar to a movie ranked for the user: {@value #CANDIDATES} predicted with one fold-in. */
    @Benchmark
    public float[] predictCandidates() {
        return model.predict(user, candidates);
    }

    private UserRatings ratings(Random random) {
        int[] rated = random.ints(0, items).distinct().limit(100).sorted().toArray();
        float[] values = new float[rated.length];
        for (int j = 0; j < rated.length; j++) {
            values[j] = 0.5f * (1 + random.nextInt(10));
        }
        return new UserRatings(rated, values);
    }

    private static float[] gaussian(Random random, int length, float scale) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }
}
