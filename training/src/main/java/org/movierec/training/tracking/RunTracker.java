package org.movierec.training.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mlflow.api.proto.Service.CreateExperiment;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.ExperimentTag;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a training run records in MLflow, on top of the MLflow Java client: the experiment, the run with its
 * tags, parameters, stepped metrics and final status.
 *
 * <p>Values are checked against MLflow's limits before they are sent (keys up to 250 characters, parameter
 * values up to 6000, tag values up to 8000) and sent in batches the server accepts (100 parameters or tags,
 * 1000 metric values a request). The Java client sends every failed request three times, 4xx answers included,
 * so this class avoids calls that are expected to fail (it finds an experiment by searching, not by
 * get-by-name, which answers 404 for an unknown name).
 *
 * <p>Each run is tagged with its {@link RunOwner} (host, pid, process start), and its heartbeat tag is renewed every
 * heartbeat interval while this process has it open; {@link #closeOrphans} marks FAILED the RUNNING runs whose process
 * is gone (killed, or ended while MLflow could not be told).
 */
public final class RunTracker {

    private static final Logger log = LoggerFactory.getLogger(RunTracker.class);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);

    static final int MAX_KEY_LENGTH = 250;
    static final int MAX_PARAM_VALUE_LENGTH = 6000;
    static final int MAX_TAG_VALUE_LENGTH = 8000;
    static final int PARAMS_PER_BATCH = 100;
    static final int TAGS_PER_BATCH = 100;
    static final int METRICS_PER_BATCH = 1000;
    /**
     * The experiment tag by which MLflow 3's UI chooses an experiment's view, and its value for model
     * development: the runs table and charts rather than GenAI traces.
     */
    public static final String EXPERIMENT_KIND_TAG = "mlflow.experimentKind";
    public static final String CUSTOM_MODEL_DEVELOPMENT = "custom_model_development";

    private final MlflowClient client;
    private final Duration heartbeat;
    private final RunOwner owner = RunOwner.current();
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeats;

    public RunTracker(MlflowClient client) {
        this(client, DEFAULT_HEARTBEAT);
    }

    /** @param heartbeat how often the heartbeat tag of each run this process has open is renewed */
    public RunTracker(MlflowClient client, Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat interval: expected a positive duration, got " + heartbeat);
        }
        this.client = client;
        this.heartbeat = heartbeat;
    }

    /**
     * The id of the active experiment named {@code name}, created when there is none; tagged
     * {@link #EXPERIMENT_KIND_TAG} {@code = custom_model_development} when it is not yet.
     */
    public String experimentId(String name) {
        if (name == null || name.isBlank() || name.indexOf('\'') >= 0 || name.length() > 500) {
            throw new IllegalArgumentException("MLflow experiment name: expected 1 to 500 characters without a single quote, got '"
                    + name + "'");
        }
        Optional<Experiment> found = findExperiment(name);
        if (found.isEmpty()) {
            try {
                return client.createExperiment(CreateExperiment.newBuilder().setName(name)
                        .addTags(ExperimentTag.newBuilder().setKey(EXPERIMENT_KIND_TAG).setValue(CUSTOM_MODEL_DEVELOPMENT))
                        .build());
            } catch (MlflowHttpException e) {
                if (!String.valueOf(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS")) {
                    throw e;
                }
                found = findExperiment(name);   // created by someone else meanwhile
            }
        }
        Experiment experiment = found.orElseThrow(() -> new IllegalStateException(
                "MLflow experiment '" + name + "' exists but cannot be found by name"));
        if (!"active".equals(experiment.getLifecycleStage())) {
            throw new IllegalStateException("MLflow experiment '" + name + "' (id " + experiment.getExperimentId()
                    + ") is deleted: restore it in MLflow, or choose another experiment name");
        }
        boolean tagged = experiment.getTagsList().stream().anyMatch(tag -> tag.getKey().equals(EXPERIMENT_KIND_TAG)
                && tag.getValue().equals(CUSTOM_MODEL_DEVELOPMENT));
        if (!tagged) {
            client.setExperimentTag(experiment.getExperimentId(), EXPERIMENT_KIND_TAG, CUSTOM_MODEL_DEVELOPMENT);
        }
        return experiment.getExperimentId();
    }

    private Optional<Experiment> findExperiment(String name) {
        return client.searchExperiments("name = '" + name + "'", ViewType.ALL, 1, List.of()).getItems().stream()
                .filter(experiment -> experiment.getName().equals(name))
                .findFirst();
    }

    /** Starts a run named {@code runName} (null: MLflow picks a name) in the experiment, with the tags. */
    public TrackedRun startRun(String experimentId, String runName, Map<String, String> tags) {
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setStartTime(System.currentTimeMillis());
        if (runName != null) {
            request.setRunName(runName);
        }
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.putAll(owner.tags());
        all.put(RunOwner.HEARTBEAT_TAG, Long.toString(System.currentTimeMillis()));
        checked(all, MAX_TAG_VALUE_LENGTH, "tag").forEach(tag -> request.addTags(tag(tag)));
        RunInfo run = client.createRun(request.build());
        open.add(run.getRunId());
        startHeartbeats();
        return new TrackedRun(run.getExperimentId(), run.getRunId(), run.getArtifactUri());
    }

    private synchronized void startHeartbeats() {
        if (heartbeats != null) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mlflow-run-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = heartbeat.toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops renewing heartbeats (the runs still open then are left to {@link #closeOrphans} of a later run). */
    public synchronized void close() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            heartbeats = null;
        }
    }

    /** Renews the heartbeat tag of each open run; a failure (MLflow away) waits for the next beat. */
    private void beat() {
        String now = Long.toString(System.currentTimeMillis());
        for (String runId : open) {
            try {
                client.setTag(runId, RunOwner.HEARTBEAT_TAG, now);
            } catch (RuntimeException e) {
                log.debug("Heartbeat of MLflow run {} not recorded: {}", runId, e.toString());
            }
        }
    }

    /**
     * Marks FAILED each RUNNING run of the experiment whose process is gone ({@link RunOwner#orphanReason}: at once
     * for a process of this host, after {@code staleAfter} without a heartbeat for another host's), tagging it
     * {@link RunOwner#ORPHANED_TAG} with the reason and {@code byRunId}, the run that found it. Answers the ids of
     * the runs marked.
     */
    public List<String> closeOrphans(String experimentId, String byRunId, Duration staleAfter) {
        List<String> closed = new ArrayList<>();
        for (RunInfo info : client.searchRuns(List.of(experimentId), "attributes.status = 'RUNNING'")) {
            String runId = info.getRunId();
            if (runId.equals(byRunId) || open.contains(runId)) {
                continue;
            }
            Map<String, String> tags = runTags(runId);
            Optional<String> reason = owner.orphanReason(tags, info.getStartTime(), Instant.now(), staleAfter,
                    RunOwner::liveProcessStart);
            if (reason.isPresent()) {
                // ended at its last sign of life: the last heartbeat
                client.setTerminated(runId, RunStatus.FAILED, Math.max(lastHeartbeat(tags), info.getStartTime()));
                String text = reason.get() + "; marked FAILED by run " + byRunId;
                client.setTag(runId, RunOwner.ORPHANED_TAG, text.length() > MAX_TAG_VALUE_LENGTH
                        ? text.substring(0, MAX_TAG_VALUE_LENGTH) : text);
                log.warn("MLflow run {} was left RUNNING: {}", runId, text);
                closed.add(runId);
            }
        }
        return closed;
    }

    /** Logs the parameters. MLflow keeps the first value of a parameter: logging another value for it fails. */
    public void logParams(String runId, Map<String, String> params) {
        List<Map.Entry<String, String>> entries = checked(params, MAX_PARAM_VALUE_LENGTH, "parameter");
        for (List<Map.Entry<String, String>> batch : batches(entries, PARAMS_PER_BATCH)) {
            List<Param> protos = batch.stream()
                    .map(e -> Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build()).toList();
            client.logBatch(runId, List.of(), protos, List.of());
        }
    }

    /** Logs metric values; each keeps its step and timestamp. */
    public void logMetrics(String runId, List<MetricPoint> points) {
        List<Metric> protos = new ArrayList<>(points.size());
        for (MetricPoint point : points) {
            checkKey(point.key(), "metric");
            protos.add(Metric.newBuilder().setKey(point.key()).setValue(point.value())
                    .setStep(point.step()).setTimestamp(point.timestamp()).build());
        }
        for (List<Metric> batch : batches(protos, METRICS_PER_BATCH)) {
            client.logBatch(runId, batch, List.of(), List.of());
        }
    }

    /** Logs final metric values (step 0, measured now), such as an evaluation's. */
    public void logFinalMetrics(String runId, Map<String, Double> metrics) {
        long now = System.currentTimeMillis();
        logMetrics(runId, metrics.entrySet().stream().map(e -> new MetricPoint(e.getKey(), e.getValue(), 0, now))
                .toList());
    }

    /** Logs one metric value measured now at {@code step}. */
    public void logMetric(String runId, String key, double value, long step) {
        logMetrics(runId, List.of(MetricPoint.now(key, value, step)));
    }

    /** Sets the tags, replacing the values of tags that are already set. */
    public void setTags(String runId, Map<String, String> tags) {
        List<RunTag> protos = checked(tags, MAX_TAG_VALUE_LENGTH, "tag").stream().map(RunTracker::tag).toList();
        for (List<RunTag> batch : batches(protos, TAGS_PER_BATCH)) {
            client.logBatch(runId, List.of(), List.of(), batch);
        }
    }

    /** Ends the run as FINISHED. */
    public void finishRun(String runId) {
        open.remove(runId);
        client.setTerminated(runId, RunStatus.FINISHED, System.currentTimeMillis());
    }

    /** Ends the run as FAILED. */
    public void failRun(String runId) {
        open.remove(runId);
        client.setTerminated(runId, RunStatus.FAILED, System.currentTimeMillis());
    }

    /** Deletes the run (MLflow keeps it among the deleted runs until garbage collection). */
    public void deleteRun(String runId) {
        open.remove(runId);
        client.deleteRun(runId);
    }

    /** The run's tags. */
    public Map<String, String> runTags(String runId) {
        Map<String, String> tags = new LinkedHashMap<>();
        client.getRun(runId).getData().getTagsList().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
        return tags;
    }

    /** The run's metrics, each at its latest value. */
    public Map<String, Double> runMetrics(String runId) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        client.getRun(runId).getData().getMetricsList().forEach(metric -> metrics.put(metric.getKey(), metric.getValue()));
        return metrics;
    }

    /** The ids of the experiment's active runs that match {@code filter} (MLflow's search syntax), newest first. */
    public List<String> findRuns(String experimentId, String filter) {
        return client.searchRuns(List.of(experimentId), filter).stream()
                .sorted(Comparator.comparingLong(RunInfo::getStartTime).reversed())
                .map(RunInfo::getRunId).toList();
    }

    /** Where the run's artifacts go, e.g. {@code mlflow-artifacts:/1/<runId>/artifacts}. */
    public String artifactUri(String runId) {
        return client.getRun(runId).getInfo().getArtifactUri();
    }

    private static long lastHeartbeat(Map<String, String> tags) {
        try {
            return Long.parseLong(tags.getOrDefault(RunOwner.HEARTBEAT_TAG, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static RunTag tag(Map.Entry<String, String> tag) {
        return RunTag.newBuilder().setKey(tag.getKey()).setValue(tag.getValue()).build();
    }

    /** The entries in a stable order, after checking keys and value lengths. */
    private static List<Map.Entry<String, String>> checked(Map<String, String> values, int maxValueLength, String what) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, String> entry : entries) {
            checkKey(entry.getKey(), what);
            if (entry.getValue() == null || entry.getValue().length() > maxValueLength) {
                throw new IllegalArgumentException("MLflow " + what + " '" + entry.getKey() + "': expected a value of at most "
                        + maxValueLength + " characters, got " + describe(entry.getValue()));
            }
        }
        return entries;
    }

    private static String describe(String value) {
        return value == null ? "null" : value.length() + " characters";
    }

    private static void checkKey(String key, String what) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("MLflow " + what + " name: expected 1 to " + MAX_KEY_LENGTH
                    + " characters, got " + (key == null ? "null" : "'" + key + "'"));
        }
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            batches.add(items.subList(start, Math.min(items.size(), start + size)));
        }
        return batches;
    }
}
