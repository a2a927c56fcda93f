package org.movierec.serving.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A movie as the search lists it.
 *
 * @param ratings    the number of ratings of the movie (0 when none), as of the last catalogue read
 * @param meanRating their mean, null when the movie has no ratings
 * @param platforms  the streaming services offering it (amazon, disney, hulu, netflix)
 */
public record MovieSummary(int movieId, String title, @Schema(types = {"integer", "null"}) Integer year,
                           List<String> genres, List<String> platforms, int ratings,
                           @Schema(types = {"number", "null"}) Float meanRating) {
}
