package org.movierec.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MLflow 3 tracking calls the MLflow Java client does not offer, through the REST API: a run's dataset
 * inputs ({@code runs/log-inputs}), logged models ({@code logged-models}: create, parameters, metrics, finalize)
 * and a run's model outputs ({@code runs/outputs}). With them the UI's Dataset and Models columns, the
 * experiment's Models tab and the registry link to each other.
 */
public final class MlflowTracking {

    /** The input tag MLflow's UI shows as a dataset's context ({@code training}, {@code evaluation}). */
    public static final String CONTEXT_TAG = "mlflow.data.context";
    static final int PARAMS_PER_REQUEST = 100;
    private static final String TRACKING = MlflowHttp.API + "mlflow/";

    private final MlflowHttp http;

    /**
     * With the credentials of {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}, when set.
     *
     * @param baseUrl the tracking server, e.g. {@code http://127.0.0.1:5000}
     */
    public MlflowTracking(String baseUrl) {
        this(baseUrl, MlflowCredentials.fromEnvironment());
    }

    /**
     * @param baseUrl     the tracking server, e.g. {@code http://127.0.0.1:5000}
     * @param credentials the MLflow user's login ({@link MlflowCredentials#NONE}: none)
     */
    public MlflowTracking(String baseUrl, MlflowCredentials credentials) {
        this(new MlflowHttp(baseUrl, credentials));
    }

    MlflowTracking(MlflowHttp http) {
        this.http = http;
    }

    /**
     * A dataset as MLflow records it: two runs that log the same name and digest share one dataset, which the
     * runs table's dataset filter finds.
     *
     * @param digest     what identifies the content (up to 36 characters)
     * @param sourceType where it comes from, e.g. {@code postgresql}
     * @param source     a JSON object saying where exactly
     * @param profile    a JSON object with its size figures
     */
    public record Dataset(String name, String digest, String sourceType, String source, String profile) {
    }

    /**
     * A logged model: MLflow 3's record of one trained model, with its own artifact location.
     *
     * @param artifactUri where its files go, e.g. {@code mlflow-artifacts:/1/models/m-<id>/artifacts}
     * @param status      {@code LOGGED_MODEL_PENDING}, {@code LOGGED_MODEL_READY} or {@code LOGGED_MODEL_UPLOAD_FAILED}
     */
    public record LoggedModel(String modelId, String experimentId, String name, String modelType, String artifactUri,
                              String status, String sourceRunId) {
    }

    /** Logs {@code dataset} as an input of the run, in {@code context} ({@code training}, {@code evaluation}). */
    public void logDatasetInput(String runId, Dataset dataset, String context) {
        ObjectNode request = object().put("run_id", runId);
        ObjectNode input = request.putArray("datasets").addObject();
        input.putArray("tags").addObject().put("key", CONTEXT_TAG).put("value", context);
        input.putObject("dataset").put("name", dataset.name()).put("digest", dataset.digest())
                .put("source_type", dataset.sourceType()).put("source", dataset.source())
                .put("profile", dataset.profile());
        http.post(TRACKING + "runs/log-inputs", request);
    }

    /**
     * Creates a logged model (status pending) produced by run {@code sourceRunId}, with its parameters and tags;
     * its files go to {@link LoggedModel#artifactUri()}, then {@link #finalizeLoggedModel} marks it ready.
     */
    public LoggedModel createLoggedModel(String experimentId, String name, String modelType, String sourceRunId,
                                         Map<String, String> params, Map<String, String> tags) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
        ObjectNode request = object().put("experiment_id", experimentId).put("name", name).put("model_type", modelType)
                .put("source_run_id", sourceRunId);
        keyValues(request.putArray("params"), entries.subList(0, Math.min(entries.size(), PARAMS_PER_REQUEST)));
        keyValues(request.putArray("tags"), new ArrayList<>(tags.entrySet()));
        LoggedModel model = loggedModel(http.post(TRACKING + "logged-models", request).path("model"));
        for (int start = PARAMS_PER_REQUEST; start < entries.size(); start += PARAMS_PER_REQUEST) {
            ObjectNode more = object().put("model_id", model.modelId());
            keyValues(more.putArray("params"), entries.subList(start, Math.min(entries.size(), start + PARAMS_PER_REQUEST)));
            http.post(TRACKING + "logged-models/" + model.modelId() + "/params", more);
        }
        return model;
    }

    /**
     * Logs final metric values (step 0) of the model to its run, linked to the model and, when {@code dataset}
     * is not null, to the dataset they were measured on.
     */
    public void logModelMetrics(String runId, String modelId, Map<String, Double> metrics, Dataset dataset) {
        long now = System.currentTimeMillis();
        ObjectNode request = object().put("run_id", runId);
        ArrayNode array = request.putArray("metrics");
        metrics.forEach((key, value) -> {
            ObjectNode metric = array.addObject().put("key", key).put("value", value).put("timestamp", now)
                    .put("step", 0).put("model_id", modelId);
            if (dataset != null) {
                metric.put("dataset_name", dataset.name()).put("dataset_digest", dataset.digest());
            }
        });
        http.post(TRACKING + "runs/log-batch", request);
    }

    /** Marks the logged model ready (its files are all uploaded) or failed. */
    public LoggedModel finalizeLoggedModel(String modelId, boolean ready) {
        return loggedModel(http.patch(TRACKING + "logged-models/" + modelId, object().put("model_id", modelId)
                .put("status", ready ? "LOGGED_MODEL_READY" : "LOGGED_MODEL_UPLOAD_FAILED")).path("model"));
    }

    /** Records the logged model as an output of the run (the runs table's Models column). */
    public void logModelOutput(String runId, String modelId) {
        ObjectNode request = object().put("run_id", runId);
        request.putArray("models").addObject().put("model_id", modelId).put("step", 0);
        http.post(TRACKING + "runs/outputs", request);
    }

    public LoggedModel getLoggedModel(String modelId) {
        return loggedModel(http.get(TRACKING + "logged-models/" + modelId, Map.of()).path("model"));
    }

    private void keyValues(ArrayNode array, List<Map.Entry<String, String>> entries) {
        entries.forEach(e -> array.addObject().put("key", e.getKey()).put("value", e.getValue()));
    }

    private ObjectNode object() {
        return http.json().createObjectNode();
    }

    static LoggedModel loggedModel(JsonNode model) {
        JsonNode info = model.path("info");
        if (MlflowHttp.text(info, "model_id") == null) {
            throw new MlflowException("MLflow answer holds no logged model: " + model, 0, null, null);
        }
        return new LoggedModel(MlflowHttp.text(info, "model_id"), MlflowHttp.text(info, "experiment_id"),
                MlflowHttp.text(info, "name"), MlflowHttp.text(info, "model_type"), MlflowHttp.text(info, "artifact_uri"),
                MlflowHttp.text(info, "status"), MlflowHttp.text(info, "source_run_id"));
    }
}
