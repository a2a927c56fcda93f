package org.movierec.serving.recommendation;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The answer of the similar-title endpoints.
 *
 * @param movie        the movie asked about
 * @param modelName    the registered model whose content index and item vectors answered; null while none is loaded
 * @param modelVersion its version
 * @param byContent    the most similar titles by content (genres, tags, IMDb people and director), most similar
 *                     first; null when the model served has no content index
 * @param byModel      the most similar titles by what the model learned, most similar first: the cosine of a factor
 *                     model's item vectors (-1 to 1), or an EASE model's item-item weight (how much having rated the
 *                     movie lifts the title's score); null when the model served has neither
 * @param byModelMeasure {@code cosine} or {@code ease-weight}: what {@code byModel}'s similarities are; null with it
 */
record SimilarTitles(MovieRef movie, @Schema(types = {"string", "null"}) String modelName,
                     @Schema(types = {"integer", "null"}) Integer modelVersion,
                     @Schema(types = {"array", "null"}) List<Item> byContent,
                     @Schema(types = {"array", "null"}) List<Item> byModel,
                     @Schema(types = {"string", "null"}) String byModelMeasure) {

    /** A movie named by id, title and year. */
    record MovieRef(int movieId, String title, @Schema(types = {"integer", "null"}) Integer year) {
    }

    /** A similar title and its similarity to the movie asked about (cosine by content, 0 to 1; by model, as said). */
    record Item(int movieId, String title, @Schema(types = {"integer", "null"}) Integer year, List<String> genres,
                float similarity) {

        static Item of(Movie movie, float similarity) {
            return new Item(movie.movieId(), movie.title(), movie.year(), movie.genres(), similarity);
        }
    }
}
