package org.movierec.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.movierec.testing.JavaProcess;
import org.movierec.testing.JavaProcess.Answer;

/**
 * {@code java -jar etl-batch.jar} as a process whose database cannot be reached: help, the version and usage
 * errors are answered all the same, since they never start Spring; a real command fails on the database.
 */
class CommandLineWithoutDatabaseTest {

    /** Nothing listens on port 1: a connection is refused at once. */
    private static final String NO_DATABASE = "jdbc:postgresql://127.0.0.1:1/movies";

    private static Answer etl(String... args) throws IOException, InterruptedException {
        return JavaProcess.run(EtlApplication.class, Map.of("SPRING_DATASOURCE_URL", NO_DATABASE),
                Duration.ofMinutes(2), args);
    }

    @Test
    void helpAndVersionNeedNoDatabase() throws Exception {
        Answer help = etl("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: etl-batch.jar [-hV] COMMAND").contains("Exit codes");
        assertThat(help.err()).isEmpty();

        Answer loadHelp = etl("imdb", "--help");
        assertThat(loadHelp.exitCode()).isZero();
        assertThat(loadHelp.out()).startsWith("Usage: etl-batch.jar imdb").contains("--imdb-title-types");

        Answer version = etl("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("etl-batch.jar ");
    }

    @Test
    void usageErrorsNeedNoDatabase() throws Exception {
        Answer unknownOption = etl("movielens", "--inptu=/data", "--spring.datasource.username=movies");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.out()).isEmpty();
        assertThat(unknownOption.err()).startsWith("etl-batch: Unknown option: '--inptu=/data'\nUsage: etl-batch.jar movielens");

        Answer badNumber = etl("movielens", "--chunk-size=lots");
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err()).startsWith("etl-batch: Invalid value for option '--chunk-size': 'lots' is not an int");

        Answer noValue = etl("catalog", "--input");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.err()).startsWith("etl-batch: Missing required parameter for option '--input' (LOCATION)");
    }

    @Test
    void aCommandThatIsRunReachesForTheDatabase() throws Exception {
        Answer migrate = etl("migrate");

        assertThat(migrate.exitCode()).isNotZero().isNotEqualTo(2);
        assertThat(migrate.out() + migrate.err()).contains("Connection to 127.0.0.1:1 refused");
    }
}
