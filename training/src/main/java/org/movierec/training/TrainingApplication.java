package org.movierec.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The training command-line application: applies the schema migrations, runs one command
 * ({@code train}, {@code tune}, {@code evaluate}) and exits with its code.
 */
@SpringBootApplication
public class TrainingApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(TrainingApplication.class, args)));
    }
}
