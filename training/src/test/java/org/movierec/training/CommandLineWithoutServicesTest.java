package org.movierec.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.testing.JavaProcess;
import org.movierec.testing.JavaProcess.Answer;

/**
 * {@code java -jar training.jar} as a process that can reach neither its database nor MLflow: help, the version
 * and usage errors are answered all the same, since they never start Spring; a real command fails on the database.
 */
class CommandLineWithoutServicesTest {

    private static Answer training(String... args) throws IOException, InterruptedException {
        // nothing listens on port 1: a connection is refused at once
        return JavaProcess.run(TrainingApplication.class, Map.of("SPRING_DATASOURCE_URL",
                "jdbc:postgresql://127.0.0.1:1/movies", "MLFLOW_TRACKING_URI", "http://127.0.0.1:1"),
                Duration.ofMinutes(2), args);
    }

    @Test
    void helpAndVersionNeedNoService() throws Exception {
        Answer help = training("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: training.jar [-hV] COMMAND").contains("  mf: factors=100");
        assertThat(help.err()).isEmpty();

        Answer trainHelp = training("train", "--help");
        assertThat(trainHelp.exitCode()).isZero();
        assertThat(trainHelp.out()).startsWith("Usage: training.jar train").contains("--skip-unchanged");

        Answer version = training("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("training.jar ");
    }

    @Test
    void usageErrorsNeedNoService() throws Exception {
        Answer unknownOption = training("train", "--model=mf", "--modle=bias", "--training.work-dir=/tmp");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.out()).isEmpty();
        assertThat(unknownOption.err()).startsWith("training: Unknown option: '--modle=bias'\nUsage: training.jar train");

        Answer badNumber = training("tune", "--model=ease", "--trials=ten");
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err()).startsWith("training: Invalid value for option '--trials': 'ten' is not an int");

        Answer noValue = training("promote", "--version");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.err()).startsWith("training: Missing required parameter for option '--version' (N)");

        Answer badHyperParameter = training("train", "--model=mf", "factors=0");
        assertThat(badHyperParameter.exitCode()).isEqualTo(2);
        assertThat(badHyperParameter.err()).startsWith("training: hyper-parameter factors=0 is invalid");
    }

    @Test
    void aCommandThatIsRunReachesForTheDatabase() throws Exception {
        Answer evaluate = training("evaluate");

        assertThat(evaluate.exitCode()).isNotZero().isNotEqualTo(2);
        assertThat(evaluate.out() + evaluate.err()).contains("Connection to 127.0.0.1:1 refused");
    }
}
