package org.movierec.training;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.movierec.training.run.RunRequest;
import org.movierec.training.run.RunResult;
import org.movierec.training.run.SearchSpace;
import org.movierec.training.run.EvaluationRun;
import org.movierec.training.run.ExitCodes;
import org.movierec.training.run.MonitorResultFile;
import org.movierec.training.run.MonitoringRun;
import org.movierec.training.run.ResultFile;
import org.movierec.training.run.PromotionRun;
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


    private static final Logger log = LoggerFactory.getLogger(TrainingCommand.class);

    private final TrainingRun trainingRun;
    private final TuningRun tuningRun;
    private final EvaluationRun evaluationRun;
    private final PromotionRun promotionRun;
    private final MonitoringRun monitoringRun;
    private final TrainingProperties properties;
    private int exitCode = ExitCodes.OK;

    TrainingCommand(TrainingRun trainingRun, TuningRun tuningRun, EvaluationRun evaluationRun,
                    PromotionRun promotionRun, MonitoringRun monitoringRun, TrainingProperties properties) {
        this.trainingRun = trainingRun;
        this.tuningRun = tuningRun;
        this.evaluationRun = evaluationRun;
        this.promotionRun = promotionRun;
        this.monitoringRun = monitoringRun;
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
            exitCode = ExitCodes.USAGE;
            return;
        }
        if (command.command().equals("monitor")) {
            monitor(command);
            return;
        }
        RunRequest request;
        try {
            request = request(command);
        } catch (IllegalArgumentException e) {
            System.err.println("training: " + e.getMessage() + " (see --help)");
            exitCode = ExitCodes.USAGE;
            return;
        }
        try {
            RunResult result = switch (command.command()) {
                case "train" -> train(request, command);
                case "tune" -> tuningRun.tune(request, command.trials());
                case "promote" -> promotionRun.promote(command.version(), request);
                default -> evaluationRun.evaluate(command.version(), request);
            };
            result.print(System.out);
            if (command.resultFile() != null) {
                ResultFile.write(Path.of(command.resultFile()), result);
            }
        } catch (Exception e) {
            exitCode = ExitCodes.forFailure(e, log);
        }
    }

    /**
     * {@code train}: a search of the configured budget ({@code training.search.trials}, or {@code --trials})
     * on a validation cut of the train part when the model has a search space that the given hyper-parameters
     * leave open, else the given hyper-parameters as they are.
     */
    private RunResult train(RunRequest request, CommandLine command) throws IOException, SQLException {
        int trials = command.trials() != null ? command.trials() : properties.search().trials();
        if (trials > 0 && SearchSpace.searchable(request.modelType(), request.hyperParameters())) {
            return tuningRun.tune(request, trials, command.skipUnchanged());
        }
        return trainingRun.train(request, command.skipUnchanged());
    }

    private void monitor(CommandLine command) {
        try {
            List<MonitoringRun.Check> checks = monitoringRun.monitor(command.dropRule());
            checks.forEach(check -> System.out.println(check.message()
                    + (check.runUrl() != null ? " (" + check.runUrl() + ")" : "")));
            if (checks.isEmpty()) {
                System.out.println("no champion to watch yet");
            }
            if (command.resultFile() != null) {
                MonitorResultFile.write(Path.of(command.resultFile()), checks);
            }
        } catch (Exception e) {
            exitCode = ExitCodes.forFailure(e, log);
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
}
