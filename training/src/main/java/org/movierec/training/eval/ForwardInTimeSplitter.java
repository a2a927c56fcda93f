package org.movierec.training.eval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.movierec.training.data.Ratings;

/**
 * A forward-in-time split at one moment: train holds every rating made at or before {@code cutoff} (what a
 * model trained on the snapshot of that moment saw), test every rating made after it (what real users did
 * since). Scoring a model trained at {@code cutoff} on this test part is how it does for real users now.
 */
public final class ForwardInTimeSplitter implements Splitter {

    public static final String NAME = "forward";

    private final Instant cutoff;

    public ForwardInTimeSplitter(Instant cutoff) {
        this.cutoff = cutoff;
    }

    @Override
    public List<Split> split(Ratings ratings) {
        long last = cutoff.getEpochSecond();
        boolean[] inTest = new boolean[ratings.size()];
        for (int row = 0; row < inTest.length; row++) {
            inTest[row] = ratings.time(row) > last;
        }
        return List.of(UserRows.split(NAME, ratings, inTest));
    }

    @Override
    public Map<String, String> params() {
        return Map.of("split_method", NAME, "split_cutoff", cutoff.toString());
    }
}
