package org.movierec.serving.recommendation;

import org.movierec.serving.system.OpenApiConfig;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * {@code GET /api/users/{id}/recommendations}: top-N for the user, and {@code GET /api/users/{id}/predictions/{movieId}}:
 * the user's predicted rating of one movie (the user themself or the administrator).
 */
@RestController
@Tag(name = "Recommendations", description = "Top-N from the registered model, or the cold-start ranking")
@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH)
@SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)
class RecommendationController {

    private final RecommendationService service;
    private final PredictionService predictions;

    RecommendationController(RecommendationService service, PredictionService predictions) {
        this.service = service;
        this.predictions = predictions;
    }

    @GetMapping("/api/users/{id}/recommendations")
    @Operation(summary = "The user's top-N movies not rated yet, optionally filtered by genre, years and platforms, "
            + "or only among the titles most similar to a movie (similarTo)")
    Recommendations recommend(@PathVariable long id,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int n,
            @Parameter(description = "a genre the movie must have, any case") @RequestParam(required = false)
            @Size(max = 100) String genre,
            @RequestParam(required = false) @Min(0) @Max(9999) Integer yearFrom,
            @Parameter(description = "not before yearFrom (a 400 otherwise)")
            @RequestParam(required = false) @Min(0) @Max(9999) Integer yearTo,
            @Parameter(description = "amazon, disney, hulu, netflix (any case, blanks around each ignored); "
                    + "comma-separated for any of several; blank for any",
                    schema = @Schema(type = "string", maxLength = 200, pattern = Filters.PLATFORMS_PATTERN))
            @RequestParam(required = false) @Size(max = 200) String platform,
            @Parameter(description = "a movie id: rank for the user the titles most similar to it")
            @RequestParam(required = false) Integer similarTo) {
        Filters filters = Filters.of(genre, yearFrom, yearTo, platform);
        return similarTo == null ? service.recommend(id, n, filters)
                : service.recommendSimilar(id, similarTo, n, filters);
    }

    @GetMapping("/api/users/{id}/predictions/{movieId}")
    @Operation(summary = "The user's predicted rating of a movie and whether it reaches the liked threshold; "
            + "the movie's damped mean when the model served does not predict ratings")
    Prediction predict(@PathVariable long id, @PathVariable int movieId) {
        return predictions.predict(id, movieId);
    }
}
