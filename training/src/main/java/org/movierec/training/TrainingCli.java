package org.movierec.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.BuildVersion;
import org.movierec.core.CommandLines;
import org.movierec.training.run.DropRule;
import org.movierec.training.train.Trainers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line, {@code java -jar training.jar COMMAND [options] [name=value ...]}, parsed before Spring
 * starts: {@code --help}, {@code --version} and usage errors (a wrong option, model type or hyper-parameter)
 * never touch the database or MLflow. Spring's own options ({@code --spring.*}, {@code --logging.*},
 * {@code --training.*}) pass through to Spring.
 */
@Command(name = "training.jar", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        subcommands = {TrainingCli.Train.class, TrainingCli.Tune.class, TrainingCli.Evaluate.class,
                TrainingCli.Promote.class, TrainingCli.Monitor.class, HelpCommand.class},
        description = {"Trains recommenders on a snapshot of every rating in PostgreSQL, evaluates them, logs the run "
                + "to the MLflow tracking server and registers a version of the registered model.",
                "'training.jar COMMAND --help' lists a command's options.", ""},
        commandListHeading = "Commands:%n",
        footerHeading = "%n",
        footer = {"Settings: an environment variable, or the Spring option (--training.*=...) after the command.",
                "  MLFLOW_TRACKING_URI (http://127.0.0.1:5000), MLFLOW_TRACKING_USERNAME and _PASSWORD (a user that may",
                "    write; unset, no login), TRAINING_EXPERIMENT (movierec), TRAINING_REGISTERED_MODEL (movierec),",
                "  TRAINING_PROMOTION_METRIC (ndcg_at_10), TRAINING_PROMOTION_PREDICTOR_METRIC (rmse),",
                "    TRAINING_PROMOTION_MIN_IMPROVEMENT (0.001), TRAINING_SEARCH_TRIALS (8), TRAINING_WORK_DIR,",
                "  SPRING_DATASOURCE_URL (jdbc:postgresql://localhost:5432/movies), _USERNAME and _PASSWORD.",
                "Every --spring.*, --logging.* or --training.* option goes to Spring.",
                "",
                "Exit codes: 0 done; 1 the run failed (marked FAILED in MLflow when it had started);",
                "2 wrong command line; 3 MLflow or the database is unreachable, or there is no data yet."})
final class TrainingCli {

    private static final List<String> SPRING_PREFIXES = List.of("--spring.", "--logging.", "--training.");
    private static final List<String> SPLIT_METHODS = List.of("random", "temporal", "kfold");
    static final int TUNE_TRIALS = 10;

    private TrainingCli() {
    }

    /** A picocli command line of the application, printing to the standard streams. */
    static CommandLine commandLine() {
        CommandLine cli = CommandLines.create(new TrainingCli(), BuildVersion.describe("training.jar", TrainingCli.class));
        for (CommandLine command : List.of(cli, cli.getSubcommands().get("train"), cli.getSubcommands().get("tune"))) {
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            usage.sectionMap().put("models", help -> modelsHelp());
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add("models");
            usage.sectionKeys(keys);
        }
        return cli;
    }

    /** Answers help, the version or a usage error (exit 2) at once; else {@code start} runs the task. */
    static int execute(String[] args, CommandLines.Start<TrainingTask> start) throws Exception {
        return execute(commandLine(), args, start);
    }

    /** {@link #execute(String[], CommandLines.Start)} with {@code cli}'s output streams. */
    static int execute(CommandLine cli, String[] args, CommandLines.Start<TrainingTask> start) throws Exception {
        return CommandLines.execute(cli, "training", SPRING_PREFIXES, args, start);
    }

    /** Every model type with its hyper-parameters and their defaults, one a line, never wrapped (DAG tests read it). */
    static String modelsHelp() {
        StringBuilder text = new StringBuilder(String.format("%nModel types and their hyper-parameters (name=default):%n"));
        for (String type : Trainers.types()) {
            text.append("  ").append(type).append(": ").append(String.join(" ", Trainers.create(type, Map.of()).params()
                    .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())).append(String.format("%n"));
        }
        return text.toString();
    }

