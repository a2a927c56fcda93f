package org.movierec.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.mlflow.ModelRole;
import org.movierec.model.FactorModel;
import org.movierec.model.FloatMatrix;
import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A ranker's item neighbours are computed before it is swapped in: while they are being computed the version served
 * before answers, with its own complete table, and the new version appears only with its table.
 */
class NeighboursOnSwapTest {

    @TempDir
    Path cache;

    private ModelProperties properties() {
        return new ModelProperties("movierec", "champion", "predictor-champion", Duration.ofMinutes(1), cache,
                "http://127.0.0.1:1", "", "", "", 2, 1);
    }

    private static LoadedModel loaded(int version, Recommender model) {
        return new LoadedModel("movierec", version, "run-" + version, model, null,
                JsonMapper.builder().build().createObjectNode(), Instant.now(), Instant.now(), null, null);
    }

    /** Movies 1..4: 1 and 2 point the same way, 3 across, 4 opposite to 1. */
    private static FactorModel factorModel() {
        return new FactorModel(FactorModel.MF_TYPE, IdIndex.of(new long[] {1, 2, 3, 4}), 3.5f, new float[4],
                new FloatMatrix(4, 2, new float[] {1, 0, 2, 0, 0, 1, -1, 0}), 0.1f, 0.5f, 5.0f);
    }

    /** The same vectors, handed out only once {@code release} opens; {@code asked} opens when they are asked for. */
    private static Recommender waitingFor(CountDownLatch asked, CountDownLatch release) {
        FactorModel inner = factorModel();
        return new Recommender() {
            public String type() {
                return inner.type();
            }

            public IdIndex items() {
                return inner.items();
            }

            public float[] score(UserRatings user) {
                return inner.score(user);
            }

            public boolean predictsRatings() {
                return true;
            }

            public Optional<FloatMatrix> itemVectors() {
                asked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inner.itemVectors();
            }

            public void saveArrays(Path dir) {
            }
        };
    }

    @Test
    void theVersionServedBeforeAnswersWhileTheNewOnesNeighboursAreComputed() throws Exception {
        CurrentModel current = new CurrentModel(new SimpleMeterRegistry(), properties());
        List<Object> events = new ArrayList<>();
        ModelUpdater updater = new ModelUpdater(properties(), current, events::add, null);
        updater.swapIn(ModelRole.RANKER, loaded(1, factorModel()));
        LoadedModel first = current.get().orElseThrow();
        assertThat(first.neighbours().count(0)).isEqualTo(2);

        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread swap = new Thread(() -> updater.swapIn(ModelRole.RANKER, loaded(2, waitingFor(asked, release))));
        swap.start();
        assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(current.get()).containsSame(first);
        assertThat(events).hasSize(1);
        release.countDown();
        swap.join(30_000);

        LoadedModel second = current.get().orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        ItemNeighbours table = second.neighbours();
        assertThat(table.neighbour(0, 0)).isEqualTo(1);   // movie 2, cosine 1
        assertThat(table.similarity(0, 0)).isEqualTo(1f);
        assertThat(table.neighbour(0, 1)).isEqualTo(2);   // movie 3, cosine 0
        assertThat(events).hasSize(2).last().isInstanceOfSatisfying(ModelSwappedEvent.class,
                event -> assertThat(event.model()).isSameAs(second));
    }

    @Test
    void aPredictorAloneHasNoTableButGetsOneWhenItBecomesTheRanker() {
        CurrentModel current = new CurrentModel(new SimpleMeterRegistry(), properties());
        ModelUpdater updater = new ModelUpdater(properties(), current, event -> { }, null);
        updater.swapIn(ModelRole.PREDICTOR, loaded(3, factorModel()));
        assertThat(current.get(ModelRole.PREDICTOR).orElseThrow().neighbours()).isNull();
        updater.swapIn(ModelRole.RANKER, current.get(ModelRole.PREDICTOR).orElseThrow());
        assertThat(current.get(ModelRole.RANKER).orElseThrow().neighbours().kept()).isEqualTo(2);
    }
}
