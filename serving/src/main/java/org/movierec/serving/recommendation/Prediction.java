package org.movierec.serving.recommendation;

/**
 * The answer of {@code GET /api/users/{id}/predictions/{movieId}}.
 *
 * @param prediction     the predicted rating ({@code model}) or the movie's damped mean ({@code damped-mean}); null
 *                       only when there is no rating at all to take a mean of
 * @param recommended    whether {@code prediction} is at least {@code likedThreshold}
 * @param strategy       {@code model} (the served model predicts ratings and knows the movie) or {@code damped-mean}
 *                       (no model, a model that only ranks, or a movie the model does not know)
 * @param modelName      the registered model used; null for {@code damped-mean}
 * @param modelVersion   its version; null for {@code damped-mean}
 */
record Prediction(long userId, int movieId, String title, Integer year, Float prediction, boolean recommended,
                  double likedThreshold, String strategy, String modelName, Integer modelVersion) {

    static final String MODEL = "model";
    static final String DAMPED_MEAN = "damped-mean";
}
