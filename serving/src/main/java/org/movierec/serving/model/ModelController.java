package org.movierec.serving.model;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

import org.movierec.mlflow.ModelRole;
import org.movierec.serving.system.OpenApiConfig;
import org.movierec.serving.model.ModelAnnouncer.Kind;
import org.movierec.serving.model.PollResult.Outcome;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/model}: which registered model versions are served (the top-N ranker and the rating predictor), and a
 * forced reload for the administrator.
 */
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
    @Operation(summary = "The models served: the top-N ranker and, under predictor, the rating predictor; for each "
            + "its name, alias, version, run id, type, metrics and when it was loaded")
    ModelInfo get() {
        return ModelInfo.of(properties, current);
    }

    /**
     * What a forced reload did for the ranker, the same for the predictor under {@code predictor}, and the models
     * served afterwards.
     */
    record ReloadAnswer(Outcome outcome, @Schema(types = {"integer", "null"}) Integer registeredVersion,
                        @Schema(types = {"string", "null"}) String message, RoleReload predictor, ModelInfo model) {
    }

    /** What a forced reload did for one role. */
    record RoleReload(Outcome outcome, @Schema(types = {"integer", "null"}) Integer registeredVersion,
                      @Schema(types = {"string", "null"}) String message) {
        static RoleReload of(PollResult result) {
            return new RoleReload(result.outcome(), result.version(), result.message());
        }
    }

    @PostMapping("/reload")
    @Operation(summary = "Ask the registry now (admin); also re-reads the movie catalogue and the cold-start ranking. "
            + "Every other serving instance over the same database does the same within seconds.",
            security = {@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH),
            @SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)})
    ReloadAnswer reload() {
        announcer.announce(Kind.RELOAD);   // the others reload while this one does
        Map<ModelRole, PollResult> results = updater.reload();
        PollResult ranker = results.get(ModelRole.RANKER);
        return new ReloadAnswer(ranker.outcome(), ranker.version(), ranker.message(),
                RoleReload.of(results.get(ModelRole.PREDICTOR)), ModelInfo.of(properties, current));
    }
}
