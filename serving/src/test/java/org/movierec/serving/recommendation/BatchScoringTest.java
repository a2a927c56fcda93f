package org.movierec.serving.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.TopK;
import org.movierec.model.UserRatings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Concurrent requests scored together give each user the top-10 of scoring them alone, from the exact factors or from
 * the rounded ones with the candidates rescored (serving's surefire runs with the Vector API, as serving does).
 */
class BatchScoringTest {

    private static final int ITEMS = 6_000;
    private static final int FACTORS = 32;

    @ParameterizedTest(name = "rounded factors: {0}")
    @ValueSource(booleans = {false, true})
    void concurrentRequestsAreScoredTogetherAndEachGetsItsOwnTopTen(boolean rounded) throws Exception {
        Random random = new Random(3);
        FactorModel mf = new FactorModel(FactorModel.MF_TYPE,
                IdIndex.of(IntStream.rangeClosed(1, ITEMS).asLongStream().toArray()), 3.5f, gaussian(random, ITEMS),
                new FloatMatrix(ITEMS, FACTORS, gaussian(random, ITEMS * FACTORS)), 2f, 0.05f, 0.5f, 5f);
        List<UserRatings> users = IntStream.range(0, 400).mapToObj(u -> ratings(random)).toList();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BatchScoring batches = new BatchScoring(new ScoringProperties(16, Duration.ofMillis(1), 1, rounded),
                meters);
        ExecutorService requests = Executors.newFixedThreadPool(24);
        try {
            List<Future<int[]>> answers = new ArrayList<>();
            for (UserRatings user : users) {
                answers.add(requests.submit(() -> {
                    float[] scores = new float[ITEMS];
                    float[] vector = mf.userVector(user);
                    float error = batches.score(mf, vector, scores);
                    assertThat(error > 0).as("scored from rounded factors").isEqualTo(rounded);
                    return error == 0 ? TopK.of(scores, 10, index -> true).indices()
                            : TopK.refined(scores, error, 10, index -> true, index -> mf.scoreItem(vector, index),
                                    mf.highestScore()).indices();
                }));
            }
            for (int u = 0; u < users.size(); u++) {
                int[] alone = TopK.of(mf.score(users.get(u)), 10, index -> true).indices();
                assertThat(answers.get(u).get()).as("user %d", u).containsExactly(alone);
            }
        } finally {
            requests.shutdownNow();
            batches.destroy();
        }
        var sizes = meters.get("movierec.scoring.batch.size").summary();
        assertThat(sizes.totalAmount()).isEqualTo(users.size());
        assertThat(sizes.max()).as("the largest batch").isGreaterThan(1).isLessThanOrEqualTo(16);
    }

    private static UserRatings ratings(Random random) {
        int[] rated = random.ints(0, ITEMS).distinct().limit(1 + random.nextInt(30)).sorted().toArray();
        float[] values = new float[rated.length];
        for (int j = 0; j < rated.length; j++) {
            values[j] = 0.5f * (1 + random.nextInt(10));
        }
        return new UserRatings(rated, values);
    }

    private static float[] gaussian(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * 0.3f;
        }
        return values;
    }
}
