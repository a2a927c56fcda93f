package org.movierec.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.movierec.training.train.Trainers;

/**
 * The command line of {@link ModelComparison}:
 * {@code RELEASE_DIR --out DIR [--test-fraction F] [--seed S] [--folds K] [--models a,b] [--threads N] [--trials N]};
 * an option's
 * value follows it as the next word or after {@code =}.
 *
 * @param folds   0 for a per-user random hold-out of {@code testFraction}; else a k-fold cross-validation
 * @param models  model types to compare (by default {@link Trainers#types()}), in the order given
 * @param threads the evaluator's threads
 * @param trials  the trials of the hyper-parameter search on a validation cut of each train part, as training's
 *                default path runs it (0: the defaults)
 */
record ComparisonArguments(Path release, Path out, double testFraction, long seed, int folds, List<String> models,
                           int threads, int trials) {

    /** The search budget of training's default path ({@code training.search.trials}). */
    static final int DEFAULT_TRIALS = 8;

    static String usage(Collection<String> types) {
        return """
            usage: ModelComparison RELEASE_DIR --out DIR [--test-fraction F] [--seed S] [--folds K] [--models a,b] [--threads N]
                                   [--trials N]
              RELEASE_DIR      a MovieLens release: ratings.csv, ratings.dat or u.data inside
              --out DIR        where the split files, items.csv and the results (JSON) are written
              --test-fraction  share of each user's ratings held out (default 0.2)
              --seed           seed of the split (default 42)
              --folds K        a K-fold cross-validation instead of the hold-out
              --models         comma-separated model types (default: all of %s)
              --threads        threads of the evaluation (default: available processors)
              --trials         trials of the search that chooses each model's hyper-parameters on a validation cut
                               of the train part, as `training.jar train` does (default %d; 0: the defaults)
            """.formatted(types, DEFAULT_TRIALS);
    }

    private static final Set<String> OPTIONS = Set.of("out", "test-fraction", "seed", "folds", "models", "threads",
            "trials");

    /** @throws IllegalArgumentException naming the argument that is wrong and what was expected */
    static ComparisonArguments parse(String[] args) {
        return parse(args, Trainers.types());
    }

    /** As {@link #parse(String[])}, with {@code types} the model types {@code --models} may name (default all). */
    static ComparisonArguments parse(String[] args, Collection<String> types) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int a = 0; a < args.length; a++) {
            String word = args[a];
            if (!word.startsWith("--")) {
                positional.add(word);
                continue;
            }
            int equals = word.indexOf('=');
            String name = equals < 0 ? word.substring(2) : word.substring(2, equals);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; expected one of " + OPTIONS);
            }
            String value;
            if (equals >= 0) {
                value = word.substring(equals + 1);
            } else if (a + 1 < args.length) {
                value = args[++a];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (options.put(name, value.strip()) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        if (positional.size() != 1) {
            throw new IllegalArgumentException("expected exactly one RELEASE_DIR, got " + positional);
        }
        if (!options.containsKey("out")) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        double testFraction = real(options, "test-fraction", 0.2);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be a number in (0, 1), got " + testFraction);
        }
        int folds = integer(options, "folds", 0);
        if (options.containsKey("folds") && folds < 2) {
            throw new IllegalArgumentException("--folds must be an integer of at least 2, got " + folds);
        }
        int threads = integer(options, "threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        int trials = integer(options, "trials", DEFAULT_TRIALS);
        if (trials < 0 || trials > 1000) {
            throw new IllegalArgumentException("--trials must be an integer from 0 to 1000, got " + trials);
        }
        List<String> models = options.containsKey("models")
                ? Arrays.stream(options.get("models").split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList()
                : List.copyOf(types);
        for (String model : models) {
            if (!types.contains(model)) {
                throw new IllegalArgumentException("--models names '" + model + "'; expected types of " + types);
            }
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--models names no model; expected types of " + types);
        }
        return new ComparisonArguments(Path.of(positional.get(0)), Path.of(options.get("out")), testFraction,
                longInteger(options, "seed", 42), folds, models, threads, trials);
    }

    private static double real(Map<String, String> options, String name, double defaultValue) {
        String text = options.get(name);
        try {
            return text == null ? defaultValue : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + text + "'");
        }
    }

    private static int integer(Map<String, String> options, String name, int defaultValue) {
        String text = options.get(name);
        try {
            return text == null ? defaultValue : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + text + "'");
        }
    }

    private static long longInteger(Map<String, String> options, String name, long defaultValue) {
        String text = options.get(name);
        try {
            return text == null ? defaultValue : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + text + "'");
        }
    }
}
