package org.movierec.serving.recommendation;

import java.util.Comparator;
import java.util.List;

/**
 * The cold-start ranking: each rated movie's damped mean rating {@code (sum + m * mu) / (count + m)}, best first
 * (ties by movie id), with {@code mu} the mean of every rating.
 *
 * @param globalMean {@code mu}; NaN when there are no ratings
 */
record ColdStart(int[] ids, float[] scores, float globalMean) {

    /** A rated movie's number and sum of ratings. */
    record Totals(int movieId, long count, double sum) {
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
                .sorted(Comparator.comparingDouble((Totals movie) -> -damped(movie, mu, damping))
                        .thenComparingInt(Totals::movieId))
                .toList();
        int[] ids = new int[best.size()];
        float[] scores = new float[best.size()];
        for (int rank = 0; rank < ids.length; rank++) {
            ids[rank] = best.get(rank).movieId();
            scores[rank] = (float) damped(best.get(rank), mu, damping);
        }
        return new ColdStart(ids, scores, (float) mu);
    }

    private static double damped(Totals movie, double mu, double damping) {
        return (movie.sum() + damping * mu) / (movie.count() + damping);
    }
}
