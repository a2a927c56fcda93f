package org.movierec.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar training.jar} as a process that can reach neither its database nor MLflow: help, the version
 * and usage errors are answered all the same, since they never start Spring; a real command fails on the database.
 */
class CommandLineWithoutServicesTest {

    private record Answer(int exitCode, String out, String err) {
    }

    private static Answer training(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrainingApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // nothing listens on port 1: a connection is refused at once
        builder.environment().put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/movies");
        builder.environment().put("MLFLOW_TRACKING_URI", "http://127.0.0.1:1");
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("training " + String.join(" ", args) + " ended").isTrue();
        return new Answer(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
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
