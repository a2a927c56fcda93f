package org.movierec.training.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.training.data.RatingsSnapshot;
import org.movierec.training.train.Trainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code evaluation.json}: the model, its parameters, the data snapshot and every metric of a run. */
public final class EvaluationReport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvaluationReport() {
    }

    public static void write(Path file, Trainer trainer, Map<String, Double> metrics, RatingsSnapshot snapshot)
            throws IOException {
        write(file, trainer.type(), trainer.params(), metrics, snapshot.tags());
    }

    /** @param dataTags the snapshot's tags ({@link RatingsSnapshot#tags()}) */
    public static void write(Path file, String modelType, Map<String, String> hyperParameters,
                             Map<String, Double> metrics, Map<String, String> dataTags) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model_type", modelType);
        report.put("hyper_parameters", hyperParameters);
        report.put("data", dataTags);
        report.put("metrics", metrics);
        report.put("written_at", Instant.now().toString());
        try {
            JSON.writeValue(file.toFile(), report);
        } catch (JacksonException e) {
            throw new IOException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
    }
}
