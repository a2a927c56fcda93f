package org.movierec.training;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
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
import org.springframework.stereotype.Component;

/** Runs the command given on the command line ({@link TrainingCli}) and turns its outcome into the exit code. */
@Component
class TrainingCommand {
    private static final Logger log = LoggerFactory.getLogger(TrainingCommand.class);

    private final TrainingRun trainingRun;
    private final TuningRun tuningRun;
    private final EvaluationRun evaluationRun;
    private final PromotionRun promotionRun;
    private final MonitoringRun monitoringRun;
    private final TrainingProperties properties;

    TrainingCommand(TrainingRun trainingRun, TuningRun tuningRun, EvaluationRun evaluationRun,
                    PromotionRun promotionRun, MonitoringRun monitoringRun, TrainingProperties properties) {
        this.trainingRun = trainingRun;
        this.tuningRun = tuningRun;
        this.evaluationRun = evaluationRun;
        this.promotionRun = promotionRun;
        this.monitoringRun = monitoringRun;
        this.properties = properties;
    }

    /** Runs a parsed command line and answers its exit code. */
    int execute(TrainingTask task) {
        if (task.command().equals("monitor")) {
            return monitor(task);
        }
        try {
            RunResult result = switch (task.command()) {
                case "train" -> train(request(task), task);
                case "tune" -> tuningRun.tune(request(task), task.trials());
                case "promote" -> promotionRun.promote(String.valueOf(task.version()), request(task));
                case "evaluate" -> evaluationRun.evaluate(task.version() == null ? null
                        : String.valueOf(task.version()), request(task));
                default -> throw new IllegalStateException("no command " + task.command());
            };
            result.print(System.out);
            if (task.resultFile() != null) {
                ResultFile.write(Path.of(task.resultFile()), result);
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            return ExitCodes.forFailure(e, log);
        }
    }

    /**
     * {@code train}: a search of the configured budget ({@code training.search.trials}, or {@code --trials})
     * on a validation cut of the train part when the model has a search space that the given hyper-parameters
     * leave open, else the given hyper-parameters as they are.
     */
    private RunResult train(RunRequest request, TrainingTask command) throws IOException, SQLException {
        int trials = command.trials() != null ? command.trials() : properties.search().trials();
        if (trials > 0 && SearchSpace.searchable(request.modelType(), request.hyperParameters())) {
            return tuningRun.tune(request, trials, command.skipUnchanged());
        }
        return trainingRun.train(request, command.skipUnchanged());
    }

    private int monitor(TrainingTask task) {
        try {
            List<MonitoringRun.Check> checks = monitoringRun.monitor(task.dropRule());
            checks.forEach(check -> System.out.println(check.message()
                    + (check.runUrl() != null ? " (" + check.runUrl() + ")" : "")));
            if (checks.isEmpty()) {
                System.out.println("no champion to watch yet");
            }
            if (task.resultFile() != null) {
                MonitorResultFile.write(Path.of(task.resultFile()), checks);
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            return ExitCodes.forFailure(e, log);
        }
    }

    /** The run the task asks for, with the configured split settings where the command line gives none. */
    private RunRequest request(TrainingTask task) {
        TrainingProperties.Split defaults = properties.split();
        TrainingTask.Split split = task.split();
        return new RunRequest(task.model(), task.hyperParameters(),
                split.method() != null ? split.method() : defaults.method(),
                split.testFraction() != null ? split.testFraction() : defaults.testFraction(),
                split.folds() != null ? split.folds() : defaults.folds(),
                split.seed() != null ? split.seed() : defaults.seed(), task.promote(), task.runName());
    }
}
