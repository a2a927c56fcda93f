package org.movierec.serving.recommendation;

import java.util.List;

/**
 * A top-N answer.
 *
 * @param strategy     {@code model} (the registered model scored the user's current ratings) or {@code cold-start}
 *                     (no ratings or no model: movies by damped mean rating)
 * @param modelName    the registered model used; null for cold start
 * @param modelVersion its version; null for cold start
 */
record Recommendations(long userId, String strategy, String modelName, Integer modelVersion, List<Item> items) {

    static final String MODEL = "model";
    static final String COLD_START = "cold-start";

    /** One recommended movie; {@code score} is the model's score (a predicted rating for rating models) or the damped mean. */
    record Item(int movieId, String title, Integer year, List<String> genres, float score, List<String> platforms) {

        static Item of(Movie movie, float score) {
            return new Item(movie.movieId(), movie.title(), movie.year(), movie.genres(), score, movie.platforms());
        }
    }
}
