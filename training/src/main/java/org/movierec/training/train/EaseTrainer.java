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
 * EASE in closed form with ND4J: {@code P = (X'X + lambda I)^-1} and {@code B = I - P diag(1 / diag(P))},
 * so {@code B[i][j] = -P[i][j] / P[j][j]} off the diagonal and 0 on it, over the binary user x item matrix
 * {@code X} (a rating of any value is an interaction).
 *
 * <p>Memory and time grow with the square and the cube of the number of modelled items, so only the
 * {@code max_items} most rated items with at least {@code min_item_ratings} ratings are modelled (20,000
 * items: a 1.6 GB float Gram matrix, twice that while inverting in place, and minutes of inversion on two
 * cores). The Gram matrix is accumulated
 * from each user's sparse ratings, never from a dense user x item matrix, and each row of {@code B} keeps its
 * {@code neighbours} largest weights.
 */
public final class EaseTrainer implements Trainer {

    private static final Logger log = LoggerFactory.getLogger(EaseTrainer.class);

    private final double lambda;
    private final int maxItems;
    private final int minItemRatings;
    private final int neighbours;
    private final Map<String, String> params;

    public EaseTrainer(Map<String, String> overrides) {
        HyperParameters hp = HyperParameters.of(overrides);
        lambda = hp.real("lambda", 250, 1e-3, 1e7);
        maxItems = hp.integer("max_items", 20_000, 1, 40_000);
        minItemRatings = hp.integer("min_item_ratings", 3, 1, 1_000_000);
        neighbours = hp.integer("neighbours", 200, 1, 40_000);
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
        int[] modelled = modelledItems(train);
        int n = modelled.length;
        int[] position = new int[train.items().size()];
        Arrays.fill(position, -1);
        for (int k = 0; k < n; k++) {
            position[modelled[k]] = k;
        }
        float[] gram = gram(train, position, n);
        log.info("EASE: Gram matrix of {} items built in {} ms; inverting", n, (System.nanoTime() - started) / 1_000_000);
        INDArray g = Nd4j.create(gram, new long[] {n, n}, 'c');
        for (int k = 0; k < n; k++) {
            g.putScalar(k, k, g.getDouble(k, k) + lambda);
        }
        INDArray p = SpdInverse.invert(g);
        log.info("EASE: inverted in {} ms", (System.nanoTime() - started) / 1_000_000);
        return sparsify(train, p, modelled);
    }

    /** The items that are modelled: the most rated ones with enough ratings, ascending by index. */
    private int[] modelledItems(Ratings train) {
        int[] count = new int[train.items().size()];
        for (int row = 0; row < train.size(); row++) {
            count[train.item(row)]++;
        }
        Integer[] order = new Integer[count.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a]) : Integer.compare(a, b));
        return Arrays.stream(order).limit(maxItems).filter(i -> count[i] >= minItemRatings)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    /** {@code X'X} over the modelled items, accumulated user by user from their sparse ratings. */
    private static float[] gram(Ratings train, int[] position, int n) {
        float[] gram = new float[Math.multiplyExact(n, n)];
        Ratings.ByUser byUser = train.byUser();
        int[] mine = new int[0];
        for (int u = 0; u < train.users().size(); u++) {
            int[] rows = byUser.rows(u);
            if (mine.length < rows.length) {
                mine = new int[rows.length];
            }
            int m = 0;
            for (int row : rows) {
                int at = position[train.item(row)];
                if (at >= 0) {
                    mine[m++] = at;
                }
            }
            for (int a = 0; a < m; a++) {
                int offset = mine[a] * n;
                for (int b = 0; b < m; b++) {
                    gram[offset + mine[b]]++;
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

    /** {@code B[i][j] = -P[i][j] / P[j][j]}, keeping the {@code neighbours} largest per row. */
    private EaseModel sparsify(Ratings train, INDArray p, int[] modelled) {
        int n = modelled.length;
        double[] diagonal = new double[n];
        for (int k = 0; k < n; k++) {
            diagonal[k] = p.getDouble(k, k);
        }
        int keep = Math.min(neighbours, Math.max(0, n - 1));
        int[] rowStart = new int[train.items().size() + 1];
        int[] columns = new int[n * keep];
        float[] weights = new float[n * keep];
        int entries = 0;
        int next = 0;
        for (int item = 0; item < train.items().size(); item++) {
            rowStart[item] = entries;
            if (next < n && modelled[next] == item) {
                double[] row = p.getRow(next).toDoubleVector();
                double[] w = new double[n];
                for (int j = 0; j < n; j++) {
                    w[j] = j == next ? Double.NEGATIVE_INFINITY : -row[j] / diagonal[j];
                }
                for (int j : largest(w, keep)) {
                    columns[entries] = modelled[j];
                    weights[entries++] = (float) w[j];
                }
                next++;
            }
        }
        rowStart[train.items().size()] = entries;
        return new EaseModel(train.items(), rowStart, Arrays.copyOf(columns, entries), Arrays.copyOf(weights, entries),
                modelled);
    }
}
