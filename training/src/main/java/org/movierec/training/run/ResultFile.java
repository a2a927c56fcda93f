package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.mlflow.ModelRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcome of a command as a small JSON object ({@code --result-file}), for a scheduler that passes the
 * version on to the next step: {@code run_id}, {@code run_url}, {@code registered_model}, {@code version},
 * {@code alias} (the ranker's alias it holds, {@code champion} or {@code challenger}; null when none or for evaluate),
 * {@code predictor_alias} (the same for the rating predictor: {@code predictor-champion} or
 * {@code predictor-challenger}), {@code skipped} (train found nothing new to train on).
 */
public final class ResultFile {

    public static void write(Path file, RunResult result) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", result.runId());
        json.put("run_url", result.runUrl());
        json.put("registered_model", result.version().name());
        json.put("version", result.version().version());
        json.put("alias", result.promotion(ModelRole.RANKER).map(Promotion::alias).orElse(null));
        json.put("predictor_alias", result.promotion(ModelRole.PREDICTOR).map(Promotion::alias).orElse(null));
        json.put("skipped", result.skipped());
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, JsonMapper.builder().build().writeValueAsString(json) + "\n");
    }

    private ResultFile() {
    }
}
