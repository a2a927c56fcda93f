package org.movierec.training.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.ModelVersion;
import org.movierec.training.tracking.RunTracker;
import org.movierec.training.tracking.TrackedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MLflow tracking server as a run sees it: the experiment its runs go to, the registered model its
 * versions go to, and the tracking, artifact and registry APIs. Runs carry MLflow's standard source tags
 * (job name, git commit) so the UI shows where they came from.
 */
public final class MlflowServer {

    private static final Logger log = LoggerFactory.getLogger(MlflowServer.class);

    private final String trackingUri;
    private final String experiment;
    private final String registeredModel;
    private final String gitCommit;
    private final String sourceName;
    private final RunTracker tracker;
    private final MlflowArtifacts artifacts;
    private final MlflowRegistry registry;

    /** @param gitCommit the commit the jar was built from; null when unknown */
    public MlflowServer(String trackingUri, String experiment, String registeredModel, String gitCommit,
                        RunTracker tracker, MlflowArtifacts artifacts, MlflowRegistry registry) {
        this(trackingUri, experiment, registeredModel, gitCommit, "training.jar", tracker, artifacts, registry);
    }

    /** @param sourceName the program runs name as their source ({@code mlflow.source.name}) */
    public MlflowServer(String trackingUri, String experiment, String registeredModel, String gitCommit,
                        String sourceName, RunTracker tracker, MlflowArtifacts artifacts, MlflowRegistry registry) {
        this.sourceName = sourceName;
        this.trackingUri = trackingUri.replaceAll("/+$", "");
        this.experiment = experiment;
        this.registeredModel = registeredModel;
        this.gitCommit = gitCommit;
        this.tracker = tracker;
        this.artifacts = artifacts;
        this.registry = registry;
    }

    public RunTracker tracker() {
        return tracker;
    }

    public MlflowArtifacts artifacts() {
        return artifacts;
    }

    public MlflowRegistry registry() {
        return registry;
    }

    public String registeredModel() {
        return registeredModel;
    }

    /** Fails with a message naming the server when it does not answer, before any work starts. */
    public void ping() {
        registry.ping();
    }

    public TrackedRun startRun(String runName, Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("mlflow.source.type", "JOB");
        all.put("mlflow.source.name", sourceName);
        all.put("mlflow.user", System.getProperty("user.name", "movierec"));
        if (gitCommit != null && !gitCommit.isBlank()) {
            all.put("mlflow.source.git.commit", gitCommit);
        }
        all.putAll(tags);
        TrackedRun run = tracker.startRun(tracker.experimentId(experiment), runName, all);
        log.info("MLflow run {} started: {}", run.runId(), runUrl(run));
        return run;
    }

    /** Marks the run FAILED, then adds the error as a tag; a second failure while doing so is logged, not thrown. */
    public void fail(TrackedRun run, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        try {
            tracker.failRun(run.runId());
            log.error("MLflow run {} marked FAILED: {}", run.runId(), message);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.error("MLflow run {} could not be marked FAILED: {}", run.runId(), e.getMessage());
        }
        try {
            tracker.setTags(run.runId(), Map.of("error", message.length() > 5000 ? message.substring(0, 5000) : message));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public String runUrl(TrackedRun run) {
        return trackingUri + "/#/experiments/" + run.experimentId() + "/runs/" + run.runId();
    }

    /** The version numbered {@code version} of the registered model, or its champion when {@code version} is null. */
    public ModelVersion versionOrChampion(String version) {
        if (version == null) {
            return registry.getModelVersionByAlias(registeredModel, Promotion.CHAMPION).orElseThrow(() ->
                    new NoDataException("registered model '" + registeredModel + "' has no champion yet: train a model first"));
        }
        try {
            return registry.getModelVersion(registeredModel, Integer.parseInt(version));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("--version must be a version number, got '" + version + "'", e);
        }
    }

    /** Registers a version of the registered model from a folder of the run's artifacts, waiting until it is READY. */
    public ModelVersion register(TrackedRun run, String source, Map<String, String> tags) {
        registry.createRegisteredModel(registeredModel);
        ModelVersion version = registry.createModelVersion(registeredModel, source, run.runId(), tags);
        log.info("Registered {} version {} from {}", registeredModel, version.version(), source);
        return version;
    }
}
