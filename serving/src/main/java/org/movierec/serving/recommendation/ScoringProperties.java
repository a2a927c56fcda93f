package org.movierec.serving.recommendation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code serving.scoring.*}: how the top-N requests of a factor model are scored together ({@link BatchScoring}).
 *
 * @param batchSize the most users scored in one matrix product
 * @param batchWait how long a scoring thread waits for more requests after the first of a batch (zero: it takes
 *                  whatever is waiting and starts at once; requests that come meanwhile make the next batch)
 * @param threads   scoring threads, each computing one batch at a time
 * @param roundedFactors whether to score from the item factors rounded to bfloat16 where the JVM can (its Vector
 *                  API), then exactly the titles that could reach the top-N ({@link org.movierec.model.TopK#refined})
 */
@ConfigurationProperties("serving.scoring")
record ScoringProperties(int batchSize, Duration batchWait, int threads, boolean roundedFactors) {

    ScoringProperties {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("serving.scoring.batch-size must be from 1 to 1024, got " + batchSize);
        }
        if (batchWait == null || batchWait.isNegative() || batchWait.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("serving.scoring.batch-wait must be from 0 to 1s, got " + batchWait);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("serving.scoring.threads must be from 1 to 64, got " + threads);
        }
    }
}
