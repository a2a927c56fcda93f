package org.movierec.serving.recommendation;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The cold-start ranking: each rated movie's damped mean rating {@code (sum + m * mu) / (count + m)}, best first
 * (ties by movie id), with {@code mu} the mean of every rating.
 *
 * @param globalMean {@code mu}; NaN when there are no ratings
 */
record ColdStart(int[] ids, float[] scores, float globalMean) {

    /**
     * @param counts each rated movie's {@code {movieId, number of ratings}}
     * @param sums   the sum of its ratings, in the same order
     */
    static ColdStart rank(List<long[]> counts, List<Double> sums, double damping) {
        long total = 0;
        double sum = 0;
        for (int i = 0; i < counts.size(); i++) {
            total += counts.get(i)[1];
            sum += sums.get(i);
        }
        double mu = total == 0 ? Double.NaN : sum / total;
        double[] damped = new double[counts.size()];
        for (int i = 0; i < damped.length; i++) {
            damped[i] = (sums.get(i) + damping * mu) / (counts.get(i)[1] + damping);
        }
        int[] order = IntStream.range(0, damped.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -damped[i]).thenComparingLong(i -> counts.get(i)[0]))
                .mapToInt(Integer::intValue).toArray();
        int[] ids = new int[order.length];
        float[] scores = new float[order.length];
        for (int rank = 0; rank < order.length; rank++) {
            ids[rank] = (int) counts.get(order[rank])[0];
            scores[rank] = (float) damped[order[rank]];
        }
        return new ColdStart(ids, scores, (float) mu);
    }
}
