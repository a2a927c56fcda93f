package org.movierec.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.ModelVersion;
import org.movierec.testing.JavaProcess;
import org.movierec.testing.Polling;
import org.movierec.testing.TcpRelay;
import org.movierec.training.run.ExitCodes;
import org.movierec.training.run.MlflowServer;
import org.movierec.training.tracking.RunOwner;

/**
 * A training run that loses MLflow, or is killed, while it trains: {@code train} runs in a JVM of its own (the
 * application's main class on the test class path), reaching the real MLflow server ({@code -Dmlflow.url}) through a
 * {@link TcpRelay} that the test stops once the run has logged a few epochs, or killed with SIGKILL then. Nothing is
 * registered; the next run in the experiment marks the run it left RUNNING FAILED (its process is gone), with the
 * tag {@code movierec.orphaned}, and registers its own version.
 */
@Tag("integration")
class TrainingFaultsTest {

    private static final String DB_URL = System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test");
    private static final String MLFLOW_URL = System.getProperty("mlflow.url", "http://127.0.0.1:5000");

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String experiment = "test-training-faults-" + id;
    private final String registeredModel = "test-movierec-faults-" + id;
    private final MlflowClient client = MlflowServer.javaClient(MLFLOW_URL, MlflowCredentials.fromEnvironment());
    private final MlflowRegistry registry = new MlflowRegistry(MLFLOW_URL);

    @TempDir
    Path temp;
    private String firstRunId;

    @BeforeAll
    static void loadRatings() throws IOException, SQLException {
        SampleRatings.load(DB_URL);
    }

    @AfterEach
    void deleteWhatTheTestCreated() {
        if (!registry.searchModelVersions(registeredModel).isEmpty()) {
            registry.deleteRegisteredModel(registeredModel);
        }
        client.getExperimentByName(experiment).ifPresent(e -> client.deleteExperiment(e.getExperimentId()));
        client.close();
    }

    @Test
    void mlflowGoingAwayMidRunFailsTheRunAsUnavailableAndTheNextRunClosesItAndRegisters() throws Exception {
        String runId;
        try (TcpRelay mlflow = new TcpRelay(MLFLOW_URL).start()) {
            Process first = trainingProcess(mlflow.url());
            runId = awaitEpochs(first, 3);
            mlflow.stop();

            assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("the run ends once MLflow is gone").isTrue();
            String log = Files.readString(temp.resolve("first.log"));
            assertThat(first.exitValue()).as(log).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(log).contains("MLflow: the tracking server is not reachable")
                    .contains("MLflow run " + runId + " could not be marked FAILED");
            assertThat(status(runId)).as("MLflow could not be told").isEqualTo(RunStatus.RUNNING);
            assertThat(registry.searchModelVersions(registeredModel)).as("versions registered").isEmpty();

            mlflow.start();
            assertThat(training(mlflow.url(), "train", "--model=mf", "factors=8", "epochs=3")).isZero();
        }
        assertClosedAndRerunRegistered(runId);
    }

    @Test
    void aRunKilledWhileItTrainsRegistersNothingAndTheNextRunClosesItAndRegisters() throws Exception {
        Process first = trainingProcess(MLFLOW_URL);
        String runId = awaitEpochs(first, 3);
        first.destroyForcibly();   // SIGKILL: no shutdown hook, no FAILED status sent
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(status(runId)).isEqualTo(RunStatus.RUNNING);
        assertThat(registry.searchModelVersions(registeredModel)).as("versions registered").isEmpty();

        assertThat(training(MLFLOW_URL, "train", "--model=mf", "factors=8", "epochs=3")).isZero();
        assertClosedAndRerunRegistered(runId);
    }

    /** The first run marked FAILED by the second, which registered version 1, the only one. */
    private void assertClosedAndRerunRegistered(String firstRunId) {
        List<ModelVersion> versions = registry.searchModelVersions(registeredModel);
        assertThat(versions).extracting(ModelVersion::version).containsExactly(1);
        String secondRunId = versions.get(0).runId();
        assertThat(secondRunId).isNotEqualTo(firstRunId);
        assertThat(status(secondRunId)).isEqualTo(RunStatus.FINISHED);
        Run first = client.getRun(firstRunId);
        assertThat(first.getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(first.getInfo().getEndTime()).isGreaterThanOrEqualTo(first.getInfo().getStartTime());
        Map<String, String> tags = first.getData().getTagsList().stream()
                .collect(Collectors.toMap(t -> t.getKey(), t -> t.getValue()));
        assertThat(tags.get(RunOwner.ORPHANED_TAG)).contains("is gone").endsWith("marked FAILED by run " + secondRunId);
        assertThat(tags).containsKeys(RunOwner.HOST_TAG, RunOwner.PID_TAG, RunOwner.HEARTBEAT_TAG);
    }

    /** {@code training.jar train} of a long MF run (1,000 epochs) in a JVM of its own, its output in first.log. */
    private Process trainingProcess(String trackingUri) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--model=mf", "factors=8", "epochs=1000"));
        args.addAll(settings(trackingUri));
        return new ProcessBuilder(JavaProcess.command(TrainingApplication.class, args)).redirectErrorStream(true)
                .redirectOutput(temp.resolve("first.log").toFile()).start();
    }

    /** The id of the process's run, once it has logged {@code epochs} epochs of train_loss. */
    private String awaitEpochs(Process process, int epochs) throws Exception {
        assertThat(Polling.await(() -> {
            assertThat(process.isAlive()).as("the first run is still going: %s", log()).isTrue();
            Optional<String> run = client.getExperimentByName(experiment)
                    .flatMap(e -> client.searchRuns(List.of(e.getExperimentId()), "").stream().findFirst())
                    .map(RunInfo::getRunId);
            if (run.isPresent() && client.getMetricHistory(run.get(), "train_loss").size() >= epochs) {
                firstRunId = run.get();
                return true;
            }
            return false;
        }, Duration.ofSeconds(120))).as("the first run's epochs logged: %s", log()).isTrue();
        return firstRunId;
    }

    private String log() throws IOException {
        return Files.readString(temp.resolve("first.log"));
    }

    private RunStatus status(String runId) {
        return client.getRun(runId).getInfo().getStatus();
    }

    private List<String> settings(String trackingUri) {
        return List.of("--spring.datasource.url=" + DB_URL, "--training.mlflow.tracking-uri=" + trackingUri,
                "--training.mlflow.experiment=" + experiment, "--training.mlflow.registered-model=" + registeredModel,
                "--training.work-dir=" + temp.resolve("work"), "--training.search.trials=0");
    }

    /** Runs the application in this JVM as {@code java -jar training.jar} would. */
    private int training(String trackingUri, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(settings(trackingUri));
        return TrainingApplication.run(all.toArray(String[]::new));
    }
}
