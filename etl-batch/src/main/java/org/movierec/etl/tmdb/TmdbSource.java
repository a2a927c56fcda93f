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
import org.movierec.etl.load.RecordParser;
import org.movierec.etl.load.Source;
import org.movierec.etl.load.SourceOptions;
import org.movierec.etl.load.TableMerge;
import org.springframework.stereotype.Component;

/**
 * TMDB as Kaggle ships it, in either of two layouts told apart by the file names: "The Movies
 * Dataset", movies_metadata.csv (required) and credits.csv (optional), with Python-literal lists;
 * or "TMDB 5000 Movie Dataset", tmdb_5000_movies.csv (required) and tmdb_5000_credits.csv
 * (optional), with JSON arrays. Both fill the same tables; a folder holding both is refused.
 * Kaggle downloads need an account, so there is no official location: the input must be given.
 * Each file is a full snapshot of its tables, child tables included: a movie gone from the file
 * loses its row and its genres, companies, countries and languages (or its cast and directors).
 */
@Component
public class TmdbSource implements Source {

    static final String MOVIES_FILE = "movies_metadata.csv";
    static final String CREDITS_FILE = "credits.csv";
    static final String MOVIES_5000_FILE = "tmdb_5000_movies.csv";
    static final String CREDITS_5000_FILE = "tmdb_5000_credits.csv";

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
        boolean moviesDataset = Files.isRegularFile(directory.resolve(MOVIES_FILE))
                || Files.isRegularFile(directory.resolve(CREDITS_FILE));
        boolean tmdb5000 = Files.isRegularFile(directory.resolve(MOVIES_5000_FILE))
                || Files.isRegularFile(directory.resolve(CREDITS_5000_FILE));
        if (moviesDataset && tmdb5000) {
            throw new InputLayoutException(directory + ": holds both Kaggle TMDB layouts, \"The Movies Dataset\" ("
                    + MOVIES_FILE + ", " + CREDITS_FILE + ") and \"TMDB 5000 Movie Dataset\" (" + MOVIES_5000_FILE
                    + ", " + CREDITS_5000_FILE + "); keep one of them in the folder");
        }
        if (tmdb5000) {
            return feeds(directory, MOVIES_5000_FILE, TmdbParsers.MOVIE_5000, TmdbParsers.movies5000(),
                    CREDITS_5000_FILE, TmdbParsers.CREDITS_5000, TmdbParsers.credits5000());
        }
        return feeds(directory, MOVIES_FILE, TmdbParsers.MOVIE, TmdbParsers.movies(), CREDITS_FILE,
                TmdbParsers.CREDITS, TmdbParsers.credits());
    }

    private static List<LocatedFeed> feeds(Path directory, String moviesFile, String[] moviesHeader,
                                           RecordParser moviesParser, String creditsFile, String[] creditsHeader,
                                           RecordParser creditsParser) {
        Path movies = directory.resolve(moviesFile);
        if (!Files.isRegularFile(movies)) {
            throw new InputLayoutException(directory + ": not a Kaggle TMDB dataset; expected " + MOVIES_FILE
                    + " and optionally " + CREDITS_FILE + " (\"The Movies Dataset\"), or " + MOVIES_5000_FILE
                    + " and optionally " + CREDITS_5000_FILE + " (\"TMDB 5000 Movie Dataset\")");
        }
        List<LocatedFeed> feeds = new ArrayList<>();
        feeds.add(new LocatedFeed(Feed.csv("movies", moviesFile, String.join(",", moviesHeader), moviesParser,
                TableMerge.snapshot(MOVIES, "tmdb_id"),
                TableMerge.snapshot(GENRES, "tmdb_id", "genre_id"), TableMerge.snapshot(COMPANIES, "tmdb_id", "company_id"),
                TableMerge.snapshot(COUNTRIES, "tmdb_id", "iso_3166_1"),
                TableMerge.snapshot(LANGUAGES, "tmdb_id", "iso_639_1")), movies));
        Path credits = directory.resolve(creditsFile);
        if (Files.isRegularFile(credits)) {
            feeds.add(new LocatedFeed(Feed.csv("credits", creditsFile, String.join(",", creditsHeader),
                    creditsParser, TableMerge.snapshot(CAST, "tmdb_id", "credit_id"),
                    TableMerge.snapshot(DIRECTORS, "tmdb_id", "person_id")), credits));
        }
        return feeds;
    }
}
