package org.movierec.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Skeleton of the serving application: it applies the schema migrations and exits. */
@SpringBootApplication
public class ServingApplication {

    public static void main(String[] args) {
        SpringApplication.exit(SpringApplication.run(ServingApplication.class, args));
    }
}
