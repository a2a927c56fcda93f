package org.movierec.etl.load;

import java.util.Set;

/**
 * Options of one run that change what is loaded.
 *
 * @param maxRejects     malformed records tolerated per file before the run fails
 * @param chunkSize      records per transaction while staging
 * @param imdbTitleTypes the IMDb title types loaded (with their people)
 */
public record SourceOptions(long maxRejects, int chunkSize, Set<String> imdbTitleTypes) {

    public static final Set<String> DEFAULT_IMDB_TITLE_TYPES = Set.of("movie", "tvSeries", "tvMiniSeries", "tvMovie");

    public static SourceOptions defaults() {
        return new SourceOptions(1000, 250_000, DEFAULT_IMDB_TITLE_TYPES);
    }
}
