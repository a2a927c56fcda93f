package org.movierec.serving.recommendation;

import java.util.List;

/**
 * The answer of the similar-title endpoints.
 *
 * @param movie        the movie asked about
 * @param modelName    the registered model whose content index and item vectors answered; null while none is loaded
 * @param modelVersion its version
 * @param byContent    the most similar titles by content (genres, tags, IMDb people and director), most similar
 *                     first; null when the model served has no content index
 * @param byModel      the most similar titles by the cosine of the model's learned item vectors; null when the model
 *                     served has no item vectors
 */
record SimilarTitles(MovieRef movie, String modelName, Integer modelVersion, List<Item> byContent,
                     List<Item> byModel) {

    /** A movie named by id, title and year. */
    record MovieRef(int movieId, String title, Integer year) {
    }

    /** A similar title and its cosine similarity to the movie asked about (0 to 1 by content, -1 to 1 by model). */
    record Item(int movieId, String title, Integer year, List<String> genres, float similarity) {

        static Item of(Movie movie, float similarity) {
            return new Item(movie.movieId(), movie.title(), movie.year(), movie.genres(), similarity);
        }
    }
}
