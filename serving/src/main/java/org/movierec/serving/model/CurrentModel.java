package org.movierec.serving.model;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The model version being served, replaced atomically. Requests read it once and use that version to the end,
 * so a swap never mixes two versions in one answer. Publishes the gauge {@code movierec.model.version} (0 while
 * none is loaded).
 */
@Component
public class CurrentModel {

    private final AtomicReference<LoadedModel> model = new AtomicReference<>();

    CurrentModel(MeterRegistry meters, ModelProperties properties) {
        Gauge.builder("movierec.model.version", this, current -> current.get().map(LoadedModel::version).orElse(0))
                .description("Version of the registered model being served (0: none)")
                .tag("model", properties.name())
                .register(meters);
    }

    /** The model served now; empty while none is loaded. */
    public Optional<LoadedModel> get() {
        return Optional.ofNullable(model.get());
    }

    void set(LoadedModel loaded) {
        model.set(loaded);
    }
}
