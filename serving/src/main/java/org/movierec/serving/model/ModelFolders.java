package org.movierec.serving.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.movierec.model.ContentIndex;
import org.movierec.model.InvalidModelException;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads a downloaded version's folder ({@code model/}, optional {@code model/content/} and {@code evaluation.json}). */
final class ModelFolders {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ModelFolders() {
    }

    /** @throws InvalidModelException when the model, its content index or its evaluation cannot be read */
    static LoadedModel load(Path folder, String name, int version, String runId, String experimentId) {
        Path modelDir = folder.resolve(ModelCache.MODEL);
        Recommender recommender = SavedModels.load(modelDir);
        Path contentDir = modelDir.resolve("content");
        ContentIndex content = Files.isDirectory(contentDir) ? ContentIndex.load(contentDir) : null;
        return new LoadedModel(name, version, runId, recommender, content, metrics(folder.resolve(ModelCache.EVALUATION)),
                SavedModels.readManifest(modelDir).trainedAt(), Instant.now(), experimentId, null);
    }

    private static JsonNode metrics(Path evaluation) {
        if (!Files.isRegularFile(evaluation)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode metrics = JSON.readTree(evaluation.toFile()).path("metrics");
            return metrics.isObject() ? metrics : JSON.createObjectNode();
        } catch (JacksonException e) {
            throw new InvalidModelException(evaluation + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
