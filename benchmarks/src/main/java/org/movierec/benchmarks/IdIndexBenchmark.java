package org.movierec.benchmarks;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.movierec.model.IdIndex;
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

/**
 * Id to index lookups of core's {@link IdIndex} against fastutil's {@link Long2IntOpenHashMap} holding the same
 * pairs, in nanoseconds per lookup, single-threaded, on ml-32m's shapes:
 * <ul>
 * <li>{@code movies}: 87,585 distinct ids drawn (seed 42) from 1..292,757, ml-32m's largest movie id; IdIndex's
 *     table by id answers (292,758 ints);
 * <li>{@code users}: 200,948 ids 1..200,948, ml-32m's users; the table answers;
 * <li>{@code sparse}: 200,948 ids spread over 0..2^40 (ids that are not dense enough for the table, e.g. a mix of
 *     MovieLens and platform user ids); IdIndex's binary search answers.
 * </ul>
 * Each invocation looks up {@value #LOOKUPS} ids in random order, 9 in 10 in the index, the others not (a movie or
 * a user newer than the model), drawn from 1 to a tenth above the largest id.
 * {@code java -jar benchmarks/target/benchmarks.jar IdIndexBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdIndexBenchmark {

    static final int LOOKUPS = 4096;
    private static final int ML32M_LARGEST_MOVIE_ID = 292_757;
    private static final int ML32M_MOVIES = 87_585;
    private static final int ML32M_USERS = 200_948;

    @Param({"movies", "users", "sparse"})
    String ids;

    private IdIndex index;
    private Long2IntOpenHashMap map;
    private long[] queries;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        long[] all = switch (ids) {
            case "movies" -> distinct(random, ML32M_MOVIES, ML32M_LARGEST_MOVIE_ID);
            case "users" -> LongStream.rangeClosed(1, ML32M_USERS).toArray();
            case "sparse" -> distinct(random, ML32M_USERS, 1L << 40);
            default -> throw new IllegalArgumentException(ids);
        };
        index = IdIndex.of(all);
        map = new Long2IntOpenHashMap(index.size());
        map.defaultReturnValue(-1);
        for (int i = 0; i < index.size(); i++) {
            map.put(index.idAt(i), i);
        }
        long largest = index.idAt(index.size() - 1);
        queries = new long[LOOKUPS];
        for (int q = 0; q < LOOKUPS; q++) {
            if (random.nextInt(10) < 9) {
                queries[q] = index.idAt(random.nextInt(index.size()));
            } else {
                long absent;
                do {   // up to a tenth above the largest id: for dense ids, the ids of users newer than the index
                    absent = random.nextLong(1, largest + largest / 10 + 2);
                } while (index.indexOf(absent) >= 0);
                queries[q] = absent;
            }
        }
        for (long query : queries) {
            if (index.indexOf(query) != map.get(query)) {
                throw new IllegalStateException("IdIndex and the map disagree on id " + query);
            }
        }
    }

    /** {@code count} distinct ids drawn uniformly from 1..{@code largest}. */
    private static long[] distinct(Random random, int count, long largest) {
        Set<Long> drawn = new HashSet<>();
        while (drawn.size() < count) {
            drawn.add(random.nextLong(1, largest + 1));
        }
        return drawn.stream().mapToLong(Long::longValue).toArray();
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long idIndex() {
        long sum = 0;
        for (long query : queries) {
            sum += index.indexOf(query);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long fastutilMap() {
        long sum = 0;
        for (long query : queries) {
            sum += map.get(query);
        }
        return sum;
    }
}
