package org.movierec.serving.recommendation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Public similar-title reads: {@code GET /api/movies/{movieId}/similar} and {@code GET /api/movies/similar?title=}.
 * A title several movies share, asked without a year, is a 409 whose {@code candidates} list them.
 */
@RestController
@Tag(name = "Similar titles", description = "Titles similar by content and by the model's learned item vectors")
class SimilarController {

    private final SimilarService service;

    SimilarController(SimilarService service) {
        this.service = service;
    }

    @GetMapping("/api/movies/{movieId}/similar")
    @Operation(summary = "The n titles most similar to a movie, by content and by learned item vectors")
    SimilarTitles similar(@PathVariable int movieId, @RequestParam(defaultValue = "5") @Min(1) @Max(100) int n) {
        return service.similarTo(movieId, n);
    }

    @GetMapping("/api/movies/similar")
    @Operation(summary = "The same for a title (exact, any case); a title several movies share needs the year")
    SimilarTitles similarByTitle(
            @Parameter(description = "the title without the year, e.g. Toy Story") @RequestParam @NotBlank
            @Size(max = 500) String title,
            @RequestParam(required = false) @Min(0) @Max(9999) Integer year,
            @RequestParam(defaultValue = "5") @Min(1) @Max(100) int n) {
        return service.similarTo(service.movieTitled(title, year), n);
    }

    @ExceptionHandler(AmbiguousTitleException.class)
    ProblemDetail ambiguous(AmbiguousTitleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("candidates", e.candidates());
        return problem;
    }
}
