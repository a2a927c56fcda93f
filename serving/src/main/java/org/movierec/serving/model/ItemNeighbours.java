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
 * ({@code sgemm} of netlib's BLAS: native when the machine has a system BLAS, else its Java implementation) of
 * {@link #QUERY_BLOCK} items against {@link #CANDIDATE_BLOCK} items at a time, each worker thread holding one block
 * of products (4 MiB) and the heaps of its query items; every product is offered to its query item's heap. So memory
 * is the table ({@code items * k} indices and similarities) plus a few MiB per thread, whatever the catalogue size.
 */
public final class ItemNeighbours {

    public static final String COSINE = "cosine";
    public static final String EASE_WEIGHT = "ease-weight";

    /** How many items are compared at once with a block of candidates. */
    static final int QUERY_BLOCK = 256;
    /** How many candidates a block of products holds per query item. */
    static final int CANDIDATE_BLOCK = 4096;

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
        int[] counts = new int[items];
        int[] indices = new int[Math.multiplyExact(items, kept)];
        float[] similarities = new float[indices.length];
        int blocks = (items + QUERY_BLOCK - 1) / QUERY_BLOCK;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            float[] products = new float[QUERY_BLOCK * CANDIDATE_BLOCK];
            Heaps heaps = new Heaps(QUERY_BLOCK, kept);
            for (int block = next.getAndIncrement(); block < blocks; block = next.getAndIncrement()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                int first = block * QUERY_BLOCK;
                int queries = Math.min(QUERY_BLOCK, items - first);
                heaps.clear();
                for (int from = 0; from < items; from += CANDIDATE_BLOCK) {
                    int candidates = Math.min(CANDIDATE_BLOCK, items - from);
                    // column-major: products[q * candidates + c] = unit row (from + c) . unit row (first + q)
                    BLAS_LIBRARY.sgemm("T", "N", candidates, queries, cols, 1f, unit, from * cols, cols, unit,
                            first * cols, cols, 0f, products, 0, candidates);
                    for (int q = 0; q < queries; q++) {
                        heaps.offerAll(q, first + q, products, q * candidates, candidates, from);
                    }
                }
                for (int q = 0; q < queries; q++) {
                    counts[first + q] = heaps.drainBestFirst(q, indices, similarities, (first + q) * kept);
                }
            }
        };
        run(worker, Math.min(threads, blocks));
        return new ItemNeighbours(COSINE, kept, counts, indices, similarities);
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

    /**
     * One bounded min-heap per query item of a block, in flat arrays (no allocation per item): the worst kept at the
     * root. Candidates come in increasing index order, so once a heap is full a candidate is kept only when its
     * similarity is strictly above the worst kept (an equal one has the higher index and loses).
     */
    private static final class Heaps {

        private final int k;
        private final int[] index;
        private final float[] score;
        private final int[] size;

        Heaps(int queries, int k) {
            this.k = k;
            this.index = new int[queries * k];
            this.score = new float[queries * k];
            this.size = new int[queries];
        }

        void clear() {
            java.util.Arrays.fill(size, 0);
        }

        /** Offers {@code products[offset .. offset + count - 1]}, the similarities of items {@code from ..}. */
        void offerAll(int q, int self, float[] products, int offset, int count, int from) {
            if (k == 0) {
                return;
            }
            int base = q * k;
            int c = 0;
            for (; c < count && size[q] < k; c++) {
                float value = products[offset + c];
                if (from + c != self && !Float.isNaN(value)) {
                    index[base + size[q]] = from + c;
                    score[base + size[q]] = value;
                    siftUp(base, size[q]++);
                }
            }
            float floor = score[base];
            for (; c < count; c++) {
                float value = products[offset + c];
                if (value > floor && from + c != self) {
                    index[base] = from + c;
                    score[base] = value;
                    siftDown(base, k);
                    floor = score[base];
                }
            }
        }

        /** Writes the heap of {@code q} best first at {@code out}; returns how many it held. */
        int drainBestFirst(int q, int[] outIndex, float[] outScore, int out) {
            int base = q * k;
            int n = size[q];
            for (int remaining = n; remaining > 0; remaining--) {
                // the root is the worst of those left: it goes last
                outIndex[out + remaining - 1] = index[base];
                outScore[out + remaining - 1] = score[base];
                index[base] = index[base + remaining - 1];
                score[base] = score[base + remaining - 1];
                siftDown(base, remaining - 1);
            }
            return n;
        }

        private boolean better(int a, int b) {
            return score[a] > score[b] || score[a] == score[b] && index[a] < index[b];
        }

        private void siftUp(int base, int at) {
            while (at > 0) {
                int parent = (at - 1) / 2;
                if (!better(base + parent, base + at)) {
                    return;
                }
                swap(base + at, base + parent);
                at = parent;
            }
        }

        private void siftDown(int base, int size) {
            int at = 0;
            while (true) {
                int worst = at;
                for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                    if (better(base + worst, base + child)) {
                        worst = child;
                    }
                }
                if (worst == at) {
                    return;
                }
                swap(base + at, base + worst);
                at = worst;
            }
        }

        private void swap(int a, int b) {
            int i = index[a];
            index[a] = index[b];
            index[b] = i;
            float s = score[a];
            score[a] = score[b];
            score[b] = s;
        }
    }
}
