package org.movierec.serving.rating;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** A user's rating of a movie, with the movie's title and year, and when it was last written. */
record RatingResponse(long userId, int movieId, String title, @Schema(types = {"integer", "null"}) Integer year,
                      double rating, Instant ratedAt) {
}
