package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The balancer as bin/balancer configures it: the real HAProxy ({@code haproxy} on the PATH; {@code bin/balancer
 * install} installs it) with the configuration {@code bin/balancer config} writes, in front of two whole serving
 * applications over {@code movies_test}. With one replica gone (its port refusing connections) every request through
 * the balancer is still answered, by the other, before and after HAProxy's checks mark it down; with both gone,
 * HAProxy answers 503 with a problem detail and {@code Retry-After}, as a replica's own 503.
 */
@Tag("integration")
class BalancerTest {

    private static final Path BALANCER = Path.of("../bin/balancer").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path files;

    @Test
    void aReplicaThatStopsCostsNoRequest() throws Exception {
        assertThat(Files.isExecutable(Path.of("/usr/sbin/haproxy")) || onPath("haproxy"))
                .as("haproxy is installed (bash bin/balancer install)").isTrue();
        int base = freeConsecutivePorts(4);   // replicas on base+1 and base+2, HAProxy on base+3, its statistics on base+4
        Map<String, String> settings = Map.of("REPLICA_BASE_PORT", Integer.toString(base), "SERVING_REPLICAS", "2",
                "BALANCER_PORT", Integer.toString(base + 3), "BALANCER_STATS_PORT", Integer.toString(base + 4));
        Path config = files.resolve("haproxy.cfg");
        ProcessBuilder configure = new ProcessBuilder("bash", BALANCER.toString(), "config")
                .redirectOutput(config.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        configure.environment().putAll(settings);
        assertThat(configure.start().waitFor()).as("bin/balancer config").isZero();

        String model = "movierec-none-for-balancer-test-" + UUID.randomUUID();
        ConfigurableApplicationContext first = start(base + 1, model);
        ConfigurableApplicationContext second = start(base + 2, model);
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(files.resolve("haproxy.log").toFile()).start();
        try {
            String balancer = "http://127.0.0.1:" + (base + 3);
            String stats = "http://127.0.0.1:" + (base + 4) + "/;csv";
            assertThat(awaitStatus(stats, "serving-1", "UP") && awaitStatus(stats, "serving-2", "UP"))
                    .as("both replicas UP in HAProxy").isTrue();
            assertThat(statuses(balancer, 20)).as("both replicas up").containsOnly(200);

            second.close();   // its port now refuses connections; HAProxy has not noticed yet
            assertThat(statuses(balancer, 40)).as("with serving-2 gone").containsOnly(200);
            assertThat(awaitStatus(stats, "serving-2", "DOWN")).as("serving-2 DOWN in HAProxy").isTrue();
            assertThat(statuses(balancer, 20)).as("with serving-2 down").containsOnly(200);
            assertThat(csvField(stats, "BACKEND", "wredis")).as("requests redispatched to serving-1").isPositive();

            first.close();   // no replica left: HAProxy's own 503, as a problem detail
            assertThat(awaitStatus(stats, "serving-1", "DOWN")).as("serving-1 DOWN in HAProxy").isTrue();
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(balancer + "/api/model"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(503);
            assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(none.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode problem = JsonMapper.builder().build().readTree(none.body());
            assertThat(problem.path("status").asInt()).as(none.body()).isEqualTo(503);
            assertThat(problem.path("detail").asString()).isEqualTo("No serving replica is available: try again in a "
                    + "few seconds.");
        } finally {
            haproxy.destroy();
            haproxy.waitFor(5, TimeUnit.SECONDS);
            first.close();
            second.close();
        }
    }

    private ConfigurableApplicationContext start(int port, String model) {
        return new SpringApplicationBuilder(ServingApplication.class).run(
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.datasource.url=" + System.getProperty("test.db.url",
                        "jdbc:postgresql://localhost:5432/movies_test"),
                "--serving.model.name=" + model, "--serving.model.tracking-uri=" + TestModels.URL,
                "--serving.model.tracking-username=" + TestModels.SERVING_LOGIN.username(),
                "--serving.model.tracking-password=" + TestModels.SERVING_LOGIN.password(),
                "--serving.model.cache-dir=" + files.resolve("cache-" + port), "--serving.model.poll-interval=PT1H");
    }

    /** The statuses of {@code count} GET /api/model through the balancer, each on a new connection. */
    private List<Integer> statuses(String balancer, int count) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            statuses.add(fresh.send(HttpRequest.newBuilder(URI.create(balancer + "/api/model"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        return statuses;
    }

    /** Whether HAProxy's statistics show the server in that status within 15 s. */
    private boolean awaitStatus(String stats, String server, String status) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (csvRow(stats, server)[17].equals(status)) {   // the 18th column is the status
                    return true;
                }
            } catch (IOException | IllegalStateException e) {
                // HAProxy is starting
            }
            Thread.sleep(100);
        }
        return false;
    }

    private long csvField(String stats, String server, String field) throws Exception {
        String[] header = csv(stats).get(0).substring(2).split(",", -1);
        String[] row = csvRow(stats, server);
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(field)) {
                return row[i].isEmpty() ? 0 : Long.parseLong(row[i]);
            }
        }
        throw new IllegalStateException("no column " + field);
    }

    private String[] csvRow(String stats, String server) throws Exception {
        return csv(stats).stream().map(line -> line.split(",", -1))
                .filter(row -> row.length > 17 && row[0].equals("replicas") && row[1].equals(server)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no server " + server));
    }

    private List<String> csv(String stats) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stats)).build(), HttpResponse.BodyHandlers.ofString())
                .body().lines().toList();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** The first of {@code count} consecutive ports free now, from 20000 up. */
    private static int freeConsecutivePorts(int count) throws IOException {
        for (int base = 20000 + (int) (ProcessHandle.current().pid() % 1000) * 10; base < 60000; base += count + 1) {
            boolean free = true;
            for (int port = base + 1; port <= base + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no " + count + " consecutive free ports");
    }
}
