package org.movierec.serving.catalog;

import org.movierec.serving.system.NotFoundException;
import org.movierec.serving.system.PageResponse;
import org.movierec.serving.system.TitleKeys;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Public catalog reads: {@code GET /api/movies} (search) and {@code GET /api/movies/{movieId}}. */
@RestController
@Tag(name = "Catalog", description = "Search the movies and read one movie's details (public)")
class CatalogController {

    private final CatalogRepository movies;
    private final TitleKeys titles;

    CatalogController(CatalogRepository movies, TitleKeys titles) {
        this.movies = movies;
        this.titles = titles;
    }

    @GetMapping("/api/movies")
    @Operation(summary = "Movies whose title contains q as people write titles (any case, accents and punctuation "
            + "optional, articles in front: 'the matrix' finds 'Matrix, The'), optionally of a genre and years; a "
            + "title named exactly first, then the most rated, then by id")
    PageResponse<MovieSummary> search(
            @Parameter(description = "text a name of the title contains (the matrix, amelie); blank or absent: every "
                    + "movie", schema = @Schema(type = "string", maxLength = CatalogQuery.MAX_TEXT))
            @RequestParam(required = false) String q,
            @Parameter(description = "a genre the movie must have, any case",
                    schema = @Schema(type = "string", maxLength = CatalogQuery.MAX_GENRE))
            @RequestParam(required = false) String genre,
            @RequestParam(required = false) @Min(0) @Max(9999) Integer yearFrom,
            @Parameter(description = "not before yearFrom (a 400 otherwise)")
            @RequestParam(required = false) @Min(0) @Max(9999) Integer yearTo,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        CatalogQuery query = CatalogQuery.of(q, genre, yearFrom, yearTo).withTitleKey(titles::key);
        return PageResponse.of(movies.search(query, page, size), page, size, movies.count(query));
    }

    @GetMapping("/api/movies/{movieId}")
    @Operation(summary = "One movie: title, year, genres, platforms, number and mean of its ratings, IMDb and TMDB ids")
    MovieDetails movie(@PathVariable int movieId) {
        return movies.find(movieId).orElseThrow(() -> new NotFoundException("No movie with id " + movieId));
    }
}
