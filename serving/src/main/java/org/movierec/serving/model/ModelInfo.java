package org.movierec.serving.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/model}: the model being served, or {@code loaded: false} with a message when there is none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ModelInfo(boolean loaded, String name, String alias, Integer version, String runId, String type,
                 JsonNode metrics, Instant trainedAt, Instant loadedAt, String message) {

    static ModelInfo of(ModelProperties properties, CurrentModel current) {
        return current.get()
                .map(model -> new ModelInfo(true, model.name(), properties.alias(), model.version(), model.runId(),
                        model.recommender().type(), model.metrics(), model.trainedAt(), model.loadedAt(), null))
                .orElseGet(() -> new ModelInfo(false, properties.name(), properties.alias(), null, null, null, null,
                        null, null, "No model is loaded: recommendations use the cold-start ranking"));
    }
}
