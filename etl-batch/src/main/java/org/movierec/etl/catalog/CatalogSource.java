package org.movierec.etl.catalog;

import static org.movierec.etl.catalog.CatalogRows.RATINGS;
import static org.movierec.etl.catalog.CatalogRows.TITLES;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.movierec.etl.load.Feed;
import org.movierec.etl.load.InputLayoutException;
import org.movierec.etl.load.Source;
import org.movierec.etl.load.SourceOptions;
import org.movierec.etl.load.TableMerge;
import org.springframework.stereotype.Component;

/**
 * The Kaggle streaming catalogs of Amazon Prime, Disney+, Hulu and Netflix, any of the four, and
 * the user ratings of their titles in {@code ratings/*.csv}. There is no official download (Kaggle
 * needs a login), so the input must be given.
 *
 * <p>Each platform file is a full snapshot of that platform: it replaces only its platform's
 * titles, deleting those gone from it. The ratings files are one feed each and delete nothing:
 * several files hold different users, and a file missing from the input says nothing about the
 * ratings it once loaded. A file's rows are merged apart from the other files' (scoped on their
 * {@code source_file}), so the files can change one at a time; a (user, title) pair found in two
 * files takes the value of the file merged last (in name order).
 */
@Component
public class CatalogSource implements Source {

    static final String RATINGS_DIRECTORY = "ratings";

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public List<String> officialLocations() {
        return List.of();
    }

    @Override
    public List<LocatedFeed> locate(Path directory, SourceOptions options) {
        List<LocatedFeed> feeds = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            Path file = directory.resolve(platform.fileName());
            if (Files.isRegularFile(file)) {
                feeds.add(new LocatedFeed(titlesFeed(platform), file));
            }
        }
        if (feeds.isEmpty()) {
            throw new InputLayoutException(directory + ": not a streaming catalog; expected at least one of "
                    + Arrays.stream(Platform.values()).map(Platform::fileName).collect(Collectors.joining(", "))
                    + " (and optionally ratings/*.csv)");
        }
        for (Path file : ratingsFiles(directory.resolve(RATINGS_DIRECTORY))) {
            feeds.add(new LocatedFeed(ratingsFeed(file.getFileName().toString()), file));
        }
        return feeds;
    }

    private static Feed titlesFeed(Platform platform) {
        return Feed.csv(platform.label(), platform.fileName(), CatalogParsers.TITLES_HEADER,
                CatalogParsers.titles(platform),
                TableMerge.snapshot(TITLES, "title_id").scope("{t}.platform = '" + platform.label() + "'"));
    }

    /** The feed of ratings/NAME.csv, named "ratings-NAME". */
    private static Feed ratingsFeed(String fileName) {
        String reported = RATINGS_DIRECTORY + "/" + fileName;
        String stem = fileName.substring(0, fileName.length() - ".csv".length());
        return Feed.lines("ratings-" + stem, reported, StandardCharsets.UTF_8, CatalogParsers.RATINGS_HEADER,
                CatalogParsers.ratings(reported),
                TableMerge.snapshot(RATINGS, "user_id", "title_id").keepMissing()
                        .scope("{t}.source_file = '" + reported.replace("'", "''") + "'"));
    }

    private static List<Path> ratingsFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".csv"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputLayoutException(directory + ": cannot list the ratings files: " + e.getMessage(), e);
        }
    }
}
