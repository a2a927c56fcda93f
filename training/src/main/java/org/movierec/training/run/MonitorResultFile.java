package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcome of {@code monitor} as JSON ({@code --result-file}), for the scheduler's alert: {@code checks}, one
 * object per watched role ({@code role}, {@code registered_model}, {@code version}, {@code model_type},
 * {@code metric}, {@code figure}, {@code baseline}, {@code test_figure} (null when not measured),
 * {@code new_ratings}, {@code new_users}, {@code snapshot}, {@code run_id}, {@code run_url}, {@code drop} (the
 * reason, null when none), {@code message}), and {@code drops}, the messages of the checks that found a drop.
 */
public final class MonitorResultFile {

    public static void write(Path file, List<MonitoringRun.Check> checks) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        for (MonitoringRun.Check check : checks) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("role", check.role().id());
            json.put("registered_model", check.champion().name());
            json.put("version", check.champion().version());
            json.put("model_type", check.modelType());
            json.put("metric", check.metric());
            json.put("figure", number(check.figure()));
            json.put("baseline", number(check.baseline()));
            json.put("test_figure", number(check.testFigure()));
            json.put("new_ratings", check.newRatings());
            json.put("new_users", check.newUsers());
            json.put("snapshot", check.snapshot().toString());
            json.put("run_id", check.runId());
            json.put("run_url", check.runUrl());
            json.put("drop", check.drop());
            json.put("message", check.message());
            objects.add(json);
            if (check.drop() != null) {
                drops.add(check.message());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("checks", objects);
        json.put("drops", drops);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, JsonMapper.builder().build().writeValueAsString(json) + "\n");
    }

    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private MonitorResultFile() {
    }
}
