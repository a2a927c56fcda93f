package org.movierec.model;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code model.json} of a saved model says: the format and its version, the model type, the
 * hyper-parameters it was trained with and when it was trained.
 */
public record ModelManifest(String format, int formatVersion, String type, Map<String, String> params,
                            Instant trainedAt) {

    public static final String FORMAT = "movierec-model";
    public static final int FORMAT_VERSION = 1;

    public static ModelManifest of(String type, Map<String, String> params, Instant trainedAt) {
        return new ModelManifest(FORMAT, FORMAT_VERSION, type, Map.copyOf(params), trainedAt);
    }
}
