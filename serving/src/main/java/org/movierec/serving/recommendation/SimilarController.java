package org.movierec.serving.recommendation;

import org.movierec.serving.system.ControlCharacters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Public similar-title reads: {@code GET /api/movies/{movieId}/similar} and {@code GET /api/movies/similar?title=}.
 * A title is matched as people write it ({@link MovieTitles}); one several movies share, asked without a year, is
 * a 409 whose {@code candidates} list them, and one no movie has a 404 whose {@code suggestions} are the closest
 * titles.
 */
@RestController
@Tag(name = "Similar titles", description = "Titles similar by content and by the model's learned item vectors")
class SimilarController {

    private final SimilarService service;
    private final MovieTitles titles;

    SimilarController(SimilarService service, MovieTitles titles) {
        this.service = service;
        this.titles = titles;
    }

    @GetMapping("/api/movies/{movieId}/similar")
    @Operation(summary = "The n titles most similar to a movie, by content and by learned item vectors")
    SimilarTitles similar(@PathVariable int movieId, @RequestParam(defaultValue = "5") @Min(1) @Max(100) int n) {
        return service.similarTo(movieId, n);
    }

    @GetMapping("/api/movies/similar")
    @Operation(summary = "The same for a title as people write it (any case, accents and punctuation optional, "
            + "articles in front: The Matrix, amelie); a title several movies share needs the year; a title no "
            + "movie has is a 404 suggesting the closest titles")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "404", description = "No movie has the title (and year): suggestions lists the closest "
            + "titles (movieId, title, year)")
    @ApiResponse(responseCode = "409", description = "Several movies have the title and no year tells them apart: "
            + "candidates lists them (movieId, title, year), oldest first")
    SimilarTitles similarByTitle(
            @Parameter(description = "the whole title or one of its names, without the year, e.g. Toy Story, "
                    + "The Matrix", schema = @Schema(type = "string", minLength = 1, maxLength = 500,
                    pattern = ControlCharacters.NOT_BLANK_PATTERN))
            @RequestParam @NotBlank @Size(max = 500) String title,
            @RequestParam(required = false) @Min(0) @Max(9999) Integer year,
            @RequestParam(defaultValue = "5") @Min(1) @Max(100) int n) {
        return service.similarTo(titles.movieTitled(title, year), n);
    }

    @ExceptionHandler(AmbiguousTitleException.class)
    ProblemDetail ambiguous(AmbiguousTitleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("candidates", e.candidates());
        return problem;
    }

    @ExceptionHandler(UnknownTitleException.class)
    ProblemDetail unknown(UnknownTitleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setProperty("suggestions", e.suggestions());
        return problem;
    }
}
