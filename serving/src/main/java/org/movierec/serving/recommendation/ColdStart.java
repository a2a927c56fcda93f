package org.movierec.serving.recommendation;

import java.util.Comparator;
import java.util.List;

/**
 * The cold-start ranking: rated movies by their number of liked ratings (at or above 3.5, counted by the
 * writers of {@code movie_rating_stats}), most first, ties by movie id, as the training's {@code popularity}
 * model ranks them. Beside it each movie's damped mean rating {@code (sum + m * mu) / (count + m)}, with
 * {@code mu} the mean of every rating: the prediction for a movie the rating predictor does not know.
 *
 * @param scores     the liked counts, in ranking order
 * @param means      the damped mean ratings, in ranking order
 * @param globalMean {@code mu}; NaN when there are no ratings
 */
record ColdStart(int[] ids, float[] scores, float[] means, float globalMean) {

    /** A rated movie's number, sum and number of liked ratings. */
    record Totals(int movieId, long count, double sum, long liked) {
    }

    static ColdStart rank(List<Totals> movies, double damping) {
        long count = 0;
        double sum = 0;
        for (Totals movie : movies) {
            count += movie.count();
            sum += movie.sum();
        }
        double mu = count == 0 ? Double.NaN : sum / count;
        List<Totals> best = movies.stream()
                .sorted(Comparator.comparingLong((Totals movie) -> -movie.liked()).thenComparingInt(Totals::movieId))
                .toList();
        int[] ids = new int[best.size()];
        float[] scores = new float[best.size()];
        float[] means = new float[best.size()];
        for (int rank = 0; rank < ids.length; rank++) {
            Totals movie = best.get(rank);
            ids[rank] = movie.movieId();
            scores[rank] = movie.liked();
            means[rank] = (float) ((movie.sum() + damping * mu) / (movie.count() + damping));
        }
        return new ColdStart(ids, scores, means, (float) mu);
    }
}
