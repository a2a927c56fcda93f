package org.movierec.serving.recommendation;

import io.swagger.v3.oas.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of {@code GET /api/users/{id}/predictions/{movieId}}.
 *
 * @param prediction     the predicted rating ({@code model}) or the movie's damped mean ({@code damped-mean}); null
 *                       only when there is no rating at all to take a mean of
 * @param recommended    whether {@code prediction} is at least {@code likedThreshold}
 * @param strategy       {@code model} (the rating predictor served, or else the ranker when it predicts ratings,
 *                       knows the movie) or {@code damped-mean} (no model that predicts ratings, or a movie it does
 *                       not know)
 * @param modelName      the registered model used; null for {@code damped-mean}
 * @param modelVersion   its version; null for {@code damped-mean}
 * @param modelRole      the role of the version used, {@code predictor} or {@code ranker}; null for {@code damped-mean}
 * @param yourRating     the user's own rating of the movie, when they have rated it (the prediction is what the
 *                       model makes of their other ratings and this one)
 */
record Prediction(long userId, int movieId, String title, @Schema(types = {"integer", "null"}) Integer year,
                  @Schema(types = {"number", "null"}) Float prediction, boolean recommended, double likedThreshold,
                  String strategy, @Schema(types = {"string", "null"}) String modelName,
                  @Schema(types = {"integer", "null"}) Integer modelVersion,
                  @Schema(types = {"string", "null"}) String modelRole,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Float yourRating) {

    static final String MODEL = "model";
    static final String DAMPED_MEAN = "damped-mean";
}
