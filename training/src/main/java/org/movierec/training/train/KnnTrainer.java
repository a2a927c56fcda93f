package org.movierec.training.train;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.movierec.model.ItemKnnModel;
import org.movierec.model.Recommender;
import org.movierec.model.ScoreHeaps;
import org.movierec.training.data.Ratings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The item-neighbourhood rating predictors of {@link ItemKnnModel}. Both fit the bias baseline as
 * {@link BiasTrainer} fits it ({@code baseline_epochs}, {@code reg_item}, {@code reg_user}), then for each pair of
 * the {@code max_items} most rated items the Pearson correlation of their baseline residuals {@code r - mu - b_u -
 * b_i} over the users who rated both, shrunk towards zero by {@code (n - 1) / (n - 1 + shrinkage)} for {@code n}
 * such users (Surprise's {@code pearson_baseline}); each item keeps its {@code neighbours} most similar items with a
 * positive similarity. The pairs are counted user by user (each user's items pairwise), on all cores.
 *
 * <p>{@code knn} weighs the neighbours by those similarities. {@code knn-learned} learns a weight and an implicit
 * weight for each kept neighbour by stochastic gradient descent on the squared error of the training ratings
 * ({@code epochs}, {@code learning_rate}, {@code reg}; the users in a seeded random order, each user's ratings in
 * random order), the baseline fixed: on a validation cut of ml-latest-small's train part, RMSE 0.8397 against
 * {@code knn}'s 0.8546 and {@code mf}'s 0.8485.
 */
public final class KnnTrainer implements Trainer {

    private static final Logger log = LoggerFactory.getLogger(KnnTrainer.class);

    private final boolean learned;
    private final int neighbours;
    private final double shrinkage;
    private final int epochs;
    private final float learningRate;
    private final float reg;
    private final int baselineEpochs;
    private final double regItem;
    private final double regUser;
    private final int maxItems;
    private final long seed;
    private final Map<String, String> params;

    /** @param learned whether the neighbours' weights are learned ({@code knn-learned}) or similarities ({@code knn}) */
    public KnnTrainer(Map<String, String> overrides, boolean learned) {
        this.learned = learned;
        HyperParameters hp = HyperParameters.of(overrides);
        neighbours = hp.integer("neighbours", learned ? 100 : 300, 1, 10000);
        shrinkage = hp.real("shrinkage", 100, 0, 1e6);
        epochs = learned ? hp.integer("epochs", 50, 1, 1000) : 0;
        learningRate = learned ? (float) hp.real("learning_rate", 0.005, 1e-6, 1) : 0;
        reg = learned ? (float) hp.real("reg", 0.01, 0, 10) : 0;
        baselineEpochs = hp.integer("baseline_epochs", 10, 1, 1000);
        regItem = hp.real("reg_item", 10, 0, 1e6);
        regUser = hp.real("reg_user", 15, 0, 1e6);
        maxItems = hp.integer("max_items", 20_000, 2, 200_000);
        seed = learned ? hp.seed("seed", 42) : 0;
        params = hp.resolved(type());
    }

    @Override
    public String type() {
        return learned ? ItemKnnModel.LEARNED_TYPE : ItemKnnModel.TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public Recommender train(Ratings train, Ratings validation, EpochListener listener) {
        float mu = (float) train.meanRating();
        float[] itemBias = new float[train.items().size()];
        float[] userBias = new float[train.users().size()];
        for (int epoch = 1; epoch <= baselineEpochs; epoch++) {
            BiasTrainer.epoch(train, mu, userBias, itemBias, regItem, regUser);
        }
        Baseline baseline = new Baseline(mu, userBias, itemBias);
        Neighbours lists = neighbours(train, baseline);
        if (!learned) {
            return new ItemKnnModel(type(), train.items(), mu, itemBias, lists.rowStart(), lists.columns(),
                    lists.similarities(), null, (float) regUser, RatingScale.MIN, RatingScale.MAX);
        }
        Learned learning = new Learned(baseline, lists.rowStart(), lists.columns(), train.items().size());
        learn(train, validation, learning, listener);
        return new ItemKnnModel(type(), train.items(), mu, itemBias, lists.rowStart(), lists.columns(),
                learning.weights, learning.implicitWeights, (float) regUser, RatingScale.MIN, RatingScale.MAX);
    }

    /** Each item's neighbours, most similar first: row {@code i} of a compressed sparse row matrix. */
    private record Neighbours(int[] rowStart, int[] columns, float[] similarities) {
    }

    /** The {@code neighbours} most similar items of each of the {@code max_items} most rated ones (see above). */
    private Neighbours neighbours(Ratings train, Baseline baseline) {
        long started = System.nanoTime();
        int[] modelled = train.byItem().mostRated(maxItems, 2);
        Residuals residuals = new Residuals(train, modelled, baseline);
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
                log.info("{}: similarities of {} of {} items ({} %)", type(), finished, n, 100L * finished / n);
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
        log.info("{}: {} neighbours of {} items in {} ms", type(), columns.length, n,
                (System.nanoTime() - started) / 1_000_000);
        return new Neighbours(rowStart, columns, similarities);
    }

    /** The fitted baseline: {@code mu + b_u + b_i}. */
    private record Baseline(float mu, float[] userBias, float[] itemBias) {

        float residual(Ratings ratings, int row) {
            return ratings.rating(row) - mu - userBias[ratings.user(row)] - itemBias[ratings.item(row)];
        }
    }

    /**
     * The weights being learned, and one user's baseline residuals at a time (by item, NaN where the user rated
     * nothing), from which {@link #predict} sums over an item's rated neighbours.
     */
    private static final class Learned {
        final Baseline baseline;
        final int[] rowStart;
        final int[] columns;
        final float[] weights;
        final float[] implicitWeights;
        private final float[] residual;
        /** How many neighbours of the item last predicted the user rated. */
        private int rated;

        Learned(Baseline baseline, int[] rowStart, int[] columns, int items) {
            this.baseline = baseline;
            this.rowStart = rowStart;
            this.columns = columns;
            this.weights = new float[columns.length];
            this.implicitWeights = new float[columns.length];
            this.residual = new float[items];
            Arrays.fill(residual, Float.NaN);
        }

        /** Makes {@code rows} of {@code ratings} the current user's ratings ({@code on}) or forgets them again. */
        void user(Ratings ratings, int[] rows, boolean on) {
            for (int row : rows) {
                residual[ratings.item(row)] = on ? baseline.residual(ratings, row) : Float.NaN;
            }
        }

        float residual(int item) {
            return residual[item];
        }

        /** {@code |R|^-1/2 sum_j (w_ij r_uj + c_ij)} over the neighbours {@code R} of {@code i} the user rated. */
        float predict(int i) {
            float sum = 0;
            rated = 0;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                float r = residual[columns[e]];
                if (!Float.isNaN(r)) {
                    sum += weights[e] * r + implicitWeights[e];
                    rated++;
                }
            }
            return rated == 0 ? 0 : (float) (1 / Math.sqrt(rated)) * sum;
        }

        /** One gradient step on the weights of the item last predicted, whose error was {@code error}. */
        void step(int i, float error, float learningRate, float reg) {
            if (rated == 0) {
                return;
            }
            float scaled = (float) (1 / Math.sqrt(rated)) * error;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                float r = residual[columns[e]];
                if (!Float.isNaN(r)) {
                    weights[e] += learningRate * (scaled * r - reg * weights[e]);
                    implicitWeights[e] += learningRate * (scaled - reg * implicitWeights[e]);
                }
            }
        }
    }

    /**
     * Stochastic gradient descent on {@code sum (r_ui - b_ui - |R|^-1/2 sum_j (w_ij (r_uj - b_uj) + c_ij))^2 + reg
     * (|w|^2 + |c|^2)} over the training ratings, {@code j} running over the user's rated neighbours of {@code i}.
     */
    private void learn(Ratings train, Ratings validation, Learned learning, EpochListener listener) {
        SplittableRandom random = new SplittableRandom(seed);
        Ratings.ByUser byUser = train.byUser();
        Ratings.ByUser validationByUser = validation.byUser();
        int[] users = IntStream.range(0, train.users().size()).toArray();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long started = System.nanoTime();
            Shuffle.inPlace(users, random);
            double squaredError = 0;
            for (int u : users) {
                int[] rows = byUser.rows(u);
                learning.user(train, rows, true);
                Shuffle.inPlace(rows, random);
                for (int row : rows) {
                    int i = train.item(row);
                    float error = learning.residual(i) - learning.predict(i);
                    squaredError += error * error;
                    learning.step(i, error, learningRate, reg);
                }
                learning.user(train, rows, false);
            }
            double validationRmse = validation.size() == 0 ? Double.NaN
                    : rmse(train, byUser, validation, validationByUser, learning);
            double trainRmse = Math.sqrt(squaredError / Math.max(1, train.size()));
            log.info("{}: epoch {} of {}, train RMSE {}, validation RMSE {} ({} ms)", type(), epoch, epochs,
                    String.format("%.4f", trainRmse), String.format("%.4f", validationRmse),
                    (System.nanoTime() - started) / 1_000_000);
            listener.epochEnded(epoch, epochs, trainRmse, validationRmse);
        }
    }

    /** The RMSE of the validation ratings, each user's predicted from their training ratings (the learning curve). */
    private static double rmse(Ratings train, Ratings.ByUser byUser, Ratings validation, Ratings.ByUser validationByUser,
                               Learned learning) {
        Baseline baseline = learning.baseline;
        double squaredError = 0;
        for (int u = 0; u < Math.min(train.users().size(), validation.users().size()); u++) {
            int[] heldOut = validationByUser.rows(u);
            if (heldOut.length == 0) {
                continue;
            }
            int[] rows = byUser.rows(u);
            learning.user(train, rows, true);
            for (int row : heldOut) {
                int i = validation.item(row);
                float prediction = baseline.mu() + baseline.userBias()[u] + baseline.itemBias()[i] + learning.predict(i);
                double error = validation.rating(row) - Math.min(RatingScale.MAX, Math.max(RatingScale.MIN, prediction));
                squaredError += error * error;
            }
            learning.user(train, rows, false);
        }
        return Math.sqrt(squaredError / validation.size());
    }

    /** The baseline residuals of the modelled items' ratings, by user and by modelled item (compressed sparse rows). */
    private static final class Residuals {
        final int[] userStart;
        final int[] userItems;
        final float[] userResiduals;
        final int[] itemStart;
        final int[] itemUsers;
        final float[] itemResiduals;

        Residuals(Ratings train, int[] modelled, Baseline baseline) {
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
                    float residual = baseline.residual(train, row);
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
