package org.movierec.training.eval;

import java.util.AbstractList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.movierec.training.data.Ratings;

/**
 * A k-fold cross-validation over ratings: each rating goes to fold {@code hash(seed, user id, movie id) mod
 * folds}, so the folds are of about equal size, do not depend on the order of the rows, and a rating stays
 * in its fold from one weekly snapshot to the next (a champion trained on last week's training part has not
 * seen this week's test fold). Split {@code fold-j} tests on fold {@code j} and trains on the others, so the test
 * parts of the {@code k} splits partition the ratings. Unlike the hold-outs, a user may have all their
 * ratings in one fold and then no train ratings in that split; the evaluation scores them as a new user.
 *
 * <p>The returned list is unmodifiable and builds each split when it is asked for (only the fold of every
 * rating is kept), so evaluating the folds one after the other holds one split in memory at a time rather
 * than {@code k} copies of the ratings; asking twice gives equal splits.
 */
public final class KFoldSplitter implements Splitter {

    private final int folds;
    private final long seed;

    /**
     * @param folds at least 2
     * @param seed  drives the assignment to folds
     */
    public KFoldSplitter(int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        this.folds = folds;
        this.seed = seed;
    }

    @Override
    public List<Split> split(Ratings ratings) {
        if (ratings.size() < folds) {
            throw new IllegalArgumentException("folds (" + folds + ") exceeds the number of ratings (" + ratings.size()
                    + "); every fold needs at least one rating");
        }
        int[] foldOf = new int[ratings.size()];
        for (int row = 0; row < foldOf.length; row++) {
            long hash = RandomHoldoutSplitter.hash(seed, ratings.users().idAt(ratings.user(row)),
                    ratings.items().idAt(ratings.item(row)));
            foldOf[row] = (int) Math.floorMod(hash, (long) folds);
        }
        return new AbstractList<>() {
            @Override
            public Split get(int fold) {
                Objects.checkIndex(fold, folds);
                boolean[] inTest = new boolean[foldOf.length];
                for (int row = 0; row < foldOf.length; row++) {
                    inTest[row] = foldOf[row] == fold;
                }
                return UserRows.split("fold-" + (fold + 1), ratings, inTest);
            }

            @Override
            public int size() {
                return folds;
            }
        };
    }

    @Override
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("split_method", "kfold");
        params.put("split_folds", Integer.toString(folds));
        params.put("split_seed", Long.toString(seed));
        return Collections.unmodifiableMap(params);
    }
}
