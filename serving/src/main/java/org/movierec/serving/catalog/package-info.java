/**
 * The public movie catalog: search by title, genre and years ({@code GET /api/movies}) and one movie's details
 * ({@code GET /api/movies/{id}}), over JDBC against {@code movies}, {@code movie_links}, the platforms of
 * {@code catalog_title_movies} and the per-movie rating figures of {@code movie_rating_stats}, which the
 * ingestion rebuilds after a ratings load and every rating written through the API updates (migration V7).
 */
package org.movierec.serving.catalog;
