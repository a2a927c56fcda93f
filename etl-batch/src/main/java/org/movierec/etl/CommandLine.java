package org.movierec.etl;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.movierec.etl.load.SourceOptions;
import org.springframework.boot.ApplicationArguments;

/**
 * The parsed command line: {@code SOURCE [--input=...] [--force] [--fresh] [--max-rejects=N]
 * [--chunk-size=N] [--imdb-title-types=...]}. Spring's own options ({@code --spring.*},
 * {@code --logging.*}, {@code --etl.*}) pass through.
 *
 * @param inputs the --input locations, empty for the source's official ones
 */
record CommandLine(String source, List<String> inputs, SourceOptions options, boolean force, boolean fresh) {

    private static final Set<String> OPTIONS = Set.of("input", "force", "fresh", "max-rejects", "chunk-size",
            "imdb-title-types", "help");

    /** A command line that cannot be run; the message says why. */
    static class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static boolean wantsHelp(ApplicationArguments args) {
        return args.containsOption("help");
    }

    static CommandLine parse(ApplicationArguments args) throws UsageException {
        List<String> commands = args.getNonOptionArgs();
        if (commands.size() != 1) {
            throw new UsageException(commands.isEmpty() ? "no source given" : "expected one source, got " + commands);
        }
        Set<String> unknown = new LinkedHashSet<>(args.getOptionNames());
        unknown.removeAll(OPTIONS);
        unknown.removeIf(option -> option.startsWith("spring.") || option.startsWith("logging.") || option.startsWith("etl."));
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option(s) --" + String.join(", --", unknown));
        }
        SourceOptions defaults = SourceOptions.defaults();
        long chunkSize = number(args, "chunk-size", defaults.chunkSize());
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new UsageException("--chunk-size must be between 1 and 1000000, got " + chunkSize);
        }
        Set<String> types = values(args, "imdb-title-types").stream().collect(Collectors.toCollection(TreeSet::new));
        SourceOptions options = new SourceOptions(number(args, "max-rejects", defaults.maxRejects()), (int) chunkSize,
                types.isEmpty() ? defaults.imdbTitleTypes() : types);
        List<String> inputs = values(args, "input");
        if (args.containsOption("input") && inputs.isEmpty()) {
            throw new UsageException("--input is empty; leave it out to use the official location");
        }
        return new CommandLine(commands.get(0), inputs, options, args.containsOption("force"), args.containsOption("fresh"));
    }

    /** An option's values, comma-separated or repeated. */
    private static List<String> values(ApplicationArguments args, String option) {
        List<String> values = args.getOptionValues(option);
        return values == null ? List.of() : values.stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static long number(ApplicationArguments args, String option, long fallback) throws UsageException {
        List<String> values = args.getOptionValues(option);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        String value = values.get(values.size() - 1);
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + option + " expects a non-negative whole number, got '" + value + "'");
    }
}
