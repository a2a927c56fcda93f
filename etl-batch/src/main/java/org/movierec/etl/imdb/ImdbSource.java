package org.movierec.etl.imdb;

import static org.movierec.etl.imdb.ImdbRows.CREW;
import static org.movierec.etl.imdb.ImdbRows.NAMES;
import static org.movierec.etl.imdb.ImdbRows.PRINCIPALS;
import static org.movierec.etl.imdb.ImdbRows.RATINGS;
import static org.movierec.etl.imdb.ImdbRows.TITLES;

import java.nio.charset.StandardCharsets;
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
 * The IMDb non-commercial datasets, each file plain ({@code .tsv}) or gzipped ({@code .tsv.gz}).
 * The full dump is about 190 million rows, mostly episodes, so only the titles of the configured
 * types are loaded, and with them only their ratings, crew and principals and the people these
 * credit. The files therefore filter each other: they are merged in order (titles first, names
 * last) and reloaded together. Only title.basics is required.
 */
@Component
public class ImdbSource implements Source {

    static final String OFFICIAL = "https://datasets.imdbws.com/";
    private static final String TITLE_BASICS = "title.basics";
    private static final List<String> FILES = List.of(TITLE_BASICS, "title.ratings", "title.crew", "title.principals",
            "name.basics");
    private static final String LOADED_TITLE = "exists (select 1 from public.imdb_titles x where x.tconst = {t}.tconst)";
    private static final String CREDITED_PERSON = "exists (select 1 from public.imdb_principals x where x.nconst = {t}.nconst)"
            + " or exists (select 1 from public.imdb_crew x where x.nconst = {t}.nconst)";

    @Override
    public String name() {
        return "imdb";
    }

    @Override
    public List<String> officialLocations() {
        return FILES.stream().map(file -> OFFICIAL + file + ".tsv.gz").toList();
    }

    @Override
    public List<LocatedFeed> locate(Path directory, SourceOptions options) {
        Path titles = find(directory, TITLE_BASICS);
        if (titles == null) {
            throw new InputLayoutException(directory + ": not an IMDb dataset; expected title.basics.tsv or "
                    + "title.basics.tsv.gz, optionally with title.ratings, title.crew, title.principals and name.basics "
                    + "(.tsv or .tsv.gz)");
        }
        List<LocatedFeed> feeds = new ArrayList<>();
        feeds.add(feed(titles, "titles", ImdbParsers.TITLE_BASICS, ImdbParsers.titleBasics(options.imdbTitleTypes()),
                TableMerge.snapshot(TITLES, "tconst")));
        optional(feeds, directory, "title.ratings", "ratings", ImdbParsers.TITLE_RATINGS, ImdbParsers.titleRatings(),
                TableMerge.snapshot(RATINGS, "tconst").filter(LOADED_TITLE));
        optional(feeds, directory, "title.crew", "crew", ImdbParsers.TITLE_CREW, ImdbParsers.titleCrew(),
                TableMerge.snapshot(CREW, "tconst", "role", "nconst").filter(LOADED_TITLE));
        optional(feeds, directory, "title.principals", "principals", ImdbParsers.TITLE_PRINCIPALS,
                ImdbParsers.titlePrincipals(), TableMerge.snapshot(PRINCIPALS, "tconst", "ordering").filter(LOADED_TITLE));
        optional(feeds, directory, "name.basics", "names", ImdbParsers.NAME_BASICS, ImdbParsers.nameBasics(),
                TableMerge.snapshot(NAMES, "nconst").filter(CREDITED_PERSON));
        return feeds;
    }

    /** The title types decide which rows are kept, so loading other types reloads unchanged files. */
    @Override
    public String optionsFingerprint(SourceOptions options) {
        return "types=" + String.join(",", new java.util.TreeSet<>(options.imdbTitleTypes()));
    }

    /** The files filter each other: a new title.basics changes which ratings, credits and people are kept. */
    @Override
    public boolean reloadsTogether() {
        return true;
    }

    private static void optional(List<LocatedFeed> feeds, Path directory, String file, String name, String[] fields,
                                 RecordParser parser, TableMerge merge) {
        Path path = find(directory, file);
        if (path != null) {
            feeds.add(feed(path, name, fields, parser, merge));
        }
    }

    private static LocatedFeed feed(Path file, String name, String[] fields, RecordParser parser, TableMerge merge) {
        return new LocatedFeed(Feed.lines(name, file.getFileName().toString(), StandardCharsets.UTF_8,
                ImdbParsers.header(fields), parser, merge), file);
    }

    /** {@code <name>.tsv} or {@code <name>.tsv.gz}; null when neither is there. */
    private static Path find(Path directory, String name) {
        Path plain = directory.resolve(name + ".tsv");
        Path gzipped = directory.resolve(name + ".tsv.gz");
        boolean hasPlain = Files.isRegularFile(plain);
        boolean hasGzipped = Files.isRegularFile(gzipped);
        if (hasPlain && hasGzipped) {
            throw new InputLayoutException(directory + ": holds both " + plain.getFileName() + " and "
                    + gzipped.getFileName() + "; keep the one to load");
        }
        return hasPlain ? plain : hasGzipped ? gzipped : null;
    }
}
