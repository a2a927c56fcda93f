package org.movierec.training.run;

import java.util.Map;

/**
 * What a run is asked to do.
 *
 * @param modelType       a type of {@code Trainers}
 * @param hyperParameters overrides of the trainer's defaults
 * @param splitMethod     {@code random}, {@code temporal} or {@code kfold}
 * @param promote         whether the new version may become champion
 * @param runName         the MLflow run name; null lets MLflow choose
 */
public record RunRequest(String modelType, Map<String, String> hyperParameters, String splitMethod,
                         double testFraction, int folds, long seed, boolean promote, String runName) {

    public RunRequest {
        hyperParameters = Map.copyOf(hyperParameters);
    }

    public RunRequest withHyperParameters(Map<String, String> values, String name) {
        return new RunRequest(modelType, values, splitMethod, testFraction, folds, seed, promote, name);
    }
}
