package org.movierec.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Skeleton of the training application: it applies the schema migrations and exits. */
@SpringBootApplication
public class TrainingApplication {

    public static void main(String[] args) {
        SpringApplication.exit(SpringApplication.run(TrainingApplication.class, args));
    }
}
