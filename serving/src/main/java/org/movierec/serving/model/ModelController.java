package org.movierec.serving.model;

import org.movierec.serving.model.ModelAnnouncer.Kind;
import org.movierec.serving.model.PollResult.Outcome;
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
    private final ModelAnnouncer announcer;

    ModelController(ModelProperties properties, CurrentModel current, ModelUpdater updater, ModelAnnouncer announcer) {
        this.properties = properties;
        this.current = current;
        this.updater = updater;
        this.announcer = announcer;
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
    @Operation(summary = "Ask the registry now (admin); also re-reads the movie catalogue and the cold-start ranking. "
            + "Every other serving instance over the same database does the same within seconds.")
    ReloadAnswer reload() {
        announcer.announce(Kind.RELOAD);   // the others reload while this one does
        PollResult result = updater.reload();
        return new ReloadAnswer(result.outcome(), result.version(), result.message(), ModelInfo.of(properties, current));
    }
}
