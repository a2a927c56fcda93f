package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The popularity baseline: every user gets the same scores, each item's number of liked ratings (at or above
 * 3.5), optionally decayed with their age. Serving's cold-start ranking for users with no ratings counts the
 * same way.
 */
public final class PopularityModel implements Recommender {

    public static final String TYPE = "popularity";
    private static final String SCORES = "scores.f32";

    private final IdIndex items;
    private final float[] scores;

    public PopularityModel(IdIndex items, float[] scores) {
        if (scores.length != items.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + scores.length + " scores");
        }
        Checks.finite(scores, "popularity scores");
        this.items = items;
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
    public String type() {
        return TYPE;
    }

    @Override
    public IdIndex items() {
        return items;
    }

    @Override
    public boolean predictsRatings() {
        return false;
    }

    @Override
    public float[] score(UserRatings user) {
        return scores.clone();
    }
}
