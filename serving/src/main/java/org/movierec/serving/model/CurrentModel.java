package org.movierec.serving.model;

import java.time.Instant;
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
 * use that version to the end, so a swap never mixes two versions in one answer. Also when the registry was last
 * found with no version under a role's alias while a version was served (the alias was removed: the version loaded
 * before goes on serving). Publishes the gauges {@code movierec.model.version} per role (0 while none is loaded) and
 * {@code movierec.model.alias.removed} per role (1 while the alias of the version served is gone from the registry).
 */
@Component
public class CurrentModel {

    private final Map<ModelRole, AtomicReference<LoadedModel>> models = new EnumMap<>(ModelRole.class);
    private final Map<ModelRole, AtomicReference<Instant>> aliasRemoved = new EnumMap<>(ModelRole.class);

    CurrentModel(MeterRegistry meters, ModelProperties properties) {
        for (ModelRole role : ModelRole.values()) {
            models.put(role, new AtomicReference<>());
            Gauge.builder("movierec.model.version", this, current -> current.get(role).map(LoadedModel::version).orElse(0))
                    .description("Version of the registered model being served in a role (0: none)")
                    .tag("model", properties.name())
                    .tag("role", role.id())
                    .register(meters);
            aliasRemoved.put(role, new AtomicReference<>());
            Gauge.builder("movierec.model.alias.removed", this, current -> current.aliasRemovedAt(role).isPresent() ? 1 : 0)
                    .description("1 while the registry has no version under the alias of the version served in a role "
                            + "(it goes on serving), else 0")
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

    /**
     * When the registry was first found without a version under the alias of the version served in {@code role}
     * (since then it goes on serving that version); empty while the alias names a version, or no version is served.
     */
    public Optional<Instant> aliasRemovedAt(ModelRole role) {
        return Optional.ofNullable(aliasRemoved.get(role).get());
    }

    /** Notes that the alias names no version now; true the first time since it last named one. */
    boolean aliasRemoved(ModelRole role, Instant at) {
        return aliasRemoved.get(role).compareAndSet(null, at);
    }

    /** Notes that the alias names a version; true when it was noted as removed before. */
    boolean aliasPresent(ModelRole role) {
        return aliasRemoved.get(role).getAndSet(null) != null;
    }
}
