package org.movierec.serving.rating;

import java.util.Locale;

import org.movierec.serving.system.InvalidParameterException;

/**
 * The order of a ratings page, from {@code sort=field[,asc|desc]} with field {@code ratedAt} or
 * {@code rating} (descending when no direction is given); ties go by movie id.
 */
record RatingSort(String column, boolean descending) {

    static final String DEFAULT = "ratedAt,desc";
    /** What {@link #parse} takes, for the OpenAPI document (spaces around each part; the direction in any case). */
    static final String PATTERN = "^ *(ratedAt|rating) *(, *([Aa][Ss][Cc]|[Dd][Ee][Ss][Cc]) *)?$";

    static RatingSort parse(String sort) {
        String[] parts = sort.strip().split(",", -1);
        String column = switch (parts[0].strip()) {
            case "ratedAt" -> "r.rated_at";
            case "rating" -> "r.rating";
            default -> null;
        };
        String direction = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "desc";
        if (column == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw new InvalidParameterException("sort",
                    "must be ratedAt or rating, optionally followed by ,asc or ,desc (got '" + sort + "')");
        }
        return new RatingSort(column, direction.equals("desc"));
    }

    /** The SQL order-by clause (built only from the fixed column names above). */
    String orderBy() {
        return column + (descending ? " desc" : " asc") + ", r.movie_id";
    }
}
