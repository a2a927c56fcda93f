package org.movierec.training.eval;

import java.util.List;
import java.util.Map;
import org.movierec.training.data.Ratings;

/**
 * A way of dividing ratings into train and test parts for offline evaluation. Every split it returns has
 * train and test parts that never share a (user, item) pair and together hold every rating exactly once.
 * The same ratings and the same parameters (seed included) always give the same splits.
 */
public interface Splitter {

    /** The splits: one for a hold-out, {@code k} for a k-fold cross-validation. */
    List<Split> split(Ratings ratings);

    /**
     * What identifies the splitting (method, fraction or folds, seed), as logged to MLflow as run
     * parameters; keys start with {@code split_}.
     */
    Map<String, String> params();
}
