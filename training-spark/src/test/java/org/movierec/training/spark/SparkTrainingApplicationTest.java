package org.movierec.training.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line answered before any Spark, database or MLflow work: usage errors, help and exit codes. */
class SparkTrainingApplicationTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void helpListsEveryModelWithItsDefaults() {
        assertThat(SparkTrainingApplication.run("train", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("  als: factors=50 iterations=10 reg=0.15 blocks=10 seed=42")
                .contains("  als-implicit: factors=70 iterations=13 reg=0.044 alpha=0.34 blocks=10 seed=42");
    }

    @Test
    void anUnknownOptionModelOrHyperParameterIsAUsageError() {
        assertThat(SparkTrainingApplication.run("train", "--colour=red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--colour=red'");
        assertThat(SparkTrainingApplication.run("train", "--model=ease")).isEqualTo(2);
        assertThat(SparkTrainingApplication.run("train", "--model=als", "factors=0")).isEqualTo(2);
        assertThat(SparkTrainingApplication.run("train", "--model=als", "alpha=2")).isEqualTo(2);
        assertThat(SparkTrainingApplication.run("tune", "--model=als", "--split=temporal")).isEqualTo(2);
        assertThat(SparkTrainingApplication.run("evaluate", "--partitions=0")).isEqualTo(2);
    }

    @Test
    void blankArgumentsAsATemplateRendersThemAreDropped() {
        assertThat(SparkTrainingApplication.run("", "train", " ", "--help")).isZero();
    }

    @Test
    void anUnreachableDatabaseOrClusterIsExitCodeThreeAndAnyOtherFailureOne() {
        assertThat(SparkTrainingApplication.exitCode(new SparkException("job aborted",
                new SQLException("connection refused")))).isEqualTo(3);
        assertThat(SparkTrainingApplication.exitCode(new SparkTrainingApplication.SparkUnavailableException(
                "the Spark master spark://127.0.0.1:7 does not answer"))).isEqualTo(3);
        assertThat(SparkTrainingApplication.exitCode(new SparkException("Job aborted: SparkContext was shut down")))
                .isEqualTo(3);
        assertThat(SparkTrainingApplication.exitCode(new SparkException("Job aborted due to stage failure: "
                + "ExecutorLostFailure (executor 1 exited caused by one of the running tasks)"))).isEqualTo(3);
        assertThat(SparkTrainingApplication.exitCode(new IllegalStateException("a bug"))).isEqualTo(1);
        assertThat(SparkTrainingApplication.exitCode(new SparkException("Job aborted due to stage failure: "
                + "java.io.NotSerializableException: a bug"))).isEqualTo(1);
    }
}
