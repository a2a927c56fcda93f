package org.movierec.serving.rating;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.movierec.serving.system.OpenApiConfig;
import org.movierec.serving.system.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users/{id}/ratings}: a user's ratings, one per movie, 0.5 to 5.0 in half steps. */
@RestController
@RequestMapping("/api/users/{id}/ratings")
@Tag(name = "Ratings", description = "A user's ratings on the MovieLens scale; the next training run learns from them")
@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH)
@SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)
class RatingController {

    private static final String MOVIELENS_USER = "The user was imported from MovieLens: their ratings change only with "
            + "the next import";

    private final RatingService service;

    RatingController(RatingService service) {
        this.service = service;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Rate a movie not rated yet (409 when it is: use PUT or PATCH)")
    @ApiResponse(responseCode = "409", description = "The user has already rated the movie, or was imported from "
            + "MovieLens (their ratings change only with the next import)")
    ResponseEntity<RatingResponse> create(@PathVariable long id, @Valid @RequestBody RatingRequests.Create request) {
        RatingResponse rating = service.create(id, request.movieId(), request.rating());
        return ResponseEntity.created(URI.create("/api/users/" + id + "/ratings/" + rating.movieId())).body(rating);
    }

    @GetMapping
    @Operation(summary = "The user's ratings, paged and sorted")
    PageResponse<RatingResponse> list(@PathVariable long id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(description = "ratedAt or rating, optionally followed by ,asc or ,desc (any case, spaces "
                    + "around each part ignored)", schema = @Schema(type = "string", defaultValue = RatingSort.DEFAULT,
                    pattern = RatingSort.PATTERN))
            @RequestParam(defaultValue = RatingSort.DEFAULT) String sort) {
        return service.list(id, RatingSort.parse(sort), page, size);
    }

    @GetMapping("/{movieId}")
    @Operation(summary = "The user's rating of one movie")
    RatingResponse get(@PathVariable long id, @PathVariable int movieId) {
        return service.get(id, movieId);
    }

    @PutMapping("/{movieId}")
    @Operation(summary = "Change the rating of a movie")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "409", description = MOVIELENS_USER)
    RatingResponse replace(@PathVariable long id, @PathVariable int movieId,
            @Valid @RequestBody RatingRequests.Change request) {
        return service.change(id, movieId, request.rating());
    }

    @PatchMapping("/{movieId}")
    @Operation(summary = "Change the rating of a movie")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "409", description = MOVIELENS_USER)
    RatingResponse patch(@PathVariable long id, @PathVariable int movieId,
            @Valid @RequestBody RatingRequests.Change request) {
        return service.change(id, movieId, request.rating());
    }

    @DeleteMapping("/{movieId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the rating of a movie")
    @ApiResponse(responseCode = "409", description = MOVIELENS_USER)
    ResponseEntity<Void> delete(@PathVariable long id, @PathVariable int movieId) {
        service.delete(id, movieId);
        return ResponseEntity.noContent().build();
    }
}
