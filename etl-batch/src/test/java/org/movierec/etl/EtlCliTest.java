package org.movierec.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.movierec.core.CommandLines;
import org.movierec.etl.load.SourceOptions;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The command line as picocli parses it, before (and without) Spring. */
class EtlCliTest {

    /** The request of a valid command line. */
    private static EtlRequest parse(String... args) {
        return CommandLines.request(EtlCli.commandLine().parseArgs(args));
    }

    /** What a command line answers: its exit code, standard output and standard error; nothing may start. */
    private record Answer(int exitCode, String out, String err) {
    }

    private static Answer answer(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EtlCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = EtlCli.execute(cli, args, (request, spring) -> {
            throw new AssertionError("started on " + List.of(args));
        });
        return new Answer(exitCode, out.toString(), err.toString());
    }

    /** The request and Spring arguments a valid command line starts the application with. */
    private static List<Object> started(String... args) throws Exception {
        List<Object> started = new ArrayList<>();
        assertThat(EtlCli.execute(args, (request, spring) -> {
            started.add(request);
            started.add(List.of(spring));
            return 7;
        })).isEqualTo(7);
        return started;
    }

    @Test
    void aLoadWithoutOptionsTakesTheOfficialInputAndTheDefaults() {
        EtlRequest request = parse("movielens");

        assertThat(request).isEqualTo(new EtlRequest("movielens", List.of(), SourceOptions.defaults(), false, false));
    }

    @Test
    void everyOptionReachesTheRequest() {
        EtlRequest request = parse("imdb", "--input=/data/a, https://x/b.tsv.gz", "--input=/data/c", "--force",
                "--fresh", "--max-rejects=0", "--chunk-size=1000000", "--imdb-title-types=tvSeries, movie,");

        assertThat(request.command()).isEqualTo("imdb");
        assertThat(request.inputs()).containsExactly("/data/a", "https://x/b.tsv.gz", "/data/c");
        assertThat(request.force()).isTrue();
        assertThat(request.fresh()).isTrue();
        assertThat(request.options()).isEqualTo(new SourceOptions(0, 1_000_000, Set.of("movie", "tvSeries")));
    }

    @Test
    void theLastValueOfARepeatedNumberWins() {
        assertThat(parse("tmdb", "--max-rejects=5", "--max-rejects=9").options().maxRejects()).isEqualTo(9);
    }

    @Test
    void anEmptyListOfTitleTypesMeansTheDefaultOnes() {
        assertThat(parse("imdb", "--imdb-title-types=").options().imdbTitleTypes())
                .isEqualTo(SourceOptions.DEFAULT_IMDB_TITLE_TYPES);
    }

    @Test
    void linkAndMigrateTakeNoOptions() {
        assertThat(parse("link")).isEqualTo(EtlRequest.of("link"));
        assertThat(parse("migrate")).isEqualTo(EtlRequest.of("migrate"));
        assertThatThrownBy(() -> parse("link", "--force")).isInstanceOf(ParameterException.class)
                .hasMessage("Unknown option: '--force'");
    }

    @Test
    void springsOptionsGoToSpringAndTheRestToTheCommand() throws Exception {
        assertThat(started("--spring.datasource.url=jdbc:postgresql://db/movies", "catalog", "--input=/data",
                "--etl.cache-dir=/tmp/cache", "--logging.level.root=WARN"))
                .containsExactly(new EtlRequest("catalog", List.of("/data"), SourceOptions.defaults(), false, false),
                        List.of("--spring.datasource.url=jdbc:postgresql://db/movies", "--etl.cache-dir=/tmp/cache",
                                "--logging.level.root=WARN"));
    }

    @Test
    void helpListsEverySourceOptionAndSettingWithoutStarting() throws Exception {
        Answer help = answer("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        for (String word : new String[] {"movielens", "imdb", "catalog", "tmdb", "link", "migrate", "--version",
            "SPRING_DATASOURCE_URL", "ETL_CACHE_DIR", "--etl.cache-dir", "Exit codes"}) {
            assertThat(help.out()).contains(word);
        }
        Answer load = answer("movielens", "--help");
        assertThat(load.exitCode()).isZero();
        for (String word : new String[] {"ml-latest-small.zip", "--input=LOCATION", "--force", "--fresh",
            "--max-rejects=N", "(default 1000)", "--chunk-size=N", "(default 250000;", "--imdb-title-types"}) {
            assertThat(load.out()).contains(word);
        }
        assertThat(answer("help", "catalog").out()).contains("No public download: --input is required.");
    }

    @Test
    void versionNamesTheJar() throws Exception {
        Answer version = answer("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("etl-batch.jar ");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() throws Exception {
        assertUsageError("etl-batch: no command given; expected one of movielens, imdb, catalog, tmdb, link, migrate");
        assertUsageError("etl-batch: unknown command 'netflix'; expected one of movielens, imdb, catalog, tmdb, link, "
                + "migrate", "netflix");
        assertUsageError("etl-batch: Unknown option: '--inptu=x'", "movielens", "--inptu=x");
        assertUsageError("etl-batch: Invalid value for option '--max-rejects': 'many' is not a long", "movielens",
                "--max-rejects=many");
        assertUsageError("etl-batch: --max-rejects expects a non-negative whole number, got -1", "imdb",
                "--max-rejects=-1");
        assertUsageError("etl-batch: --chunk-size must be between 1 and 1000000, got 0", "movielens", "--chunk-size=0");
        assertUsageError("etl-batch: --chunk-size must be between 1 and 1000000, got 1000001", "movielens",
                "--chunk-size=1000001");
        assertUsageError("etl-batch: --input is empty; leave it out to use the official location", "tmdb",
                "--input=");
        assertUsageError("etl-batch: Missing required parameter for option '--input' (LOCATION)", "movielens",
                "--input");
        assertUsageError("etl-batch: Unmatched argument at index 1: 'imdb'", "movielens", "imdb");
    }

    private static void assertUsageError(String firstLine, String... args) throws Exception {
        Answer answer = answer(args);
        assertThat(answer.exitCode()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(answer.out()).isEmpty();
        assertThat(answer.err()).startsWith(firstLine + "\nUsage: etl-batch.jar").contains("--help'.");
    }
}
