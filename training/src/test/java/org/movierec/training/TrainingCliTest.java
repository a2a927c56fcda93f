package org.movierec.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.movierec.core.CommandLines;
import org.movierec.training.run.DropRule;
import org.movierec.training.train.Trainers;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The command line as picocli parses it, before (and without) Spring. */
class TrainingCliTest {

    private static TrainingTask parse(String... args) {
        return CommandLines.request(TrainingCli.commandLine().parseArgs(args));
    }

    private static void rejected(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).as(String.join(" ", args))
                .isInstanceOf(ParameterException.class).hasMessage(message);
    }

    /** What a command line answers: its exit code, standard output and standard error; nothing may start. */
    private record Answer(int exitCode, String out, String err) {
    }

    private static Answer answer(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TrainingCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = TrainingCli.execute(cli, args, (task, spring) -> {
            throw new AssertionError("started on " + List.of(args));
        });
        return new Answer(exitCode, out.toString(), err.toString());
    }

    @Test
    void trainTakesTheModelAndHyperParametersInTheOrderGiven() {
        TrainingTask task = parse("train", "--model=mf", "factors=8", "learning_rate = 0.02", "epochs=3");

        assertThat(task.command()).isEqualTo("train");
        assertThat(task.model()).isEqualTo("mf");
        assertThat(task.hyperParameters()).containsExactly(Map.entry("factors", "8"), Map.entry("learning_rate", "0.02"),
                Map.entry("epochs", "3"));
        assertThat(task.split()).isEqualTo(TrainingTask.Split.CONFIGURED);
        assertThat(task.promote()).isTrue();
        assertThat(task.runName()).isNull();
        assertThat(task.trials()).as("train's configured search budget").isNull();
        assertThat(task.version()).isNull();
        assertThat(task.skipUnchanged()).isFalse();
        assertThat(task.resultFile()).isNull();
    }

    @Test
    void theModelMayFollowItsHyperParametersAndTakeASeparateValue() {
        TrainingTask task = parse("train", "factors=8", "--model", "mf");

        assertThat(task.model()).isEqualTo("mf");
        assertThat(task.hyperParameters()).containsExactly(Map.entry("factors", "8"));
    }

    @Test
    void splitOptionsAreTypedAndTheOthersLeftToTheConfiguration() {
        TrainingTask task = parse("train", "--seed=7", "--folds=5", "--model=bias", "--split=kfold",
                "--test-fraction=0.3", "--run-name=nightly");

        assertThat(task.split()).isEqualTo(new TrainingTask.Split("kfold", 0.3, 5, 7L));
        assertThat(task.runName()).isEqualTo("nightly");
        assertThat(parse("evaluate", "--split=temporal").split()).isEqualTo(new TrainingTask.Split("temporal", null,
                null, null));
    }

    @Test
    void noPromoteTurnsPromotionOff() {
        assertThat(parse("train", "--model=mf", "--no-promote").promote()).isFalse();
        assertThat(parse("tune", "--no-promote", "--model=mf").promote()).isFalse();
    }

    @Test
    void tuneTakesTheNumberOfTrialsWithinItsBounds() {
        assertThat(parse("tune", "--model=mf", "--trials=25", "factors=16").trials()).isEqualTo(25);
        assertThat(parse("tune", "--model=mf", "--trials=1").trials()).isEqualTo(1);
        assertThat(parse("tune", "--model=mf", "--trials=1000").trials()).isEqualTo(1000);
        assertThat(parse("tune", "--model=mf").trials()).isEqualTo(10);
        rejected("--trials must be an integer from 1 to 1000, got 0", "tune", "--model=mf", "--trials=0");
        rejected("--trials must be an integer from 1 to 1000, got 1001", "tune", "--model=mf", "--trials=1001");
        rejected("Invalid value for option '--trials': 'many' is not an int", "tune", "--model=mf", "--trials=many");
    }

    @Test
    void trainTakesASearchBudgetWithZeroForTheDefaults() {
        assertThat(parse("train", "--model=ease", "--trials=0").trials()).isZero();
        assertThat(parse("train", "--model=ease", "--trials=4").trials()).isEqualTo(4);
        rejected("--trials must be an integer from 0 to 1000, got -1", "train", "--model=ease", "--trials=-1");
        rejected("Unknown option: '--trials=3'", "evaluate", "--trials=3");
    }

    @Test
    void evaluateTakesAVersionOrNothing() {
        TrainingTask task = parse("evaluate", "--version=3", "--split=temporal");

        assertThat(task.command()).isEqualTo("evaluate");
        assertThat(task.version()).isEqualTo(3);
        assertThat(task.model()).isNull();
        assertThat(task.hyperParameters()).isEmpty();
        assertThat(parse("evaluate").version()).as("the champion when no version is given").isNull();
        rejected("Invalid value for option '--version': 'latest' is not an int", "evaluate", "--version=latest");
    }

    @Test
    void promoteNeedsAVersionAndNoModel() {
        TrainingTask task = parse("promote", "--version=4", "--result-file=/tmp/result.json");

        assertThat(task.command()).isEqualTo("promote");
        assertThat(task.version()).isEqualTo(4);
        assertThat(task.resultFile()).isEqualTo("/tmp/result.json");
        rejected("Missing required option: '--version=N'", "promote");
        rejected("--version must be a version number from 1, got 0", "promote", "--version=0");
        rejected("Unknown option: '--model=mf'", "promote", "--version=4", "--model=mf");
    }

    @Test
    void monitorTakesTheDropRuleWithItsDefaults() {
        TrainingTask task = parse("monitor", "--baseline-tolerance=0.05", "--result-file=/tmp/drops.json");

        assertThat(task.dropRule()).isEqualTo(new DropRule(0.05, DropRule.DEFAULT.maxRelativeDrop(),
                DropRule.DEFAULT.minNewRatings()));
        assertThat(task.resultFile()).isEqualTo("/tmp/drops.json");
        assertThat(parse("monitor").dropRule()).isEqualTo(DropRule.DEFAULT);
        assertThat(parse("monitor", "--max-relative-drop=0.5", "--min-new-ratings=10").dropRule())
                .isEqualTo(new DropRule(0.02, 0.5, 10));
        rejected("monitor: drop rule: tolerances must be >= 0 and the minimum of new ratings >= 1, got 0.02, 0.0, 0",
                "monitor", "--min-new-ratings=0");
        rejected("Unknown option: '--model=mf'", "monitor", "--model=mf");
        rejected("Unmatched argument at index 1: 'factors=8'", "monitor", "factors=8");
    }

    @Test
    void skipUnchangedBelongsToTrain() {
        assertThat(parse("train", "--model=mf", "--skip-unchanged").skipUnchanged()).isTrue();
        rejected("Unknown option: '--skip-unchanged'", "tune", "--model=mf", "--skip-unchanged");
    }

    @Test
    void springsOwnOptionsGoToSpringAndTheRestToTheCommand() throws Exception {
        List<Object> started = new ArrayList<>();
        int exitCode = TrainingCli.execute(new String[] {"train", "--model=mf", "--spring.datasource.url=jdbc:postgresql://db/movies",
            "--logging.level.root=WARN", "factors=8", "--training.work-dir=/tmp/work"}, (task, spring) -> {
                started.add(task.model() + " " + task.hyperParameters());
                started.add(List.of(spring));
                return 5;
            });

        assertThat(exitCode).isEqualTo(5);
        assertThat(started).containsExactly("mf {factors=8}", List.of("--spring.datasource.url=jdbc:postgresql://db/movies",
                "--logging.level.root=WARN", "--training.work-dir=/tmp/work"));
    }

    @Test
    void aMissingOrUnknownCommandIsRejected() {
        assertThatThrownBy(() -> TrainingCli.commandLine().parseArgs("fit", "--model=mf"))
                .isInstanceOf(ParameterException.class);
        rejected("Missing required option: '--model=TYPE'", "train", "factors=8");
        rejected("Missing required option: '--model=TYPE'", "tune");
    }

    @Test
    void unknownOptionsAreRejectedByName() {
        rejected("Unknown option: '--modle=mf'", "train", "--model=mf", "--modle=mf");
        rejected("Unknown options: '--epochs=3', '--factors=8'", "train", "--model=mf", "--epochs=3", "--factors=8");
        rejected("Unknown option: '--version=2'", "train", "--model=mf", "--version=2");
    }

    @Test
    void aWrongModelTypeOrHyperParameterIsRejectedBeforeAnythingRuns() {
        rejected("unknown model type 'svd'; expected one of " + Trainers.types(), "train", "--model=svd");
        rejected("hyper-parameter factors=0 is invalid: expected an integer from 1 to 1000", "tune", "--model=mf",
                "factors=0");
        rejected("model 'bias' has no hyper-parameter [factors]; its hyper-parameters are [epochs, reg_item, reg_user]",
                "train", "--model=bias", "factors=8");
        rejected("--split must be one of random, temporal, kfold, got 'weekly'", "train", "--model=mf",
                "--split=weekly");
        rejected("Invalid value for option '--test-fraction': 'a fifth' is not a double", "train", "--model=mf",
                "--test-fraction=a fifth");
    }

    @Test
    void aWordThatIsNoNameValuePairIsRejected() {
        rejected("'factors' is not a hyper-parameter: expected name=value", "train", "--model=mf", "factors");
        rejected("'=8' is not a hyper-parameter: expected name=value", "train", "--model=mf", "=8");
        rejected("hyper-parameter factors given twice", "train", "--model=mf", "factors=8", "factors=9");
    }

    @Test
    void anOptionGivenTwiceOrWithoutItsValueIsRejected() {
        rejected("option '--model' (TYPE) should be specified only once", "train", "--model=mf", "--model=bias");
        rejected("option '--seed' (N) should be specified only once", "train", "--model=mf", "--seed=1", "--seed=2");
        rejected("Missing required parameter for option '--model' (TYPE)", "train", "--model");
        rejected("--run-name needs a value", "train", "--model=mf", "--run-name= ");
    }

    @Test
    void helpIsAskedForByOptionOrWordAndListsEveryModelUnwrapped() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {"-h"}}) {
            Answer help = answer(args);
            assertThat(help.exitCode()).isZero();
            assertThat(help.err()).isEmpty();
            assertThat(help.out()).startsWith("Usage: training.jar [-hV] COMMAND").contains("Exit codes",
                    "MLFLOW_TRACKING_URI", "TRAINING_SEARCH_TRIALS", "SPRING_DATASOURCE_URL");
            // the DAG tests read the models as airflow-dags/tests/test_dag_integrity.py does
            Matcher models = Pattern.compile("^  ([\\w-]+): (.*)$", Pattern.MULTILINE).matcher(help.out());
            List<String> listed = new ArrayList<>();
            while (models.find()) {
                listed.add(models.group(1));
                assertThat(models.group(2)).isEqualTo(String.join(" ", Trainers.create(models.group(1), Map.of())
                        .params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            assertThat(listed).containsExactlyElementsOf(Trainers.types());
        }
        Answer train = answer("train", "--model=mf", "--help");
        assertThat(train.exitCode()).isZero();
        assertThat(train.out()).startsWith("Usage: training.jar train").contains("--skip-unchanged", "--trials=N",
                "  mf: factors=100");
        Answer promote = answer("help", "promote");
        assertThat(promote.out()).startsWith("Usage: training.jar promote").contains("--version=N")
                .doesNotContain("Model types");
    }

    @Test
    void versionNamesTheJar() throws Exception {
        Answer version = answer("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("training.jar ");
    }

    @Test
    void usageErrorsExitWithTwoAndNameTheCommandsHelp() throws Exception {
        Answer none = answer();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("training: no command given; expected one of train, tune, evaluate, promote, "
                + "monitor\nUsage: training.jar [-hV] COMMAND");

        Answer unknown = answer("factors=8", "train", "--model=mf");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("training: unknown command 'factors=8'; expected one of train, tune, "
                + "evaluate, promote, monitor");

        Answer wrong = answer("tune", "--model=mf", "--trials=0");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).startsWith("training: --trials must be an integer from 1 to 1000, got 0\n"
                + "Usage: training.jar tune").endsWith("See 'training.jar tune --help'.\n");
    }
}
