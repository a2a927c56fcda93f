package org.movierec.serving.recommendation;

import java.util.List;

/** A movie of the catalogue as recommendations show it; {@code platforms} are the streaming services offering it. */
record Movie(int movieId, String title, Integer year, List<String> genres, List<String> platforms) {

    Movie {
        genres = List.copyOf(genres);
        platforms = List.copyOf(platforms);
    }

    boolean hasGenre(String genre) {
        for (String own : genres) {
            if (own.equalsIgnoreCase(genre)) {
                return true;
            }
        }
        return false;
    }
}
