package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The damped-popularity baseline: every user gets the same scores, each item's damped mean rating
 * {@code (sum of its ratings + damping * global mean) / (count + damping)}, so a title needs many good
 * ratings to rank high. This is also the cold-start answer for users with no ratings.
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
