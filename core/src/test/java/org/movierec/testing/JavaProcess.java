package org.movierec.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An application's main class run in a JVM of its own on the test's class path, as {@code java -jar} would run it:
 * for the tests of command lines, kills and lost services. Shared through core's test jar.
 */
public final class JavaProcess {

    private JavaProcess() {
    }

    /** What a process that ran to its end answered. */
    public record Answer(int exitCode, String out, String err) {
    }

    /** The command line that runs {@code main} with {@code args}. */
    public static List<String> command(Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * Runs {@code main} with {@code args} and the environment variables added, to its end; its output goes through
     * files, so a process that writes much never blocks on a full pipe.
     *
     * @throws IllegalStateException when it has not ended within {@code within} (it is killed then)
     */
    public static Answer run(Class<?> main, Map<String, String> environment, Duration within, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("java-process", ".out");
        Path err = Files.createTempFile("java-process", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command(main, List.of(args)))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args)
                        + " did not end within " + within);
            }
            return new Answer(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
