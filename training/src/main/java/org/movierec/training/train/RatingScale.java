package org.movierec.training.train;

/** The MovieLens rating scale: predictions are clipped to it. */
final class RatingScale {

    static final float MIN = 0.5f;
    static final float MAX = 5.0f;

    private RatingScale() {
    }
}
