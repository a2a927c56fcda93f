package org.movierec.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.training.CommandLine.UsageException;
import org.springframework.boot.DefaultApplicationArguments;

class CommandLineTest {

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(new DefaultApplicationArguments(args));
    }

    private static void rejected(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).as(String.join(" ", args))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void trainTakesTheModelAndHyperParametersInTheOrderGiven() throws UsageException {
        CommandLine line = parse("train", "--model=mf", "factors=8", "learning_rate = 0.02", "epochs=3");

        assertThat(line.command()).isEqualTo("train");
        assertThat(line.model()).isEqualTo("mf");
        assertThat(line.hyperParameters()).containsExactly(Map.entry("factors", "8"), Map.entry("learning_rate", "0.02"),
                Map.entry("epochs", "3"));
        assertThat(line.split()).isEmpty();
        assertThat(line.promote()).isTrue();
        assertThat(line.runName()).isNull();
        assertThat(line.trials()).as("train's configured search budget").isNull();
        assertThat(line.version()).isNull();
    }

    @Test
    void splitOptionsAreCollectedUnderTheirSettingNames() throws UsageException {
        CommandLine line = parse("train", "--seed=7", "--folds=5", "--model=bias", "--split=kfold", "--test-fraction=0.3",
                "--run-name=nightly");

        assertThat(line.split()).containsExactly(Map.entry("method", "kfold"), Map.entry("test-fraction", "0.3"),
                Map.entry("folds", "5"), Map.entry("seed", "7"));
        assertThat(line.runName()).isEqualTo("nightly");
        assertThat(line.hyperParameters()).isEmpty();
    }

    @Test
    void noPromoteTurnsPromotionOff() throws UsageException {
        assertThat(parse("train", "--model=mf", "--no-promote").promote()).isFalse();
        assertThat(parse("tune", "--no-promote", "--model=mf").promote()).isFalse();
    }

    @Test
    void tuneTakesTheNumberOfTrialsWithinItsBounds() throws UsageException {
        assertThat(parse("tune", "--model=mf", "--trials=25", "factors=16").trials()).isEqualTo(25);
        assertThat(parse("tune", "--model=mf", "--trials=1").trials()).isEqualTo(1);
        assertThat(parse("tune", "--model=mf", "--trials=1000").trials()).isEqualTo(1000);
        rejected("--trials must be an integer from 1 to 1000, got '0'", "tune", "--model=mf", "--trials=0");
        rejected("--trials must be an integer from 1 to 1000, got '1001'", "tune", "--model=mf", "--trials=1001");
        rejected("--trials must be an integer from 1 to 1000, got 'many'", "tune", "--model=mf", "--trials=many");
        assertThat(parse("tune", "--model=mf").trials()).isEqualTo(10);
    }

    @Test
    void trainTakesASearchBudgetWithZeroForTheDefaults() throws UsageException {
        assertThat(parse("train", "--model=ease", "--trials=0").trials()).isZero();
        assertThat(parse("train", "--model=ease", "--trials=4").trials()).isEqualTo(4);
        rejected("--trials must be an integer from 0 to 1000, got '-1'", "train", "--model=ease", "--trials=-1");
        rejected("--trials belongs to train and tune", "evaluate", "--trials=3");
    }

    @Test
    void evaluateTakesAVersionOrNothing() throws UsageException {
        CommandLine line = parse("evaluate", "--version=3", "--split=temporal");

        assertThat(line.command()).isEqualTo("evaluate");
        assertThat(line.version()).isEqualTo("3");
        assertThat(line.model()).isNull();
        assertThat(line.hyperParameters()).isEmpty();
        assertThat(line.split()).containsExactly(Map.entry("method", "temporal"));
        assertThat(parse("evaluate").version()).as("the champion when no version is given").isNull();
    }

    @Test
    void promoteNeedsAVersionAndNoModel() throws UsageException {
        CommandLine line = parse("promote", "--version=4", "--result-file=/tmp/result.json");

        assertThat(line.command()).isEqualTo("promote");
        assertThat(line.version()).isEqualTo("4");
        assertThat(line.resultFile()).isEqualTo("/tmp/result.json");
        rejected("promote needs --version=N, the version to decide on", "promote");
        rejected("promote scores a registered version: it takes --version, not --model or hyper-parameters",
                "promote", "--version=4", "--model=mf");
    }

    @Test
    void skipUnchangedBelongsToTrain() throws UsageException {
        assertThat(parse("train", "--model=mf", "--skip-unchanged").skipUnchanged()).isTrue();
        assertThat(parse("train", "--model=mf").skipUnchanged()).isFalse();
        assertThat(parse("train", "--model=mf").resultFile()).isNull();
        rejected("--skip-unchanged belongs to train", "tune", "--model=mf", "--skip-unchanged");
    }

    @Test
    void springsOwnOptionsPassThrough() throws UsageException {
        CommandLine line = parse("train", "--model=mf", "--spring.datasource.url=jdbc:postgresql://db/movies",
                "--logging.level.root=WARN", "--training.work-dir=/tmp/work");

        assertThat(line.model()).isEqualTo("mf");
    }

    @Test
    void aMissingOrUnknownCommandIsRejected() {
        rejected("no command given");
        rejected("no command given", "--model=mf");
        rejected("unknown command 'fit'", "fit", "--model=mf");
        rejected("unknown command 'factors=8'", "factors=8", "train", "--model=mf");
    }

    @Test
    void unknownOptionsAreRejectedByName() {
        rejected("unknown option(s) --modle", "train", "--modle=mf");
        // both named, in the (unspecified) order of Spring's option set
        assertThatThrownBy(() -> parse("train", "--model=mf", "--epochs=3", "--factors=8"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown option(s) --").hasMessageContaining("--epochs")
                .hasMessageContaining("--factors").hasMessageNotContaining("--model");
    }

    @Test
    void trainAndTuneNeedAModelAndNoVersion() {
        rejected("train needs --model=TYPE", "train", "factors=8");
        rejected("tune needs --model=TYPE", "tune");
        rejected("--version belongs to evaluate and promote", "train", "--model=mf", "--version=2");
    }

    @Test
    void evaluateTakesNoModelNorHyperParameters() {
        String message = "evaluate scores a registered version: it takes --version, not --model or hyper-parameters";
        rejected(message, "evaluate", "--model=mf");
        rejected(message, "evaluate", "--version=2", "factors=8");
    }

    @Test
    void aWordThatIsNoNameValuePairIsRejected() {
        rejected("'factors' is not a hyper-parameter: expected name=value", "train", "--model=mf", "factors");
        rejected("'=8' is not a hyper-parameter: expected name=value", "train", "--model=mf", "=8");
    }

    @Test
    void anOptionGivenTwiceOrWithoutItsValueIsRejected() {
        rejected("--model given 2 times", "train", "--model=mf", "--model=bias");
        rejected("--seed given 2 times", "train", "--model=mf", "--seed=1", "--seed=2");
        rejected("--model needs a value", "train", "--model=");
    }

    @Test
    void helpIsAskedForByOptionOrWord() {
        assertThat(CommandLine.wantsHelp(new DefaultApplicationArguments("--help"))).isTrue();
        assertThat(CommandLine.wantsHelp(new DefaultApplicationArguments("help"))).isTrue();
        assertThat(CommandLine.wantsHelp(new DefaultApplicationArguments("train", "--model=mf"))).isFalse();
    }

    @Test
    void aHyperParameterGivenTwiceIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(new DefaultApplicationArguments("train", "--model=mf", "factors=8",
                "factors=9"))).hasMessage("hyper-parameter factors given twice");
    }
}
