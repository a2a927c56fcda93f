package org.movierec.serving.model;

import java.time.Instant;
import java.util.Map;

import org.movierec.mlflow.ModelRole;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/model}: the top-N ranker being served, or {@code loaded: false} with a message when there is
 * none, and under {@code predictor} the same for the rating predictor. {@code mlflowRunUrl} is the run that
 * trained it in MLflow's UI, in its Model training view; absent when its experiment is unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ModelInfo(boolean loaded, String role, String name, String alias, Integer version, String runId, String type,
                 JsonNode metrics, Instant trainedAt, Instant loadedAt,
                 @Schema(description = "present while the registry has no version under the alias (it was removed): "
                         + "when that was first seen; the version loaded before goes on serving")
                 Instant aliasRemovedAt,
                 String message, String mlflowRunUrl, ModelInfo predictor) {

    private static final Map<ModelRole, String> WITHOUT = Map.of(
            ModelRole.RANKER, "No ranker is loaded: recommendations use the cold-start ranking",
            ModelRole.PREDICTOR, "No rating predictor is loaded: predictions come from the ranker when it predicts "
                    + "ratings, else from each movie's damped mean rating");

    static ModelInfo of(ModelProperties properties, CurrentModel current) {
        return of(properties, current, ModelRole.RANKER, of(properties, current, ModelRole.PREDICTOR, null));
    }

    private static ModelInfo of(ModelProperties properties, CurrentModel current, ModelRole role, ModelInfo predictor) {
        String alias = properties.alias(role);
        Instant removedAt = current.aliasRemovedAt(role).orElse(null);
        return current.get(role)
                .map(model -> new ModelInfo(true, role.id(), model.name(), alias, model.version(), model.runId(),
                        model.recommender().type(), model.metrics(), model.trainedAt(), model.loadedAt(), removedAt,
                        removedAt == null ? null : "The registry has no version of '" + model.name() + "' under the "
                                + "alias '" + alias + "' any more: version " + model.version() + ", loaded before, is "
                                + "served until the alias names a version again", runUrl(properties, model), predictor))
                .orElseGet(() -> new ModelInfo(false, role.id(), properties.name(), alias, null, null, null, null,
                        null, null, null, WITHOUT.get(role), null, predictor));
    }

    private static String runUrl(ModelProperties properties, LoadedModel model) {
        return model.runId() == null || model.experimentId() == null ? null : properties.mlflowUi() + "/#/experiments/"
                + model.experimentId() + "/runs/" + model.runId() + "?workflowType=machine_learning";
    }
}
