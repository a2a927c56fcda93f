package org.movierec.serving.model;

import java.time.Instant;

import org.movierec.serving.model.PollResult.Outcome;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/model}: which registered model version is served, and a forced reload for the administrator. */
@RestController
@RequestMapping("/api/model")
@Tag(name = "Model", description = "The registered model version serving recommendations")
class ModelController {

    private final ModelProperties properties;
    private final CurrentModel current;
    private final ModelUpdater updater;
    private final ApplicationEventPublisher events;

    ModelController(ModelProperties properties, CurrentModel current, ModelUpdater updater,
            ApplicationEventPublisher events) {
        this.properties = properties;
        this.current = current;
        this.updater = updater;
        this.events = events;
    }

    @GetMapping
    @Operation(summary = "The model served: name, version, run id, type, metrics, when it was loaded")
    ModelInfo get() {
        return ModelInfo.of(properties, current);
    }

    /** What a forced reload did, and the model served afterwards. */
    record ReloadAnswer(Outcome outcome, Integer registeredVersion, String message, ModelInfo model) {
    }

    @PostMapping("/reload")
    @Operation(summary = "Ask the registry now (admin); also re-reads the movie catalogue and the cold-start ranking")
    ReloadAnswer reload() {
        Instant asked = Instant.now();
        PollResult result = updater.poll();
        // data read since `asked` (by the swap of a newly loaded version) already counts as re-read
        events.publishEvent(ModelSwappedEvent.reread(current.get().orElse(null), asked));
        return new ReloadAnswer(result.outcome(), result.version(), result.message(), ModelInfo.of(properties, current));
    }
}
