package org.movierec.training.eval;

import java.util.AbstractList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.movierec.training.data.Ratings;

/**
 * A k-fold cross-validation over ratings: all ratings (ordered by user, then item) are shuffled with a
 * {@link Random} seeded with {@code seed} and dealt round-robin into {@code folds} folds, whose sizes thus
 * differ by at most one. Split {@code fold-j} tests on fold {@code j} and trains on the others, so the test
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
     * @param seed  drives the shuffle
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
        int[] order = UserRows.of(ratings).all();
        Random random = new Random(seed);
        for (int k = order.length - 1; k > 0; k--) {
            int pick = random.nextInt(k + 1);
            int swap = order[pick];
            order[pick] = order[k];
            order[k] = swap;
        }
        int[] foldOf = new int[ratings.size()];
        for (int position = 0; position < order.length; position++) {
            foldOf[order[position]] = position % folds;
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
