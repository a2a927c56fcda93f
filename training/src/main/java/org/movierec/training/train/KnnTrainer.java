package org.movierec.training.train;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.movierec.model.ItemKnnModel;
import org.movierec.model.Recommender;
import org.movierec.model.ScoreHeaps;
import org.movierec.training.data.Ratings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The item-neighbourhood rating predictor {@link ItemKnnModel}: the bias baseline fitted as {@link BiasTrainer}
 * fits it ({@code epochs}, {@code reg_item}, {@code reg_user}), then for each pair of the {@code max_items} most
 * rated items the Pearson correlation of their baseline residuals {@code r - mu - b_u - b_i} over the users who
 * rated both, shrunk towards zero by {@code (n - 1) / (n - 1 + shrinkage)} for {@code n} such users (Surprise's
 * {@code pearson_baseline}); each item keeps its {@code neighbours} most similar items with a positive similarity.
 * The pairs are counted user by user (each user's items pairwise), on all cores.
 */
public final class KnnTrainer implements Trainer {

    private static final Logger log = LoggerFactory.getLogger(KnnTrainer.class);

    private final int neighbours;
    private final double shrinkage;
    private final int epochs;
    private final double regItem;
    private final double regUser;
    private final int maxItems;
    private final Map<String, String> params;

    public KnnTrainer(Map<String, String> overrides) {
        HyperParameters hp = HyperParameters.of(overrides);
        neighbours = hp.integer("neighbours", 300, 1, 10000);
        shrinkage = hp.real("shrinkage", 100, 0, 1e6);
        epochs = hp.integer("epochs", 10, 1, 1000);
        regItem = hp.real("reg_item", 10, 0, 1e6);
        regUser = hp.real("reg_user", 15, 0, 1e6);
        maxItems = hp.integer("max_items", 20_000, 2, 200_000);
        params = hp.resolved(type());
    }

    @Override
    public String type() {
        return ItemKnnModel.TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public Recommender train(Ratings train, Ratings validation, EpochListener listener) {
        long started = System.nanoTime();
        float mu = (float) train.meanRating();
        float[] itemBias = new float[train.items().size()];
        float[] userBias = new float[train.users().size()];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            BiasTrainer.epoch(train, mu, userBias, itemBias, regItem, regUser);
        }
        int[] modelled = train.byItem().mostRated(maxItems, 2);
        Residuals residuals = new Residuals(train, modelled, mu, userBias, itemBias);
        int n = modelled.length;
        int[] heapIndex = new int[Math.multiplyExact(n, neighbours)];
        float[] heapScore = new float[heapIndex.length];
        int[] heapSize = new int[n];
        AtomicInteger done = new AtomicInteger();
        ThreadLocal<Pairs> scratch = ThreadLocal.withInitial(() -> new Pairs(n));
        IntStream.range(0, n).parallel().forEach(a -> {
            heapSize[a] = scratch.get().neighbours(residuals, a, heapIndex, heapScore, a * neighbours);
            int finished = done.incrementAndGet();
            if (finished % Math.max(1, n / 10) == 0) {
                log.info("knn: similarities of {} of {} items ({} %)", finished, n, 100L * finished / n);
            }
        });
        int[] rowStart = new int[train.items().size() + 1];
        for (int a = 0; a < n; a++) {
            rowStart[modelled[a] + 1] = heapSize[a];
        }
        for (int i = 0; i < train.items().size(); i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] columns = new int[rowStart[rowStart.length - 1]];
        float[] similarities = new float[columns.length];
        for (int a = 0; a < n; a++) {
            int base = a * neighbours;
            ScoreHeaps.sortBestFirst(heapIndex, heapScore, base, heapSize[a]);
            int to = rowStart[modelled[a]];
            for (int e = 0; e < heapSize[a]; e++) {
                columns[to + e] = modelled[heapIndex[base + e]];
                similarities[to + e] = heapScore[base + e];
            }
        }
        log.info("knn: {} neighbours of {} items in {} ms", columns.length, n, (System.nanoTime() - started) / 1_000_000);
        return new ItemKnnModel(train.items(), mu, itemBias, rowStart, columns, similarities, (float) regUser,
                RatingScale.MIN, RatingScale.MAX);
    }

    /** The baseline residuals of the modelled items' ratings, by user and by modelled item (compressed sparse rows). */
    private static final class Residuals {
        final int[] userStart;
        final int[] userItems;
        final float[] userResiduals;
        final int[] itemStart;
        final int[] itemUsers;
        final float[] itemResiduals;

        Residuals(Ratings train, int[] modelled, float mu, float[] userBias, float[] itemBias) {
            int[] position = new int[train.items().size()];
            Arrays.fill(position, -1);
            for (int a = 0; a < modelled.length; a++) {
                position[modelled[a]] = a;
            }
            userStart = new int[train.users().size() + 1];
            itemStart = new int[modelled.length + 1];
            for (int row = 0; row < train.size(); row++) {
                int a = position[train.item(row)];
                if (a >= 0) {
                    userStart[train.user(row) + 1]++;
                    itemStart[a + 1]++;
                }
            }
            Arrays.parallelPrefix(userStart, Integer::sum);
            Arrays.parallelPrefix(itemStart, Integer::sum);
            int entries = itemStart[modelled.length];
            userItems = new int[entries];
            userResiduals = new float[entries];
            itemUsers = new int[entries];
            itemResiduals = new float[entries];
            int[] nextUser = userStart.clone();
            int[] nextItem = itemStart.clone();
            for (int row = 0; row < train.size(); row++) {
                int a = position[train.item(row)];
                if (a >= 0) {
                    int u = train.user(row);
                    float residual = train.rating(row) - mu - userBias[u] - itemBias[train.item(row)];
                    userItems[nextUser[u]] = a;
                    userResiduals[nextUser[u]++] = residual;
                    itemUsers[nextItem[a]] = u;
                    itemResiduals[nextItem[a]++] = residual;
                }
            }
        }
    }

    /** One thread's sums over the users two items share. */
    private final class Pairs {
        private final double[] products;
        private final double[] squaresA;
        private final double[] squaresB;
        private final int[] common;
        private final int[] touched;

        Pairs(int items) {
            products = new double[items];
            squaresA = new double[items];
            squaresB = new double[items];
            common = new int[items];
            touched = new int[items];
        }

        /** Offers item {@code a}'s shrunk positive similarities to the heap at {@code base}; returns its size. */
        int neighbours(Residuals residuals, int a, int[] heapIndex, float[] heapScore, int base) {
            int touchedCount = 0;
            for (int e = residuals.itemStart[a]; e < residuals.itemStart[a + 1]; e++) {
                int u = residuals.itemUsers[e];
                double ea = residuals.itemResiduals[e];
                for (int f = residuals.userStart[u]; f < residuals.userStart[u + 1]; f++) {
                    int b = residuals.userItems[f];
                    double eb = residuals.userResiduals[f];
                    if (common[b]++ == 0) {
                        touched[touchedCount++] = b;
                    }
                    products[b] += ea * eb;
                    squaresA[b] += ea * ea;
                    squaresB[b] += eb * eb;
                }
            }
            int size = 0;
            for (int t = 0; t < touchedCount; t++) {
                int b = touched[t];
                int n = common[b];
                if (b != a && n >= 2 && squaresA[b] > 0 && squaresB[b] > 0) {
                    float similarity = (float) (products[b] / Math.sqrt(squaresA[b] * squaresB[b])
                            * (n - 1) / (n - 1 + shrinkage));
                    if (similarity > 0) {
                        size = ScoreHeaps.offer(heapIndex, heapScore, base, size, neighbours, b, similarity);
                    }
                }
                products[b] = 0;
                squaresA[b] = 0;
                squaresB[b] = 0;
                common[b] = 0;
            }
            return size;
        }
    }
}
