package org.movierec.mlflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MLflow model registry through its REST API: registered models, model versions, aliases and version
 * tags, which the MLflow Java client does not offer.
 */
public final class MlflowRegistry {

    private static final String MODELS = MlflowHttp.API + "mlflow/registered-models/";
    private static final String VERSIONS = MlflowHttp.API + "mlflow/model-versions/";
    private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(200);

    private final MlflowHttp http;

    /**
     * With the credentials of {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}, when set.
     *
     * @param baseUrl the tracking server, e.g. {@code http://127.0.0.1:5000}
     */
    public MlflowRegistry(String baseUrl) {
        this(baseUrl, MlflowCredentials.fromEnvironment());
    }

    /**
     * @param baseUrl     the tracking server, e.g. {@code http://127.0.0.1:5000}
     * @param credentials the MLflow user's login ({@link MlflowCredentials#NONE}: none)
     */
    public MlflowRegistry(String baseUrl, MlflowCredentials credentials) {
        this(new MlflowHttp(baseUrl, credentials));
    }

    MlflowRegistry(MlflowHttp http) {
        this.http = http;
    }

    /** Fails fast with "MLflow tracking server at URL is not reachable: ..." when the server does not answer. */
    public void ping() {
        http.ping();
    }

    /** Creates the registered model; returns false when it already existed. */
    public boolean createRegisteredModel(String name) {
        try {
            http.post(MODELS + "create", object().put("name", name));
            return true;
        } catch (MlflowException e) {
            if ("RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the registered model with all its versions. */
    public void deleteRegisteredModel(String name) {
        http.delete(MODELS + "delete", object().put("name", name));
    }

    /** {@link #createModelVersion(String, String, String, Map, Duration)} waiting up to two minutes. */
    public ModelVersion createModelVersion(String name, String source, String runId, Map<String, String> tags) {
        return createModelVersion(name, source, runId, tags, DEFAULT_READY_TIMEOUT);
    }

    /**
     * Registers {@code source} (the artifact URI of the model's folder in run {@code runId}) as a new version of
     * the registered model {@code name}, and waits until the registry reports it READY.
     */
    public ModelVersion createModelVersion(String name, String source, String runId, Map<String, String> tags,
                                           Duration readyTimeout) {
        return createModelVersion(name, source, runId, null, tags, readyTimeout);
    }

    /**
     * Registers the MLflow 3 logged model {@code modelId} as a new version of {@code name}; {@code source} is its
     * artifact location (the registry refuses one outside it). The logged model gets MLflow's
     * {@code mlflow.modelVersions} tag, so the Models tab, the run and the registry link to each other.
     */
    public ModelVersion createModelVersionFromLoggedModel(String name, String source, String runId, String modelId,
                                                          Map<String, String> tags) {
        return createModelVersion(name, source, runId, modelId, tags, DEFAULT_READY_TIMEOUT);
    }

    private ModelVersion createModelVersion(String name, String source, String runId, String modelId,
                                            Map<String, String> tags, Duration readyTimeout) {
        ObjectNode request = object().put("name", name).put("source", source);
        if (runId != null) {
            request.put("run_id", runId);
        }
        if (modelId != null) {
            request.put("model_id", modelId);
        }
        ArrayNode tagArray = request.putArray("tags");
        tags.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
        ModelVersion version = modelVersion(http.post(VERSIONS + "create", request).path("model_version"));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!version.ready()) {
            if ("FAILED_REGISTRATION".equals(version.status())) {
                throw new MlflowException("MLflow model version " + name + "/" + version.version()
                        + " failed registration", 0, null, null);
            }
            if (System.nanoTime() > deadline) {
                throw new MlflowException("MLflow model version " + name + "/" + version.version() + " is still "
                        + version.status() + " after " + readyTimeout.toSeconds() + " s", 0, null, null);
            }
            sleep(POLL);
            version = getModelVersion(name, version.version());
        }
        return version;
    }

    public ModelVersion getModelVersion(String name, int version) {
        return modelVersion(http.get(VERSIONS + "get", Map.of("name", name, "version", Integer.toString(version)))
                .path("model_version"));
    }

    /** The version that {@code alias} points at; empty when the model or the alias does not exist. */
    public Optional<ModelVersion> getModelVersionByAlias(String name, String alias) {
        try {
            return Optional.of(modelVersion(http.get(MODELS + "alias", Map.of("name", name, "alias", alias))
                    .path("model_version")));
        } catch (MlflowException e) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
                return Optional.empty();   // no such model
            }
            // An unknown alias of an existing model is answered with 400 INVALID_PARAMETER_VALUE: confirm with
            // the model's own alias list rather than by reading the message.
            if ("INVALID_PARAMETER_VALUE".equals(e.errorCode())
                    && !getAliases(name).orElse(Map.of()).containsKey(alias)) {
                return Optional.empty();
            }
            // MLflow's basic-auth app answers the alias lookup on a model that does not exist with 403 (it finds no
            // model to check the permission on), where the model's own lookup says 404: ask that one.
            if (e.status() == 403 && getAliases(name).isEmpty()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Points {@code alias} at {@code version}, moving it when it pointed elsewhere. */
    public void setAlias(String name, String alias, int version) {
        http.post(MODELS + "alias", object().put("name", name).put("alias", alias).put("version", Integer.toString(version)));
    }

    /** Removes {@code alias}; the server accepts an alias that does not exist. */
    public void deleteAlias(String name, String alias) {
        http.delete(MODELS + "alias", object().put("name", name).put("alias", alias));
    }

    /** Sets the version's description, the text the registry page shows a person. */
    public void setModelVersionDescription(String name, int version, String description) {
        http.patch(VERSIONS + "update", object().put("name", name).put("version", Integer.toString(version))
                .put("description", description));
    }

    public void setModelVersionTag(String name, int version, String key, String value) {
        http.post(VERSIONS + "set-tag", object().put("name", name).put("version", Integer.toString(version))
                .put("key", key).put("value", value));
    }

    /** All versions of the registered model {@code name}, newest first; empty when there is no such model. */
    public List<ModelVersion> searchModelVersions(String name) {
        if (name.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("model name \"" + name + "\" holds a single quote: cannot search for it");
        }
        String filter = "name='" + name + "'";
        List<ModelVersion> versions = new ArrayList<>();
        String pageToken = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("filter", filter);
            query.put("max_results", "200");
            if (pageToken != null) {
                query.put("page_token", pageToken);
            }
            JsonNode answer = http.get(VERSIONS + "search", query);
            answer.path("model_versions").forEach(node -> versions.add(modelVersion(node)));
            pageToken = MlflowHttp.text(answer, "next_page_token");
        } while (pageToken != null && !pageToken.isEmpty());
        versions.sort(Comparator.comparingInt(ModelVersion::version).reversed());
        return versions;
    }

    /**
     * The registered model's aliases and the version each names, with one request (GET registered-models/get): what
     * a poller asks every few seconds or minutes, before it asks for a version's details only when one has changed.
     * Empty when the model does not exist.
     */
    public Optional<Map<String, Integer>> getAliases(String name) {
        JsonNode model;
        try {
            model = http.get(MODELS + "get", Map.of("name", name)).path("registered_model");
        } catch (MlflowException e) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, Integer> aliases = new LinkedHashMap<>();
        for (JsonNode alias : model.path("aliases")) {
            aliases.put(MlflowHttp.text(alias, "alias"), Integer.parseInt(MlflowHttp.text(alias, "version")));
        }
        return Optional.of(aliases);
    }

    private ObjectNode object() {
        return http.json().createObjectNode();
    }

    static ModelVersion modelVersion(JsonNode node) {
        if (!node.isObject() || MlflowHttp.text(node, "version") == null) {
            throw new MlflowException("MLflow answer holds no model version: " + node, 0, null, null);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : node.path("tags")) {
            tags.put(MlflowHttp.text(tag, "key"), MlflowHttp.text(tag, "value"));
        }
        List<String> aliases = new ArrayList<>();
        node.path("aliases").forEach(alias -> aliases.add(alias.asString()));
        return new ModelVersion(MlflowHttp.text(node, "name"), Integer.parseInt(MlflowHttp.text(node, "version")),
                MlflowHttp.text(node, "source"), MlflowHttp.text(node, "run_id"), MlflowHttp.text(node, "status"),
                tags, aliases, node.path("creation_timestamp").asLong(0), MlflowHttp.text(node, "description"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException("interrupted while waiting for a model version to become READY", 0, null, e);
        }
    }
}
