package org.movierec.serving.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.movierec.mlflow.ModelRole;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The model versions being served, one per {@link ModelRole}, each replaced atomically. Requests read one once and
 * use that version to the end, so a swap never mixes two versions in one answer. Publishes the gauge
 * {@code movierec.model.version} per role (0 while none is loaded).
 */
@Component
public class CurrentModel {

    private final Map<ModelRole, AtomicReference<LoadedModel>> models = new EnumMap<>(ModelRole.class);

    CurrentModel(MeterRegistry meters, ModelProperties properties) {
        for (ModelRole role : ModelRole.values()) {
            models.put(role, new AtomicReference<>());
            Gauge.builder("movierec.model.version", this, current -> current.get(role).map(LoadedModel::version).orElse(0))
                    .description("Version of the registered model being served in a role (0: none)")
                    .tag("model", properties.name())
                    .tag("role", role.id())
                    .register(meters);
        }
    }

    /** The top-N ranker served now; empty while none is loaded. */
    public Optional<LoadedModel> get() {
        return get(ModelRole.RANKER);
    }

    /** The model serving {@code role} now; empty while none is loaded. */
    public Optional<LoadedModel> get(ModelRole role) {
        return Optional.ofNullable(models.get(role).get());
    }

    void set(ModelRole role, LoadedModel loaded) {
        models.get(role).set(loaded);
    }
}
