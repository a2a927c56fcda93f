package org.movierec.model;

/**
 * What the saved models share: their type, their items and whether they predict ratings, kept once here, and
 * {@link #score(UserRatings)} as a new array filled by {@link #score(UserRatings, float[])}, which each model
 * writes. (The interface's own default goes the other way, copying a new array into the buffer, for a
 * {@link Recommender} that only allocates.)
 */
abstract class AbstractRecommender implements Recommender {

    private final String type;
    private final IdIndex items;
    private final boolean predictsRatings;

    AbstractRecommender(String type, IdIndex items, boolean predictsRatings) {
        this.type = type;
        this.items = items;
        this.predictsRatings = predictsRatings;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final IdIndex items() {
        return items;
    }

    @Override
    public final boolean predictsRatings() {
        return predictsRatings;
    }

    @Override
    public float[] score(UserRatings user) {
        float[] scores = new float[items.size()];
        score(user, scores);
        return scores;
    }

    @Override
    public abstract void score(UserRatings user, float[] scores);
}
