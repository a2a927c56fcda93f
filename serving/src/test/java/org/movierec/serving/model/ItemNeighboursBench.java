package org.movierec.serving.model;

import java.util.SplittableRandom;

import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The time to compute the neighbour table of a factor model of ITEMS x FACTORS Gaussian item factors (fixed seed), as
 * serving does on a swap: {@code bench/item-neighbours.sh ITEMS FACTORS K THREADS RUNS}. Not a test: a main that
 * prints one line per run.
 */
public final class ItemNeighboursBench {

    private ItemNeighboursBench() {
    }

    public static void main(String[] args) {
        int items = Integer.parseInt(args[0]);
        int factors = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        long[] ids = new long[items];
        float[] data = new float[Math.multiplyExact(items, factors)];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < items; i++) {
            ids[i] = i + 1;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * 0.1);
        }
        FactorModel model = new FactorModel(FactorModel.MF_TYPE, IdIndex.of(ids), 3.5f, new float[items],
                new FloatMatrix(items, factors, data), 0.1f, 0.5f, 5.0f);
        System.out.printf("blas=%s items=%d factors=%d k=%d threads=%d cpus=%d%n",
                BLAS.getInstance().getClass().getSimpleName(), items, factors, k, threads,
                Runtime.getRuntime().availableProcessors());
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            ItemNeighbours table = ItemNeighbours.of(model, k, threads).orElseThrow();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("run %d: %.2f s, %.1f GFLOP/s of products, table %d MB (item 0's best: %d, %.4f)%n",
                    run, seconds, 2.0 * items * items * factors / seconds / 1e9, table.bytes() / 1_000_000,
                    table.neighbour(0, 0), table.similarity(0, 0));
        }
    }
}
