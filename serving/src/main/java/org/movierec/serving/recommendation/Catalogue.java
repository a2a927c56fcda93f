package org.movierec.serving.recommendation;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;

/**
 * What top-N answers need in memory, read in one go and replaced as a whole: every movie with its platforms,
 * and the cold-start ranking ({@link ColdStart}).
 *
 * @param aligned the movies in the order of {@code alignedTo}'s items (null where the catalogue lacks one), so
 *                scoring needs no map look-up; null when no model was loaded at the time
 * @param readAt  when the read of the database began; {@link Instant#EPOCH} before the first read
 */
record Catalogue(Map<Integer, Movie> movies, ColdStart coldStart, Recommender alignedTo, Movie[] aligned, Instant readAt) {

    static Catalogue empty() {
        return new Catalogue(Map.of(), new ColdStart(new int[0], new float[0], new float[0], Float.NaN), null, null,
                Instant.EPOCH);
    }

    static Catalogue of(List<Movie> movies, ColdStart coldStart, Recommender model, Instant readAt) {
        Map<Integer, Movie> byId = new HashMap<>(movies.size() * 2);
        movies.forEach(movie -> byId.put(movie.movieId(), movie));
        Map<Integer, Movie> copy = Map.copyOf(byId);
        return new Catalogue(copy, coldStart, model, align(copy, model), readAt);
    }

    /** The same data aligned with another model. */
    Catalogue alignedWith(Recommender model) {
        return new Catalogue(movies, coldStart, model, align(movies, model), readAt);
    }

    private static Movie[] align(Map<Integer, Movie> byId, Recommender model) {
        if (model == null) {
            return null;
        }
        IdIndex items = model.items();
        Movie[] aligned = new Movie[items.size()];
        for (int i = 0; i < aligned.length; i++) {
            long id = items.idAt(i);
            aligned[i] = id > Integer.MAX_VALUE || id < Integer.MIN_VALUE ? null : byId.get((int) id);
        }
        return aligned;
    }

    /** The movie at item {@code index} of {@code model}; null when the catalogue has no such movie. */
    Movie movieAt(Recommender model, int index) {
        if (model == alignedTo && aligned != null) {
            return aligned[index];
        }
        long id = model.items().idAt(index);
        return id > Integer.MAX_VALUE || id < Integer.MIN_VALUE ? null : movies.get((int) id);
    }

    /**
     * The movie's damped mean rating; the global mean for a movie nobody rated (its damped mean with no ratings),
     * NaN when there are no ratings at all. A scan of the ranking: microseconds.
     */
    float dampedMean(int movieId) {
        int[] ids = coldStart.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == movieId) {
                return coldStart.means()[i];
            }
        }
        return coldStart.globalMean();
    }
}
