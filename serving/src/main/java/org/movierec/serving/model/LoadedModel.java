package org.movierec.serving.model;

import java.time.Instant;

import org.movierec.model.ContentIndex;
import org.movierec.model.Recommender;

import tools.jackson.databind.JsonNode;

/**
 * A registered model version loaded into memory, swapped in as a whole: requests see one version or the next,
 * never a mix.
 *
 * @param content      the content index saved with the model, or null when it has none
 * @param metrics      the {@code metrics} of the run's {@code evaluation.json}; an empty object when it has none
 * @param experimentId the MLflow experiment of its run (from the version's source); null when unknown
 * @param neighbours   every item's most similar items by the model, computed before the version is swapped in as
 *                     the ranker; null for a model with no learned item similarity, and in the predictor's role alone
 */
public record LoadedModel(String name, int version, String runId, Recommender recommender, ContentIndex content,
                          JsonNode metrics, Instant trainedAt, Instant loadedAt, String experimentId,
                          ItemNeighbours neighbours) {

    /** The same version with its neighbour table. */
    LoadedModel withNeighbours(ItemNeighbours table) {
        return new LoadedModel(name, version, runId, recommender, content, metrics, trainedAt, loadedAt, experimentId,
                table);
    }

    /**
     * The experiment of a version's source {@code mlflow-artifacts:/<experiment>/...} (a run's artifacts or an
     * MLflow 3 logged model's); null for another kind of source.
     */
    public static String experimentOf(String source) {
        if (source == null || !source.startsWith("mlflow-artifacts:/")) {
            return null;
        }
        String path = source.substring("mlflow-artifacts:/".length()).replaceFirst("^/+", "");
        int slash = path.indexOf('/');
        String experiment = slash < 0 ? path : path.substring(0, slash);
        return experiment.matches("[0-9]+") ? experiment : null;
    }
}
