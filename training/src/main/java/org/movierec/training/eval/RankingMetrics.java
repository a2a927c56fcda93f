package org.movierec.training.eval;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;

/**
 * Metrics of one user's top-N list, computed from its hit vector: {@code hits[p]} tells whether the item
 * at rank {@code p + 1} is relevant (a test item the user liked). A list may be shorter than {@code K}
 * (few items left to recommend); the missing positions count as misses. {@code relevant} is the number of
 * the user's relevant items, at least 1: users without any are left out of top-N averages.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Which ranked items are in {@code relevant} (item indices, any order). */
    public static boolean[] hits(int[] ranked, int[] relevant) {
        int[] sorted = relevant.clone();
        Arrays.sort(sorted);
        boolean[] hits = new boolean[ranked.length];
        for (int p = 0; p < ranked.length; p++) {
            hits[p] = Arrays.binarySearch(sorted, ranked[p]) >= 0;
        }
        return hits;
    }

    /** Precision@K: hits among the first {@code K} positions, divided by {@code K}. */
    public static double precisionAtK(boolean[] hits, int k) {
        checkK(k);
        return (double) hitCount(hits, k) / k;
    }

    /** Recall@K: hits among the first {@code K} positions, divided by the number of relevant items. */
    public static double recallAtK(boolean[] hits, int k, int relevant) {
        checkK(k);
        checkRelevant(relevant);
        return (double) hitCount(hits, k) / relevant;
    }

    /**
     * NDCG@K with binary gains: {@code DCG = sum over hit positions p <= K of 1 / log2(p + 1)} (p 1-based),
     * divided by the ideal {@code sum over p = 1 .. min(K, relevant) of 1 / log2(p + 1)}.
     */
    public static double ndcgAtK(boolean[] hits, int k, int relevant) {
        checkK(k);
        checkRelevant(relevant);
        double dcg = 0;
        for (int p = 0; p < Math.min(k, hits.length); p++) {
            if (hits[p]) {
                dcg += discount(p);
            }
        }
        double ideal = 0;
        for (int p = 0; p < Math.min(k, relevant); p++) {
            ideal += discount(p);
        }
        return dcg / ideal;
    }

    /**
     * AP@K (whose mean over users is MAP@K): the sum, over hit positions {@code p <= K}, of the precision at
     * {@code p} (hits in the first {@code p} positions over {@code p}), divided by {@code min(K, relevant)}.
     */
    public static double averagePrecisionAtK(boolean[] hits, int k, int relevant) {
        checkK(k);
        checkRelevant(relevant);
        double sum = 0;
        int hitsSoFar = 0;
        for (int p = 0; p < Math.min(k, hits.length); p++) {
            if (hits[p]) {
                hitsSoFar++;
                sum += (double) hitsSoFar / (p + 1);
            }
        }
        return sum / Math.min(k, relevant);
    }

    /** Hit@K: 1 when at least one of the first {@code K} positions is a hit, else 0 (its mean is the hit rate). */
    public static double hitAtK(boolean[] hits, int k) {
        checkK(k);
        return hitCount(hits, k) > 0 ? 1 : 0;
    }

    /**
     * Catalogue coverage@K: the number of distinct items among the first {@code K} of all the lists,
     * divided by the catalogue size; 0 when there are no lists.
     *
     * @param lists         ranked item indices, each in {@code 0 .. catalogueSize - 1}
     * @param catalogueSize at least 1
     */
    public static double coverage(Collection<int[]> lists, int k, int catalogueSize) {
        checkK(k);
        if (catalogueSize < 1) {
            throw new IllegalArgumentException("catalogueSize must be at least 1, got " + catalogueSize);
        }
        BitSet seen = new BitSet(catalogueSize);
        for (int[] list : lists) {
            for (int p = 0; p < Math.min(k, list.length); p++) {
                if (list[p] < 0 || list[p] >= catalogueSize) {
                    throw new IllegalArgumentException("item index " + list[p] + " outside the catalogue of "
                            + catalogueSize + " items");
                }
                seen.set(list[p]);
            }
        }
        return (double) seen.cardinality() / catalogueSize;
    }

    private static double discount(int position) {
        return 1 / (Math.log(position + 2) / Math.log(2));
    }

    private static int hitCount(boolean[] hits, int k) {
        int count = 0;
        for (int p = 0; p < Math.min(k, hits.length); p++) {
            if (hits[p]) {
                count++;
            }
        }
        return count;
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + k);
        }
    }

    private static void checkRelevant(int relevant) {
        if (relevant < 1) {
            throw new IllegalArgumentException("relevant must be at least 1 (users without relevant items are "
                    + "left out of top-N metrics), got " + relevant);
        }
    }
}
