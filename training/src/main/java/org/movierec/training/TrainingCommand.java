package org.movierec.training;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.movierec.mlflow.MlflowException;
import org.movierec.training.run.RunRequest;
import org.movierec.training.run.RunResult;
import org.movierec.training.run.EvaluationRun;
import org.movierec.training.run.InvalidRequestException;
import org.movierec.training.run.PromotionRun;
import org.movierec.training.run.NoDataException;
import org.movierec.training.run.TrainingRun;
import org.movierec.training.run.TuningRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/** Runs the command given on the command line and turns its outcome into the process exit code. */
@Component
class TrainingCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;

    private static final Logger log = LoggerFactory.getLogger(TrainingCommand.class);

    private final TrainingRun trainingRun;
    private final TuningRun tuningRun;
    private final EvaluationRun evaluationRun;
    private final PromotionRun promotionRun;
    private final TrainingProperties properties;
    private int exitCode = OK;

    TrainingCommand(TrainingRun trainingRun, TuningRun tuningRun, EvaluationRun evaluationRun,
                    PromotionRun promotionRun, TrainingProperties properties) {
        this.trainingRun = trainingRun;
        this.tuningRun = tuningRun;
        this.evaluationRun = evaluationRun;
        this.promotionRun = promotionRun;
        this.properties = properties;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (CommandLine.wantsHelp(args)) {
            System.out.print(Usage.text());
            return;
        }
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("training: " + e.getMessage() + " (see --help)");
            exitCode = USAGE;
            return;
        }
        RunRequest request;
        try {
            request = request(command);
        } catch (IllegalArgumentException e) {
            System.err.println("training: " + e.getMessage() + " (see --help)");
            exitCode = USAGE;
            return;
        }
        try {
            RunResult result = switch (command.command()) {
                case "train" -> trainingRun.train(request, command.skipUnchanged());
                case "tune" -> tuningRun.tune(request, command.trials());
                case "promote" -> promotionRun.promote(command.version(), request);
                default -> evaluationRun.evaluate(command.version(), request);
            };
            report(result);
            if (command.resultFile() != null) {
                ResultFile.write(Path.of(command.resultFile()), result);
            }
        } catch (InvalidRequestException e) {
            log.error("training: {}", e.getMessage());
            exitCode = USAGE;
        } catch (MlflowException e) {
            log.error("MLflow: {}", e.getMessage());
            exitCode = e.status() == 0 ? UNAVAILABLE : FAILED;
        } catch (SQLException e) {
            log.error("Database: {}", e.getMessage());
            exitCode = UNAVAILABLE;
        } catch (NoDataException e) {
            log.error("{}", e.getMessage());
            exitCode = UNAVAILABLE;
        } catch (Exception e) {
            log.error("The run failed", e);
            exitCode = FAILED;
        }
    }

    private RunRequest request(CommandLine command) {
        TrainingProperties.Split defaults = properties.split();
        Map<String, String> split = command.split();
        return new RunRequest(command.model(), command.hyperParameters(),
                split.getOrDefault("method", defaults.method()),
                number(split, "test-fraction", defaults.testFraction()),
                (int) number(split, "folds", defaults.folds()),
                (long) number(split, "seed", defaults.seed()), command.promote(), command.runName());
    }

    private static double number(Map<String, String> split, String option, double fallback) {
        String value = split.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a number, got '" + value + "'");
        }
    }

    private void report(RunResult result) {
        if (result.runUrl() != null) {
            System.out.printf("run %s: %s%n", result.runId(), result.runUrl());
        }
        if (result.evaluation() == null) {
            System.out.printf("%s version %d (run %s): %s%n", result.version().name(), result.version().version(),
                    result.runId(), result.promotion() != null ? result.promotion().reason()
                            : "trained on the same data with the same configuration, nothing to train");
            return;
        }
        if (result.promotion() != null) {
            System.out.printf("registered %s version %d as %s: %s%n", result.version().name(),
                    result.version().version(), result.promotion().alias(), result.promotion().reason());
        } else {
            System.out.printf("evaluated %s version %d%n", result.version().name(), result.version().version());
        }
        result.evaluation().asMap().forEach((name, value) -> System.out.printf("  %-24s %.5f%n", name, value));
    }
}
