package org.movierec.training.eval;

import java.util.Objects;
import org.movierec.training.data.Ratings;

/**
 * One train/test split of a rating set: the model learns from {@code train} and is judged on {@code test}.
 * Both parts keep the user and item indices of the whole, so a user's train ratings are the profile that
 * is scored and their test ratings are what the scores are compared with.
 *
 * @param name  what the split is called in logs and file names, for example {@code holdout} or {@code fold-2}
 * @param train the ratings a model learns from
 * @param test  the held-out ratings; no (user, item) pair of them is in {@code train}
 */
public record Split(String name, Ratings train, Ratings test) {

    public Split {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (name.isBlank()) {
            throw new IllegalArgumentException("split name must not be blank");
        }
        if (!train.users().equals(test.users()) || !train.items().equals(test.items())) {
            throw new IllegalArgumentException("split '" + name
                    + "': train and test must share the user and item indices of the whole rating set");
        }
    }
}