    /** The options of the split, shared by the commands that split the ratings; absent ones are configured. */
    static final class SplitOptions {
        @Option(names = "--split", paramLabel = "METHOD", description = "random (per-user hold-out, default), "
                + "temporal (each user's latest ratings held out) or kfold")
        String method;

        @Option(names = "--test-fraction", paramLabel = "F", description = "share of each user's ratings held out "
                + "(default 0.2)")
        Double testFraction;

        @Option(names = "--folds", paramLabel = "K", description = "folds of --split=kfold (default 5)")
        Integer folds;

        @Option(names = "--seed", paramLabel = "N", description = "seed of the split, the initialisation and the "
                + "shuffling (default 42)")
        Long seed;

        TrainingTask.Split split(CommandSpec spec) {
            if (method != null && !SPLIT_METHODS.contains(method)) {
                throw new ParameterException(spec.commandLine(), "--split must be one of " + String.join(", ",
                        SPLIT_METHODS) + ", got '" + method + "'");
            }
            return new TrainingTask.Split(method, testFraction, folds, seed);
        }
    }

    /** The options every command has: its help and where its outcome goes. */
    abstract static class Base implements CommandLines.Subcommand<TrainingTask> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 101, description = "Show this help message and "
                + "exit.")
        boolean help;

        @Option(names = "--result-file", paramLabel = "PATH", order = 100, description = "write the outcome as JSON (run_id, "
                + "run_url, registered_model, version, alias, skipped; monitor: drops), for a scheduler's next step")
        String resultFile;

        ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }

        String nonBlank(String option, String value) {
            if (value != null && value.isBlank()) {
                throw usage(option + " needs a value");
            }
            return value == null ? null : value.strip();
        }
    }

    /** train and tune: a model type with hyper-parameters, on a split. */
    abstract static class Fit extends Base {
        @Option(names = "--model", paramLabel = "TYPE", required = true, description = "the model type (below)")
        String model;

        @Parameters(paramLabel = "name=value", description = "hyper-parameters of the model (below)")
        List<String> words = List.of();

        @Mixin
        SplitOptions split;

        @Option(names = "--no-promote", description = "register the version but never move the alias \"champion\"")
        boolean noPromote;

        @Option(names = "--run-name", paramLabel = "NAME", description = "the MLflow run name")
        String runName;

        TrainingTask task(Integer trials, boolean skipUnchanged) {
            Map<String, String> hyperParameters = new LinkedHashMap<>();
            for (String word : words) {
                int equals = word.indexOf('=');
                if (equals <= 0) {
                    throw usage("'" + word + "' is not a hyper-parameter: expected name=value");
                }
                String name = word.substring(0, equals).strip();
                if (hyperParameters.put(name, word.substring(equals + 1).strip()) != null) {
                    throw usage("hyper-parameter " + name + " given twice");
                }
            }
            try {
                Trainers.create(model, hyperParameters);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            return new TrainingTask(spec.name(), model, Collections.unmodifiableMap(hyperParameters), split.split(spec),
                    !noPromote, nonBlank("--run-name", runName), trials, null, skipUnchanged,
                    nonBlank("--result-file", resultFile), null);
        }

        Integer trials(Integer trials, int least) {
            if (trials != null && (trials < least || trials > 1000)) {
                throw usage("--trials must be an integer from " + least + " to 1000, got " + trials);
            }
            return trials;
        }
    }

    @Command(name = "train", description = {"Trains one model and registers it. The hyper-parameters not given are "
            + "chosen by a search of TRAINING_SEARCH_TRIALS trials (default 8; --trials=0: the defaults) on a "
            + "validation cut of the train part. It becomes champion if it beats the current one on the promotion "
            + "metric.", ""})
    static final class Train extends Fit {
        @Option(names = "--trials", paramLabel = "N", description = "trials of the search, 0 to 1000 (default: "
                + "TRAINING_SEARCH_TRIALS; 0: the defaults)")
        Integer trials;

        @Option(names = "--skip-unchanged", description = "when the newest version registered with the same model "
                + "type, hyper-parameters and split was trained on a snapshot with the same checksum (version tag "
                + "data.checksum), train nothing and say so")
        boolean skipUnchanged;

        @Override
        public TrainingTask request() {
            return task(trials(trials, 0), skipUnchanged);
        }
    }

    @Command(name = "tune", description = {"The same search with N trials: every trial is a child run of one parent "
            + "run, judged on the validation cut; the best is refitted on the whole train part, evaluated on the test "
            + "part and registered.", ""})
    static final class Tune extends Fit {
        @Option(names = "--trials", paramLabel = "N", defaultValue = "" + TUNE_TRIALS,
                description = "trials of the search, 1 to 1000 (default ${DEFAULT-VALUE})")
        int trials;

        @Override
        public TrainingTask request() {
            return task(trials(trials, 1), false);
        }
    }

    /** evaluate and promote: a registered version, scored on a split of the current data. */
    abstract static class Score extends Base {
        @Mixin
        SplitOptions split;

        @Option(names = "--run-name", paramLabel = "NAME", description = "the MLflow run name")
        String runName;

        TrainingTask task(Integer version) {
            if (version != null && version < 1) {
                throw usage("--version must be a version number from 1, got " + version);
            }
            return new TrainingTask(spec.name(), null, Map.of(), split.split(spec), true, nonBlank("--run-name", runName),
                    null, version, false, nonBlank("--result-file", resultFile), null);
        }
    }

    @Command(name = "evaluate", description = {"Scores a registered version (default: the champion) on the current "
            + "data and logs it as a run.", ""})
    static final class Evaluate extends Score {
        @Option(names = "--version", paramLabel = "N", description = "the version to score (default: the champion)")
        Integer version;

        @Override
        public TrainingTask request() {
            return task(version);
        }
    }

    @Command(name = "promote", description = {"Scores version N and the champion on the same split of the current "
            + "data; N becomes champion only if better.", ""})
    static final class Promote extends Score {
        @Option(names = "--version", paramLabel = "N", required = true, description = "the version to decide on")
        Integer version;

        @Override
        public TrainingTask request() {
            return task(version);
        }
    }

    @Command(name = "monitor", description = {"Scores each role's champion on the ratings made after its training "
            + "snapshot, beside a plain baseline; logs a point to the role's monitoring run and marks a drop on the "
            + "version.", ""})
    static final class Monitor extends Base {
        @Option(names = "--baseline-tolerance", paramLabel = "F", description = "a drop when the champion does worse "
                + "than a baseline trained on the same snapshot (popularity; biases for the rating predictor) on the "
                + "new ratings by more than F of the baseline's figure (default 0.02)")
        Double baselineTolerance;

        @Option(names = "--max-relative-drop", paramLabel = "F", description = "a drop when it does worse than its "
                + "own test figure by more than F of it (default 0: off)")
        Double maxRelativeDrop;

        @Option(names = "--min-new-ratings", paramLabel = "N", description = "judge nothing on fewer new ratings "
                + "(default 100)")
        Integer minNewRatings;

        @Override
        public TrainingTask request() {
            DropRule defaults = DropRule.DEFAULT;
            DropRule rule;
            try {
                rule = new DropRule(baselineTolerance != null ? baselineTolerance : defaults.baselineTolerance(),
                        maxRelativeDrop != null ? maxRelativeDrop : defaults.maxRelativeDrop(),
                        minNewRatings != null ? minNewRatings : defaults.minNewRatings());
            } catch (IllegalArgumentException e) {
                throw usage("monitor: " + e.getMessage());
            }
            return new TrainingTask(spec.name(), null, Map.of(), TrainingTask.Split.CONFIGURED, false, null, null, null,
                    false, nonBlank("--result-file", resultFile), rule);
        }
    }
}
