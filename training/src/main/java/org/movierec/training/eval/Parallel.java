package org.movierec.training.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs a task for every index {@code 0 .. n-1} on a few threads that take indices in small chunks. Each
 * thread gets its own worker (and so its own scratch arrays) from a factory. The task must only write to
 * the slot of its index; results are then read in index order, so they do not depend on the threads.
 */
final class Parallel {

    private static final int CHUNK = 16;

    private Parallel() {
    }

    static void forEach(int n, int threads, Supplier<IntConsumer> workers) {
        if (threads == 1 || n <= CHUNK) {
            IntConsumer worker = workers.get();
            for (int i = 0; i < n; i++) {
                worker.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "evaluation");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    IntConsumer worker = workers.get();
                    for (int from = next.getAndAdd(CHUNK); from < n && !failed.get(); from = next.getAndAdd(CHUNK)) {
                        try {
                            for (int i = from; i < Math.min(n, from + CHUNK); i++) {
                                worker.accept(i);
                            }
                        } catch (RuntimeException | Error e) {
                            failed.set(true);
                            throw e;
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
