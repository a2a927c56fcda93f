package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The popularity baseline: every user gets the same scores, each item's number of liked ratings (at or above
 * 3.5), optionally decayed with their age. Serving's cold-start ranking for users with no ratings counts the
 * same way.
 */
public final class PopularityModel extends AbstractRecommender {

    public static final String TYPE = "popularity";
    private static final String SCORES = "scores.f32";

    private final float[] scores;

    public PopularityModel(IdIndex items, float[] scores) {
        super(TYPE, items, false);
        if (scores.length != items.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + scores.length + " scores");
        }
        Checks.finite(scores, "popularity scores");
        this.scores = scores;
    }

    static PopularityModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        return new PopularityModel(items, ArrayFiles.readFloats(dir.resolve(SCORES)));
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        ArrayFiles.writeFloats(dir.resolve(SCORES), scores);
    }

    @Override
    public void score(UserRatings user, float[] scores) {
        System.arraycopy(this.scores, 0, scores, 0, scores.length);
    }
}
