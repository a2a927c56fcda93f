package org.movierec.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The training command-line application: parses the command line ({@link TrainingCli}), then applies the schema
 * migrations, runs one command ({@code train}, {@code tune}, {@code evaluate}, {@code promote}, {@code monitor})
 * and exits with its code.
 */
@SpringBootApplication
public class TrainingApplication {

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * Runs a command line and answers its exit code. Help, the version and usage errors are answered before
     * Spring starts, so without the database or MLflow.
     */
    static int run(String... args) throws Exception {
        return TrainingCli.execute(args, (task, springArguments) -> {
            try (ConfigurableApplicationContext context = SpringApplication.run(TrainingApplication.class,
                    springArguments)) {
                int exitCode = context.getBean(TrainingCommand.class).execute(task);
                return SpringApplication.exit(context, () -> exitCode);
            }
        });
    }
}
