package org.movierec.etl.tmdb;

import java.time.LocalDate;
import java.util.List;

import org.movierec.etl.load.CopyBatch;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.StagingTable;

/**
 * The rows the TMDB files become, and the staging tables they are copied into. One line of
 * movies_metadata.csv is a movie and its unnested lists (genres, companies, countries, languages);
 * one line of credits.csv is a movie's cast and directors.
 */
final class TmdbRows {

    static final StagingTable MOVIES = new StagingTable("tmdb_movies", "tmdb_id", "imdb_id", "title", "original_title",
            "original_language", "overview", "tagline", "status", "adult", "release_date", "release_year", "budget",
            "revenue", "return", "popularity", "vote_average", "vote_count", "runtime", "collection_id", "collection_name");
    static final StagingTable GENRES = new StagingTable("tmdb_movie_genres", "tmdb_id", "genre_id", "name");
    static final StagingTable COMPANIES = new StagingTable("tmdb_movie_companies", "tmdb_id", "company_id", "name");
    static final StagingTable COUNTRIES = new StagingTable("tmdb_movie_countries", "tmdb_id", "iso_3166_1", "name");
    static final StagingTable LANGUAGES = new StagingTable("tmdb_movie_languages", "tmdb_id", "iso_639_1", "name");
    static final StagingTable CAST = new StagingTable("tmdb_cast", "tmdb_id", "credit_id", "person_id", "name",
            "character", "cast_order");
    static final StagingTable DIRECTORS = new StagingTable("tmdb_directors", "tmdb_id", "person_id", "name");

    private TmdbRows() {
    }

    /** A genre, company or collection: TMDB's numeric id and its name. */
    record Named(int id, String name) {
    }

    /** A country (ISO 3166-1) or spoken language (ISO 639-1) and its name. */
    record Coded(String code, String name) {
    }

    /**
     * One movie of movies_metadata.csv with its lists unnested.
     *
     * @param returnRatio revenue / budget, 0 when the budget is unknown (0)
     * @param collection  the collection it belongs to, or null
     */
    record Movie(int tmdbId, String imdbId, String title, String originalTitle, String originalLanguage,
                 String overview, String tagline, String status, Boolean adult, LocalDate releaseDate,
                 long budget, long revenue, double returnRatio, Double popularity, Double voteAverage,
                 Integer voteCount, Double runtime, Named collection, List<Named> genres, List<Named> companies,
                 List<Coded> countries, List<Coded> languages) implements StagedRow {

        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(MOVIES, line).int4(tmdbId).text(imdbId).text(title).text(originalTitle).text(originalLanguage)
                    .text(overview).text(tagline).text(status).bool(adult).date(releaseDate)
                    .int2(releaseDate.getYear()).int8(budget).int8(revenue).float8(returnRatio).float8(popularity)
                    .float4(voteAverage).int4(voteCount).float4(runtime)
                    .int4(collection == null ? null : collection.id())
                    .text(collection == null ? null : collection.name()).end();
            for (Named genre : genres) {
                batch.into(GENRES, line).int4(tmdbId).int4(genre.id()).text(genre.name()).end();
            }
            for (Named company : companies) {
                batch.into(COMPANIES, line).int4(tmdbId).int4(company.id()).text(company.name()).end();
            }
            for (Coded country : countries) {
                batch.into(COUNTRIES, line).int4(tmdbId).text(country.code()).text(country.name()).end();
            }
            for (Coded language : languages) {
                batch.into(LANGUAGES, line).int4(tmdbId).text(language.code()).text(language.name()).end();
            }
        }
    }

    /** One entry of a movie's cast; {@code order} is the billing position. */
    record CastMember(String creditId, int personId, String name, String character, Integer order) {
    }

    /** One line of credits.csv: the cast and the people credited with the job "Director". */
    record Credits(int tmdbId, List<CastMember> cast, List<Named> directors) implements StagedRow {

        @Override
        public void copyTo(CopyBatch batch, long line) {
            for (CastMember member : cast) {
                batch.into(CAST, line).int4(tmdbId).text(member.creditId()).int4(member.personId()).text(member.name())
                        .text(member.character()).int4(member.order()).end();
            }
            for (Named director : directors) {
                batch.into(DIRECTORS, line).int4(tmdbId).int4(director.id()).text(director.name()).end();
            }
        }
    }
}
