package org.movierec.etl.load;

import java.nio.file.Path;
import java.util.List;

/**
 * A data source the ETL ingests: where its official files live, which files an input holds
 * (detecting the layout) and how each file is loaded.
 */
public interface Source {

    /** The name used on the command line and in the load statistics ("movielens"). */
    String name();

    /** The official download locations, fetched when no input is given (empty: an input is required). */
    List<String> officialLocations();

    /**
     * The feeds the input directory holds, each with its file.
     *
     * @throws InputLayoutException naming the directory and the files that were expected
     */
    List<LocatedFeed> locate(Path directory, SourceOptions options);

    /**
     * What of the options changes the loaded rows, recorded with the checksums so that a change of
     * options reloads unchanged files ("" when no option does).
     */
    default String optionsFingerprint(SourceOptions options) {
        return "";
    }

    /** Whether a change in one file reloads every file (the files filter each other). */
    default boolean reloadsTogether() {
        return false;
    }

    record LocatedFeed(Feed feed, Path file) {
    }
}
