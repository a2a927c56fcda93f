package org.movierec.serving.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.movierec.model.EaseModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.Recommender;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Every item's {@code k} most similar items by what a model learned, computed once when a ranker is swapped in
 * ({@link ModelUpdater}) so that a request only reads them: the cosine of the item vectors of the models that have
 * them ({@link Recommender#itemVectors()}: the factor models, ALS, implicit ALS, the DAE's input embeddings), or
 * EASE's item-item weights (its stored row of the item, positive weights only). Best first; equal similarities go to
 * the lower item index; an item is never its own neighbour.
 *
 * <p>The cosines of all pairs are dot products of the unit-length vectors, computed as blocked matrix products
 * ({@code sgemm} of netlib's BLAS: native when the machine has a system BLAS, else its Java implementation), one
 * tile of {@link #BLOCK} x {@link #BLOCK} items at a time per worker thread. The products are symmetric, so only the
 * tiles on and above the diagonal are computed (half of the multiply-adds), and each product of a tile is offered to
 * the bounded heap of its row's item and to that of its column's item (each block of items' heaps guarded by a lock
 * of its own). The heaps are the table: memory is {@code items * k} indices and similarities plus 1 MiB of products
 * per thread, whatever the catalogue size.
 */
public final class ItemNeighbours {

    public static final String COSINE = "cosine";
    public static final String EASE_WEIGHT = "ease-weight";

    /** The side of a tile of products: {@code BLOCK x BLOCK} similarities (1 MiB) computed at once. */
    static final int BLOCK = 512;

    private static final BLAS BLAS_LIBRARY = BLAS.getInstance();

    private final String measure;
    private final int kept;
    private final int[] counts;
    private final int[] indices;
    private final float[] similarities;

    private ItemNeighbours(String measure, int kept, int[] counts, int[] indices, float[] similarities) {
        this.measure = measure;
        this.kept = kept;
        this.counts = counts;
        this.indices = indices;
        this.similarities = similarities;
    }

    /**
     * The neighbour table of {@code model}, built with {@code threads} threads; empty for a model with no learned
     * item similarity (popularity, a factor model with no factors).
     *
     * @param k at most this many neighbours per item (fewer when the model has fewer other items, or EASE kept fewer
     *          positive weights)
     */
    public static Optional<ItemNeighbours> of(Recommender model, int k, int threads) {
        if (k < 1 || threads < 1) {
            throw new IllegalArgumentException("k and threads must be positive, got " + k + " and " + threads);
        }
        if (model instanceof EaseModel ease) {
            return Optional.of(ofEase(ease, k));
        }
        return model.itemVectors().map(vectors -> byCosine(vectors, k, threads));
    }

    /** {@link #COSINE} or {@link #EASE_WEIGHT}: what the similarities are. */
    public String measure() {
        return measure;
    }

    /** The most neighbours an item has here: the {@code k} asked for, or fewer when the model has fewer items. */
    public int kept() {
        return kept;
    }

    /** How many neighbours {@code item} has. */
    public int count(int item) {
        return counts[item];
    }

    /** The item index of {@code item}'s neighbour of rank {@code rank} (0: the most similar). */
    public int neighbour(int item, int rank) {
        return indices[item * kept + rank];
    }

    /** Its similarity to {@code item}. */
    public float similarity(int item, int rank) {
        return similarities[item * kept + rank];
    }

    /** The memory the table holds, in bytes. */
    public long bytes() {
        return 4L * (counts.length + indices.length + similarities.length);
    }

    private static ItemNeighbours ofEase(EaseModel ease, int k) {
        int items = ease.items().size();
        int kept = Math.max(0, Math.min(k, items - 1));
        int[] counts = new int[items];
        int[] indices = new int[items * kept];
        float[] similarities = new float[items * kept];
        for (int item = 0; item < items; item++) {
            List<EaseModel.Neighbour> row = ease.neighbours(item);
            counts[item] = Math.min(kept, row.size());
            for (int rank = 0; rank < counts[item]; rank++) {
                indices[item * kept + rank] = row.get(rank).index();
                similarities[item * kept + rank] = row.get(rank).weight();
            }
        }
        return new ItemNeighbours(EASE_WEIGHT, kept, counts, indices, similarities);
    }

    static ItemNeighbours byCosine(FloatMatrix vectors, int k, int threads) {
        int items = vectors.rows();
        int kept = Math.max(0, Math.min(k, items - 1));
        float[] unit = unitRows(vectors);
        int cols = vectors.cols();
        NeighbourHeaps heaps = new NeighbourHeaps(items, kept);
        int blocks = (items + BLOCK - 1) / BLOCK;
        Object[] locks = new Object[blocks];
        int[] tileRow = new int[blocks * (blocks + 1) / 2];
        int[] tileCol = new int[tileRow.length];
        for (int row = 0, t = 0; row < blocks; row++) {
            locks[row] = new Object();
            for (int col = row; col < blocks; col++, t++) {
                tileRow[t] = row;
                tileCol[t] = col;
            }
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            float[] products = new float[BLOCK * BLOCK];
            for (int t = next.getAndIncrement(); t < tileRow.length; t = next.getAndIncrement()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                int rows = tileRow[t] * BLOCK;
                int rowCount = Math.min(BLOCK, items - rows);
                int columns = tileCol[t] * BLOCK;
                int columnCount = Math.min(BLOCK, items - columns);
                // column-major: products[r * columnCount + c] = unit row (columns + c) . unit row (rows + r)
                BLAS_LIBRARY.sgemm("T", "N", columnCount, rowCount, cols, 1f, unit, columns * cols, cols, unit,
                        rows * cols, cols, 0f, products, 0, columnCount);
                synchronized (locks[tileRow[t]]) {
                    for (int r = 0; r < rowCount; r++) {
                        heaps.offerRow(rows + r, products, r * columnCount, columnCount, columns);
                    }
                }
                if (tileCol[t] != tileRow[t]) {   // the other half of the symmetric products: the column items' heaps
                    synchronized (locks[tileCol[t]]) {
                        for (int c = 0; c < columnCount; c++) {
                            heaps.offerColumn(columns + c, products, c, columnCount, rowCount, rows);
                        }
                    }
                }
            }
        };
        run(worker, Math.min(threads, tileRow.length));
        if (next.get() < tileRow.length) {
            throw new IllegalStateException("interrupted while computing the item neighbours");
        }
        int[] counts = heaps.sortBestFirst();
        return new ItemNeighbours(COSINE, kept, counts, heaps.indices(), heaps.similarities());
    }

    /** Runs {@code worker} on {@code threads} threads and waits for them; an interrupt stops them. */
    private static void run(Runnable worker, int threads) {
        if (threads <= 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "item-neighbours");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the item neighbours", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the item neighbours cannot be computed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The rows scaled to unit length (norms in double precision); a zero row stays zero, cosine 0 with every item. */
    static float[] unitRows(FloatMatrix vectors) {
        float[] rows = vectors.data().clone();
        int cols = vectors.cols();
        for (int r = 0; r < vectors.rows(); r++) {
            double norm = 0;
            for (int c = r * cols; c < (r + 1) * cols; c++) {
                norm += (double) rows[c] * rows[c];
            }
            if (norm > 0) {
                float scale = (float) (1 / Math.sqrt(norm));
                for (int c = r * cols; c < (r + 1) * cols; c++) {
                    rows[c] *= scale;
                }
            }
        }
        return rows;
    }
}
