package org.movierec.serving.recommendation;

import java.util.List;

/** Several movies have the title asked about and no year was given: answered as a 409 listing them. */
class AmbiguousTitleException extends RuntimeException {

    private final transient List<SimilarTitles.MovieRef> candidates;

    AmbiguousTitleException(String title, List<SimilarTitles.MovieRef> candidates) {
        super(candidates.size() + " movies are titled '" + title + "'; add the year to choose one of the candidates");
        this.candidates = List.copyOf(candidates);
    }

    List<SimilarTitles.MovieRef> candidates() {
        return candidates;
    }
}
