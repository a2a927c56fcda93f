package org.movierec.serving.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One movie of the catalog.
 *
 * @param ratings    the number of ratings of the movie (0 when none), as of the last catalogue read
 * @param meanRating their mean, null when the movie has no ratings
 * @param imdbId     the IMDb id ({@code tt} and 7 digits), null when unknown
 * @param tmdbId     the TMDB id, null when unknown
 */
public record MovieDetails(int movieId, String title, @Schema(types = {"integer", "null"}) Integer year,
                           List<String> genres, List<String> platforms, int ratings,
                           @Schema(types = {"number", "null"}) Float meanRating,
                           @Schema(types = {"string", "null"}) String imdbId,
                           @Schema(types = {"integer", "null"}) Integer tmdbId) {
}
