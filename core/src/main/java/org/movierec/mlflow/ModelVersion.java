package org.movierec.mlflow;

import java.util.List;
import java.util.Map;

/**
 * A version of a registered model in the MLflow model registry.
 *
 * @param name              the registered model's name
 * @param version           the version number (1, 2, ...)
 * @param source            where the model's files are, e.g. {@code mlflow-artifacts:/1/<run>/artifacts/model}
 * @param runId             the run that produced it; null when none was given
 * @param status            {@code PENDING_REGISTRATION}, {@code READY} or {@code FAILED_REGISTRATION}
 * @param tags              the version's tags
 * @param aliases           the aliases that point at this version (only some server answers list them)
 * @param creationTimestamp when it was created, in milliseconds since the epoch
 * @param description       the text the registry page shows; null when none was set
 */
public record ModelVersion(String name, int version, String source, String runId, String status,
                           Map<String, String> tags, List<String> aliases, long creationTimestamp, String description) {

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** Whether the registry has finished registering this version. */
    public boolean ready() {
        return "READY".equals(status);
    }
}
