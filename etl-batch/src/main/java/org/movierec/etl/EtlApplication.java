package org.movierec.etl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class EtlApplication {

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * Runs a command line and answers its exit code. The line is parsed first ({@link EtlCli}): help, the version
     * and usage errors are answered without starting Spring, so without a database.
     */
    static int run(String... args) throws Exception {
        return EtlCli.execute(args, (request, springArguments) -> {
            try (ConfigurableApplicationContext context = SpringApplication.run(EtlApplication.class, springArguments)) {
                int exitCode = context.getBean(EtlCommand.class).execute(request);
                return SpringApplication.exit(context, () -> exitCode);
            }
        });
    }
}
