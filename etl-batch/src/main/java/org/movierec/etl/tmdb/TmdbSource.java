package org.movierec.etl.tmdb;

import static org.movierec.etl.tmdb.TmdbRows.CAST;
import static org.movierec.etl.tmdb.TmdbRows.COMPANIES;
import static org.movierec.etl.tmdb.TmdbRows.COUNTRIES;
import static org.movierec.etl.tmdb.TmdbRows.DIRECTORS;
import static org.movierec.etl.tmdb.TmdbRows.GENRES;
import static org.movierec.etl.tmdb.TmdbRows.LANGUAGES;
import static org.movierec.etl.tmdb.TmdbRows.MOVIES;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.movierec.etl.load.Feed;
import org.movierec.etl.load.InputLayoutException;
import org.movierec.etl.load.Source;
import org.movierec.etl.load.SourceOptions;
import org.movierec.etl.load.TableMerge;
import org.springframework.stereotype.Component;

/**
 * TMDB as Kaggle's "The Movies Dataset" ships it: movies_metadata.csv (required) and credits.csv
 * (optional). Kaggle downloads need an account, so there is no official location: the input must
 * be given. Each file is a full snapshot of its tables, child tables included: a movie gone from
 * the file loses its row and its genres, companies, countries and languages (or its cast and
 * directors).
 */
@Component
public class TmdbSource implements Source {

    static final String MOVIES_FILE = "movies_metadata.csv";
    static final String CREDITS_FILE = "credits.csv";

    @Override
    public String name() {
        return "tmdb";
    }

    @Override
    public List<String> officialLocations() {
        return List.of();
    }

    @Override
    public List<LocatedFeed> locate(Path directory, SourceOptions options) {
        Path movies = directory.resolve(MOVIES_FILE);
        if (!Files.isRegularFile(movies)) {
            throw new InputLayoutException(directory + ": not the TMDB \"The Movies Dataset\" (Kaggle); expected "
                    + MOVIES_FILE + " and optionally " + CREDITS_FILE);
        }
        List<LocatedFeed> feeds = new ArrayList<>();
        feeds.add(new LocatedFeed(Feed.csv("movies", MOVIES_FILE, String.join(",", TmdbParsers.MOVIE),
                TmdbParsers.movies(), TableMerge.snapshot(MOVIES, "tmdb_id"),
                TableMerge.snapshot(GENRES, "tmdb_id", "genre_id"), TableMerge.snapshot(COMPANIES, "tmdb_id", "company_id"),
                TableMerge.snapshot(COUNTRIES, "tmdb_id", "iso_3166_1"),
                TableMerge.snapshot(LANGUAGES, "tmdb_id", "iso_639_1")), movies));
        Path credits = directory.resolve(CREDITS_FILE);
        if (Files.isRegularFile(credits)) {
            feeds.add(new LocatedFeed(Feed.csv("credits", CREDITS_FILE, String.join(",", TmdbParsers.CREDITS),
                    TmdbParsers.credits(), TableMerge.snapshot(CAST, "tmdb_id", "credit_id"),
                    TableMerge.snapshot(DIRECTORS, "tmdb_id", "person_id")), credits));
        }
        return feeds;
    }
}
