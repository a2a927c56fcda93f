package org.movierec.serving.insight;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answers of the TMDB insights, as they go on the wire. Titles and names are spelled as TMDB has them. */
final class TmdbAnswers {

    private TmdbAnswers() {
    }

    /** Films released in a month and/or on a weekday, over every year; a criterion not asked is null. */
    record ReleaseCount(String month, String weekday, long films, String dateMeans) {
    }

    /** Every film whose title is the one asked (several films can share a title), oldest first. */
    record TitleMatches<T>(String title, Integer year, List<T> films) {
    }

    /** A film's release year and TMDB popularity score. */
    record TitlePopularity(int tmdbId, String title, LocalDate releaseDate, int releaseYear, Double popularity) {
    }

    /**
     * A film's vote count and average, given only from {@value TmdbInsights#MIN_VOTES} votes:
     * below that both are null and {@code message} says so.
     */
    record TitleVotes(int tmdbId, String title, int releaseYear, boolean enoughVotes, Integer voteCount,
                      Double voteAverage, String message) {
    }

    /** An actor's films and the return (revenue / budget) they made. */
    record ActorReturn(String actor, long films, long filmsWithBudget, double totalReturn, Double averageReturn,
                       String returnMeans) {
    }

    /** One film of a director. */
    record DirectorFilm(int tmdbId, String title, LocalDate releaseDate, @JsonProperty("return") double filmReturn,
                        long budget, long revenue) {
    }

    /** A director's total return and films, oldest first. */
    record DirectorReturn(String director, long filmCount, double totalReturn, String returnMeans,
                          List<DirectorFilm> films) {
    }
}
