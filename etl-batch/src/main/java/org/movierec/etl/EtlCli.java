package org.movierec.etl;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.movierec.core.BuildVersion;
import org.movierec.core.CommandLines;
import org.movierec.etl.load.SourceOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line, {@code java -jar etl-batch.jar COMMAND [options]}, parsed before Spring starts:
 * {@code --help}, {@code --version} and usage errors never touch the database. Spring's own options
 * ({@code --spring.*}, {@code --logging.*}, {@code --etl.*}) pass through to Spring.
 */
@Command(name = "etl-batch.jar", mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {EtlCli.MovieLens.class, EtlCli.Imdb.class, EtlCli.Catalog.class, EtlCli.Tmdb.class,
                EtlCli.Link.class, EtlCli.Migrate.class, HelpCommand.class},
        description = {"Loads one source into PostgreSQL (SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD). A run on "
                + "input that did not change since the last load returns at once; a run that was interrupted (even "
                + "killed) resumes where it stopped when started again with the same input.",
                "'etl-batch.jar COMMAND --help' lists a command's options.", ""},
        commandListHeading = "Commands:%n",
        footerHeading = "%n",
        footer = {"Settings: an environment variable, or the Spring option after the command.",
                "  SPRING_DATASOURCE_URL  --spring.datasource.url=URL: the database "
                        + "(jdbc:postgresql://localhost:5432/movies)",
                "  SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD: its login (movies, movies)",
                "  ETL_CACHE_DIR          --etl.cache-dir=DIR: the download and extraction cache (~/.cache/movierec-etl)",
                "Every --spring.*, --logging.* or --etl.* option (--logging.level.org.movierec=DEBUG) goes to Spring.",
                "",
                "Exit codes: 0 loaded or nothing to do, 1 the job failed, 2 wrong usage, 3 bad or missing input."})
final class EtlCli {

    /** The sources, each a command; the application's Source beans have exactly these names. */
    static final List<String> SOURCES = List.of("movielens", "imdb", "catalog", "tmdb");
    private static final List<String> SPRING_PREFIXES = List.of("--spring.", "--logging.", "--etl.");

    private EtlCli() {
    }

    /** A picocli command line of the application, printing to the standard streams. */
    static CommandLine commandLine() {
        return CommandLines.create(new EtlCli(), BuildVersion.describe("etl-batch.jar", EtlCli.class))
                .setOverwrittenOptionsAllowed(true);
    }

    /** Answers help, the version or a usage error (exit 2) at once; else {@code start} runs the request. */
    static int execute(String[] args, CommandLines.Start<EtlRequest> start) throws Exception {
        return execute(commandLine(), args, start);
    }

    /** {@link #execute(String[], CommandLines.Start)} with {@code cli}'s output streams. */
    static int execute(CommandLine cli, String[] args, CommandLines.Start<EtlRequest> start) throws Exception {
        return CommandLines.execute(cli, "etl-batch", SPRING_PREFIXES, args, start);
    }

    /** The options of a load; every source takes them all. */
    abstract static class Load implements CommandLines.Subcommand<EtlRequest> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--input", paramLabel = "LOCATION", split = ",",
                description = {"a directory, a .zip archive, or http(s) URLs (comma-separated); downloads are "
                        + "cached and fetched again only when the server says they changed"})
        List<String> inputs;

        @Option(names = "--force", description = "load every file even when its checksum matches the last load")
        boolean force;

        @Option(names = "--fresh", description = "start a new run instead of resuming an interrupted one")
        boolean fresh;

        @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "1000",
                description = "malformed records tolerated per file before the run fails (default ${DEFAULT-VALUE})")
        long maxRejects;

        @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "250000",
                description = "records per staging transaction, in blocks of 1000 (default ${DEFAULT-VALUE}; "
                        + "1 to 1000000)")
        int chunkSize;

        @Option(names = "--imdb-title-types", paramLabel = "TYPE", split = ",",
                description = "IMDb title types to load with their people, comma-separated "
                        + "(default movie,tvSeries,tvMiniSeries,tvMovie)")
        List<String> imdbTitleTypes;

        @Override
        public EtlRequest request() {
            if (maxRejects < 0) {
                throw usage("--max-rejects expects a non-negative whole number, got " + maxRejects);
            }
            if (chunkSize < 1 || chunkSize > 1_000_000) {
                throw usage("--chunk-size must be between 1 and 1000000, got " + chunkSize);
            }
            List<String> locations = stripped(inputs);
            if (inputs != null && locations.isEmpty()) {
                throw usage("--input is empty; leave it out to use the official location");
            }
            Set<String> types = new TreeSet<>(stripped(imdbTitleTypes));
            return new EtlRequest(spec.name(), locations, new SourceOptions(maxRejects, chunkSize,
                    types.isEmpty() ? SourceOptions.DEFAULT_IMDB_TITLE_TYPES : types), force, fresh);
        }

        private ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }

        private static List<String> stripped(List<String> values) {
            return values == null ? List.of() : values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        }
    }

    @Command(name = "movielens", description = {"MovieLens, any official release: ml-latest(-small), "
            + "ml-20m/25m/32m (CSV), ml-1m/ml-10m (::-separated .dat) and ml-100k (u.data, u.item, u.user).",
            "Default input: https://files.grouplens.org/datasets/movielens/ml-latest-small.zip", ""})
    static final class MovieLens extends Load {
    }

    @Command(name = "imdb", description = {"IMDb non-commercial TSV files (title.basics, title.ratings, title.crew, "
            + "title.principals, name.basics; .tsv or .tsv.gz).",
            "Default input: the five .tsv.gz files of https://datasets.imdbws.com/", ""})
    static final class Imdb extends Load {
    }

    @Command(name = "catalog", description = {"Streaming catalogs, any of amazon_prime_titles.csv, "
            + "disney_plus_titles.csv, hulu_titles.csv, netflix_titles.csv (each replaces its platform's titles), and "
            + "user ratings in ratings/*.csv (userId,rating,timestamp,movieId; added or updated, never deleted).",
            "No public download: --input is required.", ""})
    static final class Catalog extends Load {
    }

    @Command(name = "tmdb", description = {"TMDB from Kaggle, either layout (one per folder): \"The Movies "
            + "Dataset\", movies_metadata.csv and credits.csv, or \"TMDB 5000 Movie Dataset\", "
            + "tmdb_5000_movies.csv and tmdb_5000_credits.csv.", "--input is required.", ""})
    static final class Tmdb extends Load {
    }

    @Command(name = EtlRequest.LINK, description = "Links the loaded sources: MovieLens to IMDb and TMDB, catalog titles to movies.")
    static final class Link implements CommandLines.Subcommand<EtlRequest> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Override
        public EtlRequest request() {
            return EtlRequest.of(EtlRequest.LINK);
        }
    }

    @Command(name = EtlRequest.MIGRATE, description = "Applies the schema migrations to the database and exits "
            + "(every command does so first).")
    static final class Migrate implements CommandLines.Subcommand<EtlRequest> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Override
        public EtlRequest request() {
            return EtlRequest.of(EtlRequest.MIGRATE);
        }
    }
}
