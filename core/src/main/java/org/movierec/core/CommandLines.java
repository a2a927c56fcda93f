package org.movierec.core;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The front of a command-line application (etl-batch, training): picocli parses the arguments before the
 * application starts, so {@code --help}, {@code --version} and every usage error are answered at once, without
 * starting Spring or touching a database or a server. Arguments with one of Spring's prefixes
 * ({@code --spring.datasource.url=...}, {@code --logging.level.root=...}, the application's own settings) are
 * set aside and handed to the start as they are.
 */
public final class CommandLines {

    /** The exit code of {@code --help} and {@code --version}. */
    public static final int OK = 0;
    /** The exit code of a usage error: an unknown command or option, a missing or malformed value. */
    public static final int USAGE = 2;
    private static final int WIDTH = 110;

    private CommandLines() {
    }

    /**
     * A picocli command line of the annotated {@code root} with its subcommands: options listed in the order they
     * are declared, help {@value #WIDTH} columns wide, no {@code @file} expansion (an argument is what it says),
     * and {@code version} printed by {@code --version}.
     */
    public static CommandLine create(Object root, String version) {
        CommandLine cli = new CommandLine(root).setExpandAtFiles(false).setUsageHelpWidth(WIDTH);
        cli.getCommandSpec().version(version);
        List<CommandLine> commands = new ArrayList<>(List.of(cli));
        commands.addAll(cli.getSubcommands().values());
        for (CommandLine command : commands) {
            command.getCommandSpec().usageMessage().sortOptions(false).sortSynopsis(false);
        }
        return cli;
    }

    /** A command the application runs: what it asks for, checked beyond what picocli checks. */
    public interface Subcommand<T> {
        /** @throws ParameterException when the values do not fit together, with a message naming the option */
        T request();
    }

    /** Starts the application on a valid command line and answers its exit code. */
    @FunctionalInterface
    public interface Start<T> {
        int run(T request, String[] springArguments) throws Exception;
    }

    /**
     * Parses {@code args} with {@code cli}, whose subcommands implement {@link Subcommand}, and answers help,
     * the version or a usage error (on standard error, prefixed by {@code name}: exit 2); or else starts the
     * application with the request of the subcommand given and the Spring arguments.
     */
    public static <T> int execute(CommandLine cli, String name, List<String> springPrefixes, String[] args,
                                  Start<T> start) throws Exception {
        List<String> own = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            (springPrefixes.stream().anyMatch(arg::startsWith) ? spring : own).add(arg);
        }
        T request;
        try {
            ParseResult parsed = cli.parseArgs(own.toArray(String[]::new));
            if (CommandLine.printHelpIfRequested(parsed)) {
                return OK;
            }
            if (!parsed.hasSubcommand()) {
                throw new ParameterException(cli, "no command given; expected one of " + commands(cli));
            }
            request = request(parsed);
        } catch (ParameterException e) {
            usageError(cli, name, e);
            return USAGE;
        }
        return start.run(request, spring.toArray(String[]::new));
    }

    /**
     * The request of the subcommand a parsed line names.
     *
     * @throws ParameterException when its values do not fit together
     */
    public static <T> T request(ParseResult parsed) {
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        @SuppressWarnings("unchecked")
        Subcommand<T> command = (Subcommand<T>) parsed.commandSpec().userObject();
        return command.request();
    }

    private static void usageError(CommandLine root, String name, ParameterException e) {
        CommandLine failed = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && failed == root && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'; expected one of " + commands(root);
        }
        CommandLine.Help help = failed.getHelp();
        PrintWriter err = root.getErr();
        err.println(name + ": " + message);
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
    }

    private static String commands(CommandLine cli) {
        return String.join(", ", cli.getSubcommands().keySet().stream().filter(command -> !command.equals("help")).toList());
    }
}
