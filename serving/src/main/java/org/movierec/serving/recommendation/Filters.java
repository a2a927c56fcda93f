package org.movierec.serving.recommendation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.movierec.serving.system.InvalidParameterException;

/**
 * The filters of a top-N request; null or empty means "any".
 *
 * @param genre     a genre the movie must have (case-insensitive)
 * @param yearFrom  the earliest release year (inclusive); movies without a year are left out when a bound is given
 * @param yearTo    the latest release year (inclusive)
 * @param platforms the movie must be offered on at least one of them
 */
record Filters(String genre, Integer yearFrom, Integer yearTo, Set<String> platforms) {

    static final Set<String> PLATFORMS = Set.of("amazon", "disney", "hulu", "netflix");
    /** No filter: one instance, which most requests and the keys of their kept answers share. */
    static final Filters NONE = new Filters(null, null, null, Set.of());
    /** What {@code platform} takes, for the OpenAPI document: blank, or platforms comma-separated (spaces around). */
    static final String PLATFORMS_PATTERN =
            "^ *$|^ *(amazon|disney|hulu|netflix) *(, *(amazon|disney|hulu|netflix) *)*$";

    /** Checks and normalises the request parameters; a bad one is a 400 naming it. */
    static Filters of(String genre, Integer yearFrom, Integer yearTo, String platform) {
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new InvalidParameterException("yearTo", "must not be before yearFrom (" + yearFrom + "), got " + yearTo);
        }
        String cleanGenre = genre == null || genre.isBlank() ? null : genre.strip();
        Filters filters = new Filters(cleanGenre, yearFrom, yearTo, platforms(platform));
        return filters.equals(NONE) ? NONE : filters;
    }

    private static Set<String> platforms(String platform) {
        if (platform == null || platform.isBlank()) {
            return Set.of();   // most requests: no set of their own (it is part of each kept answer's key)
        }
        Set<String> platforms = new TreeSet<>();
        for (String one : platform.split(",", -1)) {
            String name = one.strip().toLowerCase(Locale.ROOT);
            if (!PLATFORMS.contains(name)) {
                throw new InvalidParameterException("platform", "expected amazon, disney, hulu or netflix, "
                        + "comma-separated, got '" + (one.length() > 40 ? one.substring(0, 40) + "..." : one) + "'");
            }
            platforms.add(name);
        }
        return platforms;
    }

    boolean accepts(Movie movie) {
        if (genre != null && !movie.hasGenre(genre)) {
            return false;
        }
        if ((yearFrom != null || yearTo != null) && movie.year() == null) {
            return false;
        }
        if (yearFrom != null && movie.year() < yearFrom || yearTo != null && movie.year() > yearTo) {
            return false;
        }
        return platforms.isEmpty() || movie.platforms().stream().anyMatch(platforms::contains);
    }

    @Override
    public String toString() {
        return "genre=" + genre + " years=" + yearFrom + ".." + yearTo + " platforms=" + Arrays.toString(platforms.toArray());
    }
}
