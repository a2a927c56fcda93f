package org.movierec.serving.insight;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answers of the TMDB insights, as they go on the wire. Titles and names are spelled as TMDB has them. */
final class TmdbAnswers {

    private TmdbAnswers() {
    }

    /** Films released in a month and/or on a weekday, over every year; a criterion not asked is null. */
    record ReleaseCount(@Schema(types = {"string", "null"}) String month,
                        @Schema(types = {"string", "null"}) String weekday, long films, String dateMeans) {
    }

    /** Every film whose title is the one asked (several films can share a title), oldest first. */
    record TitleMatches<T>(String title, @Schema(types = {"integer", "null"}) Integer year, List<T> films) {
    }

    /** A film's release year and TMDB popularity score. */
    record TitlePopularity(int tmdbId, @Schema(types = {"string", "null"}) String title, LocalDate releaseDate,
                           int releaseYear, @Schema(types = {"number", "null"}) Double popularity) {
    }

    /**
     * A film's vote count and average, given only from {@value TmdbInsights#MIN_VOTES} votes:
     * below that both are null and {@code message} says so.
     */
    record TitleVotes(int tmdbId, @Schema(types = {"string", "null"}) String title, int releaseYear,
                      boolean enoughVotes, @Schema(types = {"integer", "null"}) Integer voteCount,
                      @Schema(types = {"number", "null"}) Double voteAverage,
                      @Schema(types = {"string", "null"}) String message) {
    }

    /** An actor's films and the return (revenue / budget) they made. */
    record ActorReturn(String actor, long films, long filmsWithBudget, double totalReturn,
                       @Schema(types = {"number", "null"}) Double averageReturn, String returnMeans) {
    }

    /** One film of a director. */
    record DirectorFilm(int tmdbId, @Schema(types = {"string", "null"}) String title, LocalDate releaseDate,
                        @JsonProperty("return") double filmReturn, long budget, long revenue) {
    }

    /** A director's total return and films, oldest first. */
    record DirectorReturn(String director, long filmCount, double totalReturn, String returnMeans,
                          List<DirectorFilm> films) {
    }
}
