package org.movierec.serving.recommendation;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import org.movierec.serving.model.LoadedModel;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A top-N answer.
 *
 * @param strategy     {@code model} (the registered model scored the user's current ratings), {@code cold-start}
 *                     (no ratings or no model: movies by damped mean rating) or, for titles similar to a movie,
 *                     {@code similarity} (no ratings or no model to rank them for the user: most similar first)
 * @param modelName    the registered model used; null for cold start
 * @param modelVersion its version; null for cold start
 * @param requested    the {@code n} asked for; {@code items} holds fewer when fewer titles pass the filters
 * @param similarTo    the movie the titles are similar to; absent for a plain top-N
 */
record Recommendations(long userId, String strategy, @Schema(types = {"string", "null"}) String modelName,
                       @Schema(types = {"integer", "null"}) Integer modelVersion, int requested,
                       @JsonInclude(JsonInclude.Include.NON_NULL) SimilarTitles.MovieRef similarTo, List<Item> items) {

    static final String MODEL = "model";
    static final String COLD_START = "cold-start";
    static final String SIMILARITY = "similarity";

    /** A plain top-N of the model served (strategy {@code model}). */
    static Recommendations ofModel(long userId, LoadedModel model, int requested, List<Item> items) {
        return new Recommendations(userId, MODEL, model.name(), model.version(), requested, null, items);
    }

    /**
     * One recommended movie; {@code score} is the model's score (a predicted rating for rating models), the damped
     * mean, or (strategy {@code similarity}) the similarity; {@code similarity}, only for titles similar to a movie,
     * is the larger of its content and item-vector cosines to that movie. {@code fallback}, only on titles the
     * model cannot score that fill an answer after the scored ones, names the ranking they come from
     * ({@code cold-start}: their score is the damped mean).
     */
    record Item(int movieId, String title, @Schema(types = {"integer", "null"}) Integer year, List<String> genres,
                float score, @JsonInclude(JsonInclude.Include.NON_NULL) Float similarity, List<String> platforms,
                @JsonInclude(JsonInclude.Include.NON_NULL) String fallback) {

        static Item of(Movie movie, float score) {
            return new Item(movie.movieId(), movie.title(), movie.year(), movie.genres(), score, null,
                    movie.platforms(), null);
        }

        static Item of(Movie movie, float score, float similarity) {
            return new Item(movie.movieId(), movie.title(), movie.year(), movie.genres(), score, similarity,
                    movie.platforms(), null);
        }

        static Item fallback(Movie movie, float score, String ranking) {
            return new Item(movie.movieId(), movie.title(), movie.year(), movie.genres(), score, null,
                    movie.platforms(), ranking);
        }
    }
}
