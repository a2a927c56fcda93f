package org.movierec.training;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.movierec.training.run.DropRule;
import org.springframework.boot.ApplicationArguments;

/**
 * The parsed command line: {@code COMMAND [--options] [name=value ...]} where COMMAND is {@code train},
 * {@code tune}, {@code evaluate}, {@code promote} or {@code monitor} and each {@code name=value} sets a hyper-parameter of the model. Spring's
 * own options ({@code --spring.*}, {@code --logging.*}, {@code --training.*}) pass through.
 *
 * @param hyperParameters the {@code name=value} arguments, in the order given
 * @param split           the split overrides given ({@code method}, {@code test-fraction}, {@code folds},
 *                        {@code seed}); absent ones come from the configuration
 * @param trials          the trials of a search: tune's (default 10), or train's when given (0: train the
 *                        defaults); null for train's configured budget
 * @param skipUnchanged   train nothing when the newest version of the same configuration saw the same data
 * @param resultFile      where to write the outcome as JSON; null for nowhere
 * @param dropRule        monitor: when a champion's figure on new ratings counts as a drop; null for the others
 */
record CommandLine(String command, String model, Map<String, String> hyperParameters, Map<String, String> split,
                   boolean promote, String runName, Integer trials, String version, boolean skipUnchanged,
                   String resultFile, DropRule dropRule) {

    static final int TUNE_TRIALS = 10;
    static final Set<String> COMMANDS = Set.of("train", "tune", "evaluate", "promote", "monitor");
    private static final List<String> RULE_OPTIONS = List.of("baseline-tolerance", "max-relative-drop", "min-new-ratings");
    private static final Set<String> OPTIONS = Set.of("model", "split", "test-fraction", "folds", "seed", "no-promote",
            "run-name", "trials", "version", "skip-unchanged", "result-file", "help", "baseline-tolerance",
            "max-relative-drop", "min-new-ratings");
    private static final List<String> SPLIT_OPTIONS = List.of("split", "test-fraction", "folds", "seed");

    /** A command line that cannot be run; the message says why. */
    static class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static boolean wantsHelp(ApplicationArguments args) {
        return args.containsOption("help") || args.getNonOptionArgs().contains("help");
    }

    static CommandLine parse(ApplicationArguments args) throws UsageException {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !COMMANDS.contains(words.get(0))) {
            throw new UsageException(words.isEmpty() ? "no command given" : "unknown command '" + words.get(0) + "'");
        }
        String command = words.get(0);
        Set<String> unknown = new LinkedHashSet<>(args.getOptionNames());
        unknown.removeAll(OPTIONS);
        unknown.removeIf(o -> o.startsWith("spring.") || o.startsWith("logging.") || o.startsWith("training."));
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option(s) --" + String.join(", --", unknown));
        }
        Map<String, String> hyperParameters = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("'" + word + "' is not a hyper-parameter: expected name=value");
            }
            String name = word.substring(0, equals).strip();
            if (hyperParameters.put(name, word.substring(equals + 1).strip()) != null) {
                throw new UsageException("hyper-parameter " + name + " given twice");
            }
        }
        String model = single(args, "model");
        boolean monitor = command.equals("monitor");
        if (!monitor && RULE_OPTIONS.stream().anyMatch(args::containsOption)) {
            throw new UsageException("--" + String.join(", --", RULE_OPTIONS) + " belong to monitor");
        }
        if (monitor) {
            if (model != null || !hyperParameters.isEmpty() || args.containsOption("version")
                    || args.containsOption("trials")) {
                throw new UsageException("monitor scores each role's champion: it takes no --model, --version, "
                        + "--trials or hyper-parameters");
            }
            return new CommandLine(command, null, Map.of(), Map.of(), false, null, null, null, false,
                    single(args, "result-file"), dropRule(args));
        }
        boolean scoresAVersion = command.equals("evaluate") || command.equals("promote");
        if (model == null && !scoresAVersion) {
            throw new UsageException(command + " needs --model=TYPE");
        }
        if (!scoresAVersion ? args.containsOption("version") : model != null || !hyperParameters.isEmpty()) {
            throw new UsageException(scoresAVersion
                    ? command + " scores a registered version: it takes --version, not --model or hyper-parameters"
                    : "--version belongs to evaluate and promote");
        }
        if (command.equals("promote") && single(args, "version") == null) {
            throw new UsageException("promote needs --version=N, the version to decide on");
        }
        if (args.containsOption("skip-unchanged") && !command.equals("train")) {
            throw new UsageException("--skip-unchanged belongs to train");
        }
        Map<String, String> split = new LinkedHashMap<>();
        for (String option : SPLIT_OPTIONS) {
            String value = single(args, option);
            if (value != null) {
                split.put(option.equals("split") ? "method" : option, value);
            }
        }
        String trials = single(args, "trials");
        Integer trialCount = command.equals("tune") ? TUNE_TRIALS : null;
        if (trials != null) {
            if (scoresAVersion) {
                throw new UsageException("--trials belongs to train and tune");
            }
            int least = command.equals("train") ? 0 : 1;
            try {
                trialCount = Integer.parseInt(trials);
            } catch (NumberFormatException e) {
                trialCount = -1;
            }
            if (trialCount < least || trialCount > 1000) {
                throw new UsageException("--trials must be an integer from " + least + " to 1000, got '" + trials + "'");
            }
        }
        return new CommandLine(command, model, hyperParameters, split, !args.containsOption("no-promote"),
                single(args, "run-name"), trialCount, single(args, "version"), args.containsOption("skip-unchanged"),
                single(args, "result-file"), null);
    }

    private static DropRule dropRule(ApplicationArguments args) throws UsageException {
        DropRule defaults = DropRule.DEFAULT;
        try {
            String tolerance = single(args, "baseline-tolerance");
            String drop = single(args, "max-relative-drop");
            String minimum = single(args, "min-new-ratings");
            return new DropRule(tolerance == null ? defaults.baselineTolerance() : Double.parseDouble(tolerance),
                    drop == null ? defaults.maxRelativeDrop() : Double.parseDouble(drop),
                    minimum == null ? defaults.minNewRatings() : Integer.parseInt(minimum));
        } catch (IllegalArgumentException e) {
            throw new UsageException("monitor: " + e.getMessage());
        }
    }

    private static String single(ApplicationArguments args, String option) throws UsageException {
        List<String> values = args.getOptionValues(option);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new UsageException("--" + option + " given " + values.size() + " times");
        }
        String value = values.get(0).strip();
        if (value.isEmpty() && !option.equals("no-promote") && !option.equals("skip-unchanged")) {
            throw new UsageException("--" + option + " needs a value");
        }
        return value;
    }
}
