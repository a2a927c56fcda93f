package org.movierec.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The serving application: the REST API over the platform's database (accounts, ratings, catalog
 * insights, recommendations). It applies the schema migrations on start, then serves on port 8080.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }
}
