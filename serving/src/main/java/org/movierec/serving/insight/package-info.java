/**
 * Catalog insights: the questions the original specification asked of the streaming catalogs
 * ({@code catalog_titles}, {@code catalog_ratings}) and of TMDB ({@code tmdb_movies},
 * {@code tmdb_cast}, {@code tmdb_directors}), answered read-only over JDBC under
 * {@code GET /api/insights/...}. Every answer says what its numbers mean; names and titles match
 * case-insensitively and exactly; an unknown value is a 404 and an invalid parameter a 400, both
 * as RFC 7807 problem details naming the parameter.
 */
package org.movierec.serving.insight;
