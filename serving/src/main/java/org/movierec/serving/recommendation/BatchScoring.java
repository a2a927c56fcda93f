package org.movierec.serving.recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.movierec.model.FactorProducts;
import org.movierec.model.FactorScoring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scores the top-N requests of a factor model together. A request thread folds its user in, hands the vector over
 * and waits; a scoring thread takes every vector waiting (up to {@code serving.scoring.batch-size}) and scores them
 * in one pass over the item factors ({@link FactorScoring#scoreVectors}, {@link FactorProducts}), which reads the
 * item factors once for all of them: at 87,585 movies x 100 factors on one core, with the Vector API's kernel,
 * 1.2 to 1.3 ms for one user alone, 1.4 to 1.5 ms for four and 0.22 to 0.29 ms a user for 32. Under load the batches
 * grow by themselves: the requests that come while a batch is scored make the next one. The scores are exact: each
 * user's are those of scoring them alone, up to rounding; or, with {@code serving.scoring.rounded-factors} where the
 * JVM has the Vector API, from the item factors rounded to bfloat16 (0.8 ms for one user alone, 0.26 ms a user for
 * four), within a bound that {@link #score} returns, for the request thread to score exactly the titles that the
 * rounding could have moved into its top-N.
 */
@Component
class BatchScoring implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BatchScoring.class);

    private record Job(FactorScoring model, float[] vector, float[] scores, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Job> waiting = new LinkedBlockingQueue<>();
    private final int batchSize;
    private final long batchWaitNanos;
    private final boolean rounded;
    private final List<Thread> threads = new ArrayList<>();
    private final DistributionSummary batchSizes;

    BatchScoring(ScoringProperties properties, MeterRegistry meters) {
        this.batchSize = properties.batchSize();
        this.batchWaitNanos = properties.batchWait().toNanos();
        this.rounded = properties.roundedFactors() && FactorProducts.hasRounded();
        this.batchSizes = DistributionSummary.builder("movierec.scoring.batch.size")
                .description("Users scored together in one product over a factor model's item factors")
                .publishPercentileHistogram().register(meters);
        for (int i = 0; i < properties.threads(); i++) {
            Thread thread = new Thread(this::scoreBatches, "scoring-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("Factor models score up to {} requests at once on {} thread(s), waiting {} ms for more; kernel: {}{}",
                batchSize, threads.size(), properties.batchWait().toMillis(), FactorProducts.implementation(),
                rounded ? ", from factors rounded to bfloat16, the candidates of each top-N rescored exactly" : "");
    }

    /**
     * Writes the scores of the user whose {@link FactorScoring#userVector vector} is given, once scored; returns the
     * most by which each can differ from the exact score ({@link FactorScoring#roundedError}), 0 when they are exact.
     */
    float score(FactorScoring model, float[] vector, float[] scores) {
        Job job = new Job(model, vector, scores, new CompletableFuture<>());
        waiting.add(job);
        try {
            job.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the recommendation was being scored", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Scoring failed", e.getCause());
        }
        return rounded ? model.roundedError(vector) : 0;
    }

    private void scoreBatches() {
        List<Job> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                batch.add(waiting.take());
                waiting.drainTo(batch, batchSize - batch.size());
                long deadline = System.nanoTime() + batchWaitNanos;
                while (batch.size() < batchSize && batchWaitNanos > 0) {
                    Job next = waiting.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    waiting.drainTo(batch, batchSize - batch.size());
                }
                score(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /** Scores a batch, model by model: a batch holds more than one only while a new model is swapped in. */
    private void score(List<Job> batch) {
        while (!batch.isEmpty()) {
            FactorScoring model = batch.get(0).model();
            List<Job> same = batch.stream().filter(job -> job.model() == model).toList();
            batch.removeIf(job -> job.model() == model);
            float[][] vectors = new float[same.size()][];
            float[][] scores = new float[same.size()][];
            for (int u = 0; u < same.size(); u++) {
                vectors[u] = same.get(u).vector();
                scores[u] = same.get(u).scores();
            }
            batchSizes.record(same.size());
            try {
                if (rounded) {
                    model.scoreVectorsRounded(vectors, same.size(), scores);
                } else {
                    model.scoreVectors(vectors, same.size(), scores);
                }
                same.forEach(job -> job.done().complete(null));
            } catch (RuntimeException | Error e) {
                same.forEach(job -> job.done().completeExceptionally(e));
            }
        }
    }

    @Override
    public void destroy() {
        threads.forEach(Thread::interrupt);
    }
}
