package org.movierec.serving.recommendation;

import java.util.List;

/** No movie has the title asked about: answered as a 404 whose {@code suggestions} are the closest titles. */
class UnknownTitleException extends RuntimeException {

    private final transient List<SimilarTitles.MovieRef> suggestions;

    UnknownTitleException(String title, Integer year, List<SimilarTitles.MovieRef> suggestions) {
        super("No movie titled '" + title + "'" + (year == null ? "" : " from " + year)
                + (suggestions.isEmpty() ? "" : "; the closest titles are suggested"));
        this.suggestions = List.copyOf(suggestions);
    }

    List<SimilarTitles.MovieRef> suggestions() {
        return suggestions;
    }
}
