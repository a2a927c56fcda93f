package org.movierec.training.train;

import java.util.Arrays;
import java.util.Map;
import org.movierec.model.EaseModel;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EASE in closed form with ND4J: {@code B} minimises {@code ||X - X B||^2 + lambda ||B||^2} with a zero diagonal,
 * so {@code B[i][j] = -P[i][j] / P[j][j]} with {@code P = (X'X + lambda I)^-1}. {@code X} is the user x item matrix
 * of the ratings, each rating {@code r} entered as {@code (r / 5)^rating_power}: with {@code rating_power} 0 every
 * rating weighs 1 (the binary matrix of plain EASE), with 1 (the default) a 5-star rating weighs twice a 2.5-star
 * one, in the input as in the target, so a title watched and disliked still says something of taste and a title
 * loved says more. {@link EaseModel} weighs a user's ratings the same way when it scores.
 *
 * <p>Chosen on validation cuts of train parts, never a test part (per-user 80/20 cuts of the train part of
 * ml-latest-small's 80/20 hold-out, three, and of a denser cut of it shaped like ml-100k, five; see
 * docs/benchmarks.md), power 1 lifted NDCG@10 by about 4% over the binary input with the disliked ratings weighing
 * 0.5 in the target alone (the former default) and by 1 to 1.5% over liked 1 and disliked 0.5 in both; powers from
 * 0.5 to 3 did no better.
 *
 * <p>Memory and time grow with the square and the cube of the number of modelled items, so only the
 * {@code max_items} most rated items with at least {@code min_item_ratings} ratings are modelled (20,000
 * items: a 1.6 GB float Gram matrix, twice that while inverting in place, and minutes of inversion on two
 * cores). The Gram matrix is accumulated
 * from each user's sparse ratings, never from a dense user x item matrix. The model keeps at most
 * {@code max_weights} weights (25 million by default: 200 MB in serving), each row its largest: up to about 5,000
 * modelled items nothing is cut and the scores are the dense solution's; at 20,000 items each row keeps 1,250.
 * The cut drops the smallest weights, negative ones first; how much of the rows' absolute weight it keeps is
 * logged ({@code kept_weight_share}). On ml-latest-small's validation cut, rows cut to 200 weights cost 2.5% of
 * NDCG@10, to 500 0.7%, to 1,000 nothing measurable.
 */
public final class EaseTrainer implements Trainer {

    private static final Logger log = LoggerFactory.getLogger(EaseTrainer.class);

    private final double lambda;
    private final double ratingPower;
    private final int maxItems;
    private final int minItemRatings;
    private final long maxWeights;
    private final Map<String, String> params;

    public EaseTrainer(Map<String, String> overrides) {
        HyperParameters hp = HyperParameters.of(overrides);
        lambda = hp.real("lambda", 150, 1e-3, 1e7);
        ratingPower = hp.real("rating_power", 1, 0, 4);
        maxItems = hp.integer("max_items", 20_000, 1, 40_000);
        minItemRatings = hp.integer("min_item_ratings", 3, 1, 1_000_000);
        maxWeights = hp.integer("max_weights", 25_000_000, 1, 2_000_000_000);
        params = hp.resolved(type());
    }

    @Override
    public String type() {
        return EaseModel.TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public Recommender train(Ratings train, Ratings validation, EpochListener listener) {
        long started = System.nanoTime();
        int[] modelled = train.byItem().mostRated(maxItems, minItemRatings);
        int n = modelled.length;
        int[] position = new int[train.items().size()];
        Arrays.fill(position, -1);
        for (int k = 0; k < n; k++) {
            position[modelled[k]] = k;
        }
        INDArray g = Nd4j.create(gram(train, position, n), new long[] {n, n}, 'c');
        log.info("EASE: Gram matrix of {} items built in {} ms; inverting", n, (System.nanoTime() - started) / 1_000_000);
        for (int k = 0; k < n; k++) {
            g.putScalar(k, k, g.getDouble(k, k) + lambda);
        }
        INDArray p = SpdInverse.invert(g);
        g.close();
        log.info("EASE: inverted in {} ms", (System.nanoTime() - started) / 1_000_000);
        return sparsify(train, p, modelled);
    }

    /**
     * {@code X'X} over the modelled items, each rating weighing {@link EaseModel#inputWeight}: for every pair of a
     * user's ratings the product of their weights. Accumulated user by user from their sparse ratings.
     */
    private float[] gram(Ratings train, int[] position, int n) {
        float[] gram = new float[Math.multiplyExact(n, n)];
        Ratings.ByUser byUser = train.byUser();
        int[] mine = new int[0];
        float[] x = new float[0];
        for (int u = 0; u < train.users().size(); u++) {
            int[] rows = byUser.rows(u);
            if (mine.length < rows.length) {
                mine = new int[rows.length];
                x = new float[rows.length];
            }
            int m = 0;
            for (int row : rows) {
                int at = position[train.item(row)];
                if (at >= 0) {
                    x[m] = EaseModel.inputWeight(train.rating(row), ratingPower);
                    mine[m++] = at;
                }
            }
            for (int a = 0; a < m; a++) {
                int offset = mine[a] * n;
                for (int b = 0; b < m; b++) {
                    gram[offset + mine[b]] += x[a] * x[b];
                }
            }
        }
        return gram;
    }

    /**
     * The positions of the {@code k} largest values, ascending: a min-heap of the best so far, so a value
     * below the heap's root costs one comparison.
     */
    static int[] largest(double[] values, int k) {
        int[] heap = new int[k];
        int size = 0;
        for (int j = 0; j < values.length && k > 0; j++) {
            if (size < k) {
                heap[size] = j;
                siftUp(heap, size++, values);
            } else if (values[j] > values[heap[0]]) {
                heap[0] = j;
                siftDown(heap, size, values);
            }
        }
        int[] result = Arrays.copyOf(heap, size);
        Arrays.sort(result);
        return result;
    }

    private static void siftUp(int[] heap, int at, double[] values) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (values[heap[parent]] <= values[heap[at]]) {
                return;
            }
            int swap = heap[parent];
            heap[parent] = heap[at];
            heap[at] = swap;
            at = parent;
        }
    }

    private static void siftDown(int[] heap, int size, double[] values) {
        int at = 0;
        while (true) {
            int smallest = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (values[heap[child]] < values[heap[smallest]]) {
                    smallest = child;
                }
            }
            if (smallest == at) {
                return;
            }
            int swap = heap[smallest];
            heap[smallest] = heap[at];
            heap[at] = swap;
            at = smallest;
        }
    }

    /**
     * {@code B[i][j] = -P[i][j] / P[j][j]} off the diagonal, keeping the largest {@code max_weights / n} of each row.
     */
    private EaseModel sparsify(Ratings train, INDArray p, int[] modelled) {
        int n = modelled.length;
        double[] diagonal = new double[n];
        for (int k = 0; k < n; k++) {
            diagonal[k] = p.getDouble(k, k);
        }
        int keep = (int) Math.min(maxWeights / Math.max(1, n), Math.max(0, n - 1));
        int[] rowStart = new int[train.items().size() + 1];
        int[] columns = new int[Math.multiplyExact(n, keep)];
        float[] weights = new float[n * keep];
        int entries = 0;
        int next = 0;
        double total = 0;
        double kept = 0;
        for (int item = 0; item < train.items().size(); item++) {
            rowStart[item] = entries;
            if (next < n && modelled[next] == item) {
                double[] row = p.getRow(next).toDoubleVector();
                double[] w = new double[n];
                for (int j = 0; j < n; j++) {
                    if (j == next) {
                        w[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    w[j] = -row[j] / diagonal[j];
                    total += Math.abs(w[j]);
                }
                for (int j : largest(w, keep)) {
                    columns[entries] = modelled[j];
                    weights[entries++] = (float) w[j];
                    kept += Math.abs(w[j]);
                }
                next++;
            }
        }
        rowStart[train.items().size()] = entries;
        log.info("EASE: {} weights kept ({} a row), {} of the rows' absolute weight (kept_weight_share)", entries, keep,
                String.format("%.4f", total == 0 ? 1 : kept / total));
        return new EaseModel(train.items(), rowStart, Arrays.copyOf(columns, entries), Arrays.copyOf(weights, entries),
                modelled, (float) ratingPower);
    }
}
