package org.movierec.training.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.MlflowTracking;
import org.movierec.mlflow.ModelVersion;
import org.movierec.training.tracking.RunTracker;
import org.movierec.training.tracking.TrackedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MLflow tracking server as a run sees it: the experiment its runs go to, the registered model its
 * versions go to, and the tracking, artifact and registry APIs. Runs carry MLflow's standard source tags
 * (job name, git commit) so the UI shows where they came from, and their links open the UI in its Model training
 * view ({@link #WORKFLOW}). A trained model is published as an MLflow 3 logged model (its files in the logged
 * model's artifacts, its parameters and metrics, an output of its run) and registered from it.
 */
public final class MlflowServer {

    private static final Logger log = LoggerFactory.getLogger(MlflowServer.class);

    /**
     * The query that opens an experiment's page in the UI's Model training view (runs table, charts) rather
     * than its GenAI view (traces), whatever the UI last showed: MLflow 3's UI reads {@code workflowType}
     * ({@code genai} or {@code machine_learning}) from the link before its remembered choice.
     */
    public static final String WORKFLOW = "?workflowType=machine_learning";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String trackingUri;
    private final String experiment;
    private final String registeredModel;
    private final String gitCommit;
    private final String sourceName;
    private final RunTracker tracker;
    private final MlflowArtifacts artifacts;
    private final MlflowRegistry registry;
    private final MlflowTracking tracking;
    private final Duration orphanAfter;
    private final Set<String> swept = ConcurrentHashMap.newKeySet();

    /** The default of {@code training.mlflow.orphan-after}. */
    public static final Duration DEFAULT_ORPHAN_AFTER = Duration.ofMinutes(10);

    /**
     * The server at {@code trackingUri}, every API logged in as {@code credentials}' user.
     *
     * @param gitCommit  the commit the jar was built from; null when unknown
     * @param sourceName the program runs name as their source ({@code mlflow.source.name})
     */
    public static MlflowServer connect(String trackingUri, MlflowCredentials credentials, String experiment,
                                       String registeredModel, String gitCommit, String sourceName) {
        return connect(trackingUri, credentials, experiment, registeredModel, gitCommit, sourceName,
                RunTracker.DEFAULT_HEARTBEAT, DEFAULT_ORPHAN_AFTER);
    }

    /**
     * The server at {@code trackingUri}, every API logged in as {@code credentials}' user.
     *
     * @param heartbeat   how often each open run's heartbeat tag is renewed
     * @param orphanAfter how long a RUNNING run of another host may go without a heartbeat before a new run marks it
     *                    FAILED (a run of this host whose process is gone is marked at once)
     */
    public static MlflowServer connect(String trackingUri, MlflowCredentials credentials, String experiment,
                                       String registeredModel, String gitCommit, String sourceName, Duration heartbeat,
                                       Duration orphanAfter) {
        if (orphanAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("MLflow run orphan-after (" + orphanAfter
                    + ") must be at least twice the heartbeat interval (" + heartbeat + ")");
        }
        return new MlflowServer(trackingUri, experiment, registeredModel, gitCommit, sourceName,
                new RunTracker(javaClient(trackingUri, credentials), heartbeat),
                new MlflowArtifacts(trackingUri, credentials), new MlflowRegistry(trackingUri, credentials),
                new MlflowTracking(trackingUri, credentials), orphanAfter);
    }

    /** MLflow's Java client of the server at {@code trackingUri}, logged in as {@code credentials}' user. */
    public static MlflowClient javaClient(String trackingUri, MlflowCredentials credentials) {
        return new MlflowClient(credentials.present()
                ? new BasicMlflowHostCreds(trackingUri, credentials.username(), credentials.password())
                : new BasicMlflowHostCreds(trackingUri));
    }

    MlflowServer(String trackingUri, String experiment, String registeredModel, String gitCommit, String sourceName,
                 RunTracker tracker, MlflowArtifacts artifacts, MlflowRegistry registry, MlflowTracking tracking,
                 Duration orphanAfter) {
        this.orphanAfter = orphanAfter;
        this.sourceName = sourceName;
        this.trackingUri = trackingUri.replaceAll("/+$", "");
        this.experiment = experiment;
        this.registeredModel = registeredModel;
        this.gitCommit = gitCommit;
        this.tracker = tracker;
        this.artifacts = artifacts;
        this.registry = registry;
        this.tracking = tracking;
    }

    public RunTracker tracker() {
        return tracker;
    }

    /** Stops the heartbeats of the runs (Spring calls it when the application ends). */
    public void close() {
        tracker.close();
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
        if (swept.add(run.experimentId())) {
            closeOrphans(run);
        }
        return run;
    }

    /**
     * Once per experiment and process, at its first run: marks FAILED the experiment's runs left RUNNING by a process
     * that is gone (killed, or ended while MLflow was down). A failure to do so is logged; the run goes on.
     */
    private void closeOrphans(TrackedRun run) {
        try {
            List<String> closed = tracker.closeOrphans(run.experimentId(), run.runId(), orphanAfter);
            if (!closed.isEmpty()) {
                log.info("Marked FAILED {} run(s) left RUNNING by a process that is gone: {}", closed.size(), closed);
            }
        } catch (RuntimeException e) {
            log.warn("The runs left RUNNING in experiment {} could not be looked for: {}", run.experimentId(),
                    e.toString());
        }
    }

    /** Marks the run FAILED, then adds the error as a tag; a second failure while doing so is logged, not thrown. */
    public void fail(TrackedRun run, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        try {
            tracker.failRun(run.runId());
            log.error("MLflow run {} marked FAILED: {}", run.runId(), message);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.error("MLflow run {} could not be marked FAILED ({}): the next run in its experiment marks it FAILED",
                    run.runId(), e.getMessage());
        }
        try {
            tracker.setTags(run.runId(), Map.of("error", message.length() > 5000 ? message.substring(0, 5000) : message));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public MlflowTracking tracking() {
        return tracking;
    }

    /** The id of the experiment the runs go to, created (and tagged as model development) when there is none. */
    public String experimentId() {
        return tracker.experimentId(experiment);
    }

    /** The run's page in the MLflow UI, in the Model training view. */
    public String runUrl(TrackedRun run) {
        return trackingUri + "/#/experiments/" + run.experimentId() + "/runs/" + run.runId() + WORKFLOW;
    }

    /** The experiment's runs table in the MLflow UI, in the Model training view. */
    public String experimentUrl(String experimentId) {
        return trackingUri + "/#/experiments/" + experimentId + WORKFLOW;
    }

    /**
     * The ratings snapshot as an MLflow dataset, from its {@code data.*} tags: named {@code ratings}, the
     * snapshot's checksum as digest (two runs on the same snapshot share it), the table and the latest rating
     * time as source, the counts as profile.
     */
    public static MlflowTracking.Dataset ratingsDataset(Map<String, String> snapshotTags) {
        String latest = snapshotTags.getOrDefault("data.latest_rated_at", "");
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("database", "postgresql");
        source.put("table", "ratings");
        source.put("snapshot_latest_rated_at", latest);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("ratings", Long.parseLong(snapshotTags.getOrDefault("data.ratings", "0")));
        profile.put("users", Long.parseLong(snapshotTags.getOrDefault("data.users", "0")));
        profile.put("movies", Long.parseLong(snapshotTags.getOrDefault("data.movies", "0")));
        profile.put("latest_rated_at", latest);
        return new MlflowTracking.Dataset("ratings", snapshotTags.get("data.checksum"), "postgresql",
                JSON.writeValueAsString(source), JSON.writeValueAsString(profile));
    }

    /** Logs the snapshot (its {@code data.*} tags) as the run's input dataset in {@code context}. */
    public void logDataset(TrackedRun run, Map<String, String> snapshotTags, String context) {
        tracking.logDatasetInput(run.runId(), ratingsDataset(snapshotTags), context);
    }

    /**
     * Publishes a trained model: an MLflow 3 logged model of the run with the parameters, its files (the saved
     * model folder {@code modelDir} as its {@code model/}, uploaded as it is, and the evaluation report beside it,
     * the layout serving reads: the version's source is that {@code model/} folder), the metrics measured on the
     * snapshot, marked ready and logged as the run's output; then a registry version created from it, with
     * {@code tags}, waiting until it is READY. A model whose files fail to upload is marked failed, never
     * registered.
     */
    public ModelVersion publishModel(TrackedRun run, String modelType, Map<String, String> params,
                                     Map<String, Double> metrics, Map<String, String> snapshotTags, Path modelDir,
                                     Path evaluationReport, Map<String, String> tags) {
        MlflowTracking.LoggedModel model = tracking.createLoggedModel(run.experimentId(), modelType, modelType,
                run.runId(), params, tags);
        String source = MlflowArtifacts.resolve(model.artifactUri(), "model");
        try {
            int files = artifacts.uploadDirectory(modelDir, source);
            artifacts.uploadFile(evaluationReport, MlflowArtifacts.resolve(model.artifactUri(),
                    evaluationReport.getFileName().toString()));
            log.info("Uploaded {} model files to {} (logged model {})", files, source, model.modelId());
            tracking.logModelMetrics(run.runId(), model.modelId(), metrics, ratingsDataset(snapshotTags));
        } catch (RuntimeException e) {
            try {
                tracking.finalizeLoggedModel(model.modelId(), false);
            } catch (RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
        tracking.finalizeLoggedModel(model.modelId(), true);
        tracking.logModelOutput(run.runId(), model.modelId());
        registry.createRegisteredModel(registeredModel);
        Map<String, String> all = new LinkedHashMap<>(snapshotTags);
        all.putAll(tags);
        ModelVersion version = registry.createModelVersionFromLoggedModel(registeredModel, source, run.runId(),
                model.modelId(), all);
        log.info("Registered {} version {} from logged model {}", registeredModel, version.version(), model.modelId());
        return version;
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
}
