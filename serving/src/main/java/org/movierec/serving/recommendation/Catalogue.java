package org.movierec.serving.recommendation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;

/**
 * What top-N answers need in memory, read in one go and replaced as a whole: every movie with its platforms,
 * and the cold-start ranking (movie ids by damped mean rating, best first).
 *
 * @param aligned the movies in the order of {@code alignedTo}'s items (null where the catalogue lacks one), so
 *                scoring needs no map look-up; null when no model was loaded at the time
 */
record Catalogue(Map<Integer, Movie> movies, int[] coldStartIds, float[] coldStartScores, Recommender alignedTo,
                 Movie[] aligned) {

    static Catalogue empty() {
        return new Catalogue(Map.of(), new int[0], new float[0], null, null);
    }

    static Catalogue of(List<Movie> movies, int[] coldStartIds, float[] coldStartScores, Recommender model) {
        Map<Integer, Movie> byId = new HashMap<>(movies.size() * 2);
        movies.forEach(movie -> byId.put(movie.movieId(), movie));
        Movie[] aligned = null;
        if (model != null) {
            IdIndex items = model.items();
            aligned = new Movie[items.size()];
            for (int i = 0; i < aligned.length; i++) {
                long id = items.idAt(i);
                aligned[i] = id > Integer.MAX_VALUE || id < Integer.MIN_VALUE ? null : byId.get((int) id);
            }
        }
        return new Catalogue(Map.copyOf(byId), coldStartIds, coldStartScores, model, aligned);
    }

    /** The movie at item {@code index} of {@code model}; null when the catalogue has no such movie. */
    Movie movieAt(Recommender model, int index) {
        if (model == alignedTo && aligned != null) {
            return aligned[index];
        }
        long id = model.items().idAt(index);
        return id > Integer.MAX_VALUE || id < Integer.MIN_VALUE ? null : movies.get((int) id);
    }
}
