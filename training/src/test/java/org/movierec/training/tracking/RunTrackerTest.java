package org.movierec.training.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.training.run.MlflowServer;

/**
 * The MLflow Java client through {@link RunTracker}, against the real tracking server that
 * {@code bin/services up} starts ({@code -Dmlflow.url}, default http://127.0.0.1:5000): what is logged is
 * read back through the same client.
 */
@Tag("integration")
class RunTrackerTest {

    private static final String URL = System.getProperty("mlflow.url", "http://127.0.0.1:5000");

    private final MlflowClient client = MlflowServer.javaClient(URL, MlflowCredentials.fromEnvironment());
    private final RunTracker tracker = new RunTracker(client);
    private final String experimentName = "training-tracking-test-" + UUID.randomUUID();
    private final List<String> experiments = new ArrayList<>();

    @BeforeEach
    void serverIsUp() {
        new MlflowRegistry(URL).ping();   // a clear message when bin/services has not started it
    }

    @AfterEach
    void deleteExperiments() {
        experiments.forEach(client::deleteExperiment);
        client.close();
    }

    private String experiment() {
        String id = tracker.experimentId(experimentName);
        experiments.add(id);
        return id;
    }

    @Test
    void aRunKeepsItsParamsSteppedMetricsAndTags() {
        String experimentId = experiment();
        assertThat(tracker.experimentId(experimentName)).as("found, not created again").isEqualTo(experimentId);

        TrackedRun run = tracker.startRun(experimentId, "als-rank-32", Map.of("model", "als"));
        assertThat(run.experimentId()).isEqualTo(experimentId);
        assertThat(run.artifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + run.runId() + "/artifacts");
        assertThat(tracker.artifactUri(run.runId())).isEqualTo(run.artifactUri());

        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            params.put(String.format("p%03d", i), "value " + i);   // three batches: 100, 100, 50
        }
        params.put("long", "x".repeat(RunTracker.MAX_PARAM_VALUE_LENGTH));
        tracker.logParams(run.runId(), params);

        long start = 1_700_000_000_000L;
        List<MetricPoint> losses = new ArrayList<>();
        for (int epoch = 0; epoch < 1200; epoch++) {   // two batches: 1000, 200
            losses.add(new MetricPoint("train_loss", 1.0 / (epoch + 1), epoch, start + 1000L * epoch));
        }
        tracker.logMetrics(run.runId(), losses);
        tracker.logMetric(run.runId(), "ndcg_at_10", 0.3125, 7);
        tracker.setTags(run.runId(), Map.of("git_commit", "0a1b2c3", "model", "als-implicit"));
        tracker.finishRun(run.runId());

        Run stored = client.getRun(run.runId());
        assertThat(stored.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(stored.getInfo().getEndTime()).isGreaterThanOrEqualTo(stored.getInfo().getStartTime());
        assertThat(stored.getInfo().getRunName()).isEqualTo("als-rank-32");
        assertThat(stored.getData().getParamsList().stream().collect(Collectors.toMap(Param::getKey, Param::getValue)))
                .isEqualTo(params);
        assertThat(stored.getData().getTagsList().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue)))
                .containsEntry("git_commit", "0a1b2c3")
                .containsEntry("model", "als-implicit")
                .containsEntry("mlflow.runName", "als-rank-32");

        List<Metric> history = new ArrayList<>(client.getMetricHistory(run.runId(), "train_loss"));
        history.sort(Comparator.comparingLong(Metric::getStep));
        assertThat(history).hasSize(1200);
        for (int epoch = 0; epoch < 1200; epoch++) {
            Metric metric = history.get(epoch);
            assertThat(metric.getStep()).isEqualTo(epoch);
            assertThat(metric.getValue()).isEqualTo(1.0 / (epoch + 1));
            assertThat(metric.getTimestamp()).isEqualTo(start + 1000L * epoch);
        }
        assertThat(stored.getData().getMetricsList()).filteredOn(m -> m.getKey().equals("ndcg_at_10"))
                .singleElement()
                .satisfies(m -> assertThat(m.getValue()).isEqualTo(0.3125))
                .satisfies(m -> assertThat(m.getStep()).isEqualTo(7));
        assertThat(stored.getData().getMetricsList()).filteredOn(m -> m.getKey().equals("train_loss"))
                .singleElement()
                .as("the latest value is the one of the last step")
                .satisfies(m -> assertThat(m.getValue()).isEqualTo(1.0 / 1200));
    }

    @Test
    void aFailedRunEndsFailed() {
        TrackedRun run = tracker.startRun(experiment(), null, Map.of());
        tracker.failRun(run.runId());

        Run stored = client.getRun(run.runId());
        assertThat(stored.getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(stored.getInfo().getRunName()).as("named by MLflow").isNotBlank();
    }

    @Test
    void aDeletedExperimentIsNotUsedAgain() {
        String experimentId = experiment();
        client.deleteExperiment(experimentId);
        experiments.clear();

        assertThatThrownBy(() -> tracker.experimentId(experimentName))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MLflow experiment '" + experimentName + "' (id " + experimentId
                        + ") is deleted: restore it in MLflow, or choose another experiment name");
    }

    @Test
    void valuesBeyondMlflowsLimitsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> tracker.logParams("no-run", Map.of("factors", "x".repeat(6001))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MLflow parameter 'factors': expected a value of at most 6000 characters, got 6001 characters");
        assertThatThrownBy(() -> tracker.setTags("no-run", Map.of("k".repeat(251), "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MLflow tag name: expected 1 to 250 characters, got 'kkk");
        assertThatThrownBy(() -> tracker.logMetrics("no-run", List.of(new MetricPoint(" ", 1.0, 0, 0))))
                .hasMessage("MLflow metric name: expected 1 to 250 characters, got ' '");
        assertThatThrownBy(() -> tracker.experimentId("it's"))
                .hasMessage("MLflow experiment name: expected 1 to 500 characters without a single quote, got 'it's'");
    }

    @Test
    void batchesKeepOrderAndSize() {
        assertThat(RunTracker.batches(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
        assertThat(RunTracker.batches(List.of(), 100)).isEmpty();
    }
}
