package org.movierec.etl.movielens;

import static org.movierec.etl.movielens.MovieLensRows.LINKS;
import static org.movierec.etl.movielens.MovieLensRows.MOVIES;
import static org.movierec.etl.movielens.MovieLensRows.RATINGS;
import static org.movierec.etl.movielens.MovieLensRows.RATING_USERS;
import static org.movierec.etl.movielens.MovieLensRows.TAGS;
import static org.movierec.etl.movielens.MovieLensRows.USERS;
import static org.movierec.etl.movielens.MovieLensRows.USER_IDS;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * MovieLens, every official release layout, told apart by the files present: the CSV releases
 * (ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m), the "::" releases (ml-1m, ml-10m) and
 * ml-100k. Each file is a full snapshot: rows it no longer has are deleted (ratings only of
 * MovieLens users, never of the platform's own).
 */
@Component
public class MovieLensSource implements Source {

    static final String OFFICIAL = "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip";
    /** The rows of MovieLens users: the platform's own users have ids from platform_user_id_seq up. */
    private static final String MOVIELENS_USERS = "{t}.user_id < " + MovieLensParsers.FIRST_PLATFORM_USER_ID;
    /** Each movie's number and sum of ratings, which serving reads (migration V7 defines the rebuild). */
    static final String REBUILD_RATING_STATS = "select rebuild_movie_rating_stats()";

    @Override
    public String name() {
        return "movielens";
    }

    @Override
    public List<String> officialLocations() {
        return List.of(OFFICIAL);
    }

    @Override
    public List<LocatedFeed> locate(Path directory, SourceOptions options) {
        if (exists(directory, "movies.csv") || exists(directory, "ratings.csv")) {
            return csvRelease(directory);
        }
        if (exists(directory, "movies.dat") || exists(directory, "ratings.dat")) {
            return datRelease(directory);
        }
        if (exists(directory, "u.data") || exists(directory, "u.item")) {
            return release100k(directory);
        }
        throw new InputLayoutException(directory + ": not a MovieLens release; expected movies.csv and ratings.csv "
                + "(ml-latest, ml-20m/25m/32m), movies.dat and ratings.dat (ml-1m, ml-10m) or u.item and u.data (ml-100k)");
    }

    private List<LocatedFeed> csvRelease(Path directory) {
        List<LocatedFeed> feeds = new ArrayList<>();
        feeds.add(required(directory, Feed.csv("movies", "movies.csv", "movieId,title,genres", MovieLensParsers.movies(null),
                TableMerge.snapshot(MOVIES, "movie_id"))));
        optional(feeds, directory, Feed.lines("links", "links.csv", StandardCharsets.UTF_8, "movieId,imdbId,tmdbId",
                MovieLensParsers.links(), TableMerge.snapshot(LINKS, "movie_id")));
        feeds.add(required(directory, Feed.lines("ratings", "ratings.csv", StandardCharsets.UTF_8,
                "userId,movieId,rating,timestamp", MovieLensParsers.ratings(","), ratingsMerge(), usersFromRatings())
                .withScratch(RATING_USERS).withDerived(REBUILD_RATING_STATS)));
        optional(feeds, directory, Feed.csv("tags", "tags.csv", "userId,movieId,tag,timestamp", MovieLensParsers.tags(null),
                TableMerge.snapshot(TAGS, "user_id", "movie_id", "tag").deleteOnly(MOVIELENS_USERS)));
        return feeds;
    }

    private List<LocatedFeed> datRelease(Path directory) {
        // ml-1m (the release with users.dat) is Latin-1; ml-10m is UTF-8.
        boolean oneMillion = exists(directory, "users.dat");
        Charset charset = oneMillion ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        List<LocatedFeed> feeds = new ArrayList<>();
        optional(feeds, directory, Feed.lines("users", "users.dat", charset, null, MovieLensParsers.users1m(), usersMerge()));
        feeds.add(required(directory, Feed.lines("movies", "movies.dat", charset, null, MovieLensParsers.movies("::"),
                TableMerge.snapshot(MOVIES, "movie_id"))));
        feeds.add(required(directory, Feed.lines("ratings", "ratings.dat", charset, null, MovieLensParsers.ratings("::"),
                ratingsMerge(), usersFromRatings()).withScratch(RATING_USERS).withDerived(REBUILD_RATING_STATS)));
        optional(feeds, directory, Feed.lines("tags", "tags.dat", charset, null, MovieLensParsers.tags("::"),
                TableMerge.snapshot(TAGS, "user_id", "movie_id", "tag").deleteOnly(MOVIELENS_USERS)));
        return feeds;
    }

    private List<LocatedFeed> release100k(Path directory) {
        List<LocatedFeed> feeds = new ArrayList<>();
        optional(feeds, directory, Feed.lines("users", "u.user", StandardCharsets.ISO_8859_1, null,
                MovieLensParsers.users100k(), usersMerge()));
        feeds.add(required(directory, Feed.lines("movies", "u.item", StandardCharsets.ISO_8859_1, null,
                MovieLensParsers.movies100k(), TableMerge.snapshot(MOVIES, "movie_id"))));
        feeds.add(required(directory, Feed.lines("ratings", "u.data", StandardCharsets.ISO_8859_1, null,
                MovieLensParsers.ratings("\t"), ratingsMerge(), usersFromRatings()).withScratch(RATING_USERS)
                .withDerived(REBUILD_RATING_STATS)));
        return feeds;
    }

    private static TableMerge ratingsMerge() {
        return TableMerge.snapshot(RATINGS, "user_id", "movie_id").deleteOnly(MOVIELENS_USERS);
    }

    private static TableMerge usersMerge() {
        return TableMerge.snapshot(USERS, "user_id").deleteOnly("{t}.origin = 'movielens'");
    }

    /** Every user who rated becomes a MovieLens user, keeping demographics a users file gave. */
    private static TableMerge usersFromRatings() {
        return TableMerge.snapshot(USER_IDS, "user_id").keepMissing()
                .from("select distinct user_id, 'movielens'::text as origin from staging.rating_users");
    }

    private static LocatedFeed required(Path directory, Feed feed) {
        Path file = directory.resolve(feed.fileName());
        if (!Files.isRegularFile(file)) {
            throw new InputLayoutException(directory + ": missing " + feed.fileName() + " (this MovieLens layout needs it)");
        }
        return new LocatedFeed(feed, file);
    }

    private static void optional(List<LocatedFeed> feeds, Path directory, Feed feed) {
        Path file = directory.resolve(feed.fileName());
        if (Files.isRegularFile(file)) {
            feeds.add(new LocatedFeed(feed, file));
        }
    }

    private static boolean exists(Path directory, String name) {
        return Files.isRegularFile(directory.resolve(name));
    }
}
