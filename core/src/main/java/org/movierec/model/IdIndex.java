package org.movierec.model;

import java.util.Arrays;

/**
 * A bijection between external ids (movie ids, user ids) and dense indices {@code 0..size-1}, the
 * rows and columns of a model's matrices. Indices follow the ascending order of the ids, so the same
 * set of ids always gives the same indices.
 *
 * <p>Why not a primitive-collections map (fastutil's {@code Long2IntOpenHashMap}): measured against one holding the
 * same pairs (benchmarks' {@code IdIndexBenchmark}, JMH, one thread, random lookups of which 1 in 10 misses; a 2-core
 * machine under a load average of about 8, so the figures are rough), the table by id of MovieLens's dense ids
 * answers 3 to 4 times faster and takes less memory:
 * <table>
 * <caption>nanoseconds per lookup, IdIndex / Long2IntOpenHashMap (memory of the lookup structure)</caption>
 * <tr><th>ids</th><th>IdIndex</th><th>fastutil 8.5.18</th></tr>
 * <tr><td>87,585 movie ids up to 292,757 (ml-32m)</td><td>2.1-2.5 (table, 1.2 MB)</td><td>8.0-9.1 (1.6 MB)</td></tr>
 * <tr><td>200,948 user ids 1..200,948 (ml-32m)</td><td>1.7-1.9 (table, 0.8 MB)</td><td>5.5-5.7 (6.3 MB)</td></tr>
 * <tr><td>200,948 ids spread over 0..2^40</td><td>220-330 (binary search, no extra memory)</td><td>6.0-6.7 (6.3 MB)</td></tr>
 * </table>
 * The map only wins where the ids are too sparse for the table: the binary search then costs 18 probes. Serving's
 * lookups are of movie ids (dense); the sparse case is training's user index once platform users (ids from
 * 1,000,000,000) have ratings, where {@code Ratings} looks up each rating's user once per snapshot: at most about
 * 10 s for ml-32m's 32 million ratings at the figure above, in a training run of most of an hour. Not worth a 6.6 MB
 * dependency in every application jar today; should it become worth it, the map belongs in place of the binary
 * search only, behind the table.
 */
public final class IdIndex {

    /**
     * Ids are looked up in a table by id when they are all non-negative and below the larger of
     * {@link #MIN_TABLE_LENGTH} and {@link #MAX_TABLE_LENGTH_PER_ID} times their number: a table of at most 32 bytes
     * per id.
     */
    private static final int MAX_TABLE_LENGTH_PER_ID = 8;
    private static final int MIN_TABLE_LENGTH = 1024;

    private final long[] ids;
    /**
     * {@code indexById[id]} is the index of {@code id}, -1 for an id not in the index: one array read instead of a
     * binary search (serving looks up every movie a user rated on every request). Null when the ids are not
     * non-negative and dense enough (MovieLens movie and user ids are); the binary search answers then.
     */
    private final int[] indexById;

    private IdIndex(long[] sortedDistinctIds) {
        this.ids = sortedDistinctIds;
        this.indexById = tableById(sortedDistinctIds);
    }

    private static int[] tableById(long[] sortedIds) {
        if (sortedIds.length == 0) {
            return null;
        }
        long largest = sortedIds[sortedIds.length - 1];
        long tableLimit = Math.max(MIN_TABLE_LENGTH, (long) MAX_TABLE_LENGTH_PER_ID * sortedIds.length);
        if (sortedIds[0] < 0 || largest >= tableLimit) {
            return null;
        }
        int[] table = new int[(int) largest + 1];
        Arrays.fill(table, -1);
        for (int i = 0; i < sortedIds.length; i++) {
            table[(int) sortedIds[i]] = i;
        }
        return table;
    }

    /** The index of the given ids, which may repeat and come in any order. */
    public static IdIndex of(long[] ids) {
        long[] sorted = Arrays.stream(ids).sorted().distinct().toArray();
        return new IdIndex(sorted);
    }

    /** An index read back from a saved model: the ids must be strictly ascending. */
    public static IdIndex fromSorted(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("ids must be strictly ascending; position " + i + " holds "
                        + ids[i] + " after " + ids[i - 1]);
            }
        }
        return new IdIndex(ids.clone());
    }

    public int size() {
        return ids.length;
    }

    /** The index of an id, or -1 when the id is not in this index. */
    public int indexOf(long id) {
        if (indexById != null) {
            return id >= 0 && id < indexById.length ? indexById[(int) id] : -1;
        }
        int at = Arrays.binarySearch(ids, id);
        return at >= 0 ? at : -1;
    }

    public long idAt(int index) {
        return ids[index];
    }

    /** A copy of the ids in index order. */
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdIndex index && Arrays.equals(ids, index.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }
}
