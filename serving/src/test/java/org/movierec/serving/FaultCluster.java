package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The PostgreSQL cluster of {@code bin/pg-faults} ({@code -Dfaults.pg.cluster=15/faults},
 * {@code -Dfaults.db.url=jdbc:postgresql://localhost:5440/movies_faults}), which the fault tests stop, restart and
 * start with {@code pg_ctlcluster} (as root, else with {@code sudo -n}). Never the cluster of bin/services.
 */
final class FaultCluster {

    static final String URL = System.getProperty("faults.db.url", "jdbc:postgresql://localhost:5440/movies_faults");
    private static final String CLUSTER = System.getProperty("faults.pg.cluster", "15/faults");

    /** The cluster running (started when it is down), migrated by Flyway; fails saying how to make it when missing. */
    static JdbcClient ready() {
        if (!answers()) {
            start();
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(URL, "movies", "movies");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return JdbcClient.create(dataSource);
    }

    static void restart() {
        pgCtlCluster("restart", "-m", "fast");
    }

    static void stop() {
        pgCtlCluster("stop", "-m", "fast");
    }

    static void start() {
        pgCtlCluster("start");
    }

    /** Whether a new connection can run a query now. */
    static boolean answers() {
        try (Connection connection = DriverManager.getConnection(URL, "movies", "movies")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A client on a connection of its own, outside any pool: for checks after the faults. */
    static JdbcClient client() {
        return JdbcClient.create(new SingleConnectionDataSource(URL, "movies", "movies", true));
    }

    private static void pgCtlCluster(String action, String... options) {
        String[] versionAndName = CLUSTER.split("/");
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of("pg_ctlcluster", versionAndName[0], versionAndName[1], action));
        command.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(done && process.exitValue() == 0)
                    .as("%s: %s (the fault tests need the cluster of bin/pg-faults: run `bin/pg-faults up`)",
                            String.join(" ", command), output)
                    .isTrue();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " cannot be run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private FaultCluster() {
    }
}
