package org.movierec.model;

import java.util.Arrays;

/**
 * A bijection between external ids (movie ids, user ids) and dense indices {@code 0..size-1}, the
 * rows and columns of a model's matrices. Indices follow the ascending order of the ids, so the same
 * set of ids always gives the same indices.
 */
public final class IdIndex {

    private final long[] ids;

    private IdIndex(long[] sortedDistinctIds) {
        this.ids = sortedDistinctIds;
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
