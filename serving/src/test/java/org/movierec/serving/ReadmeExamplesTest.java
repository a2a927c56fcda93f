package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's examples on the demo data: the bundled sample ({@code data/sample}) loaded by the ingestion jar
 * exactly as {@code bin/run-sample} loads it (MovieLens, the catalogs, TMDB, then the link), and every {@code curl} line
 * of the README that asks a catalog insight (the streaming catalogs' and TMDB's) or filters recommendations by
 * platform sent to this application over HTTP, as written there. Each must answer 200 with something in it: no empty list, no count of zero. The jar is
 * {@code etl-batch/target/etl-batch.jar}, which the build packages before serving's tests run
 * ({@code ./mvnw verify}, {@code bin/test}); with {@code -pl serving}, build it first
 * ({@code ./mvnw -DskipTests package}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${test.db.url:jdbc:postgresql://localhost:5432/movies_test}",
        "serving.admin.username=" + ReadmeExamplesTest.ADMIN,
        "serving.admin.password=" + ReadmeExamplesTest.ADMIN_PASSWORD,
        "serving.model.name=movierec-none-for-readme-tests",
        "serving.model.cache-dir=target/model-cache-readme-tests"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeExamplesTest {

    static final String ADMIN = "readme-admin";
    static final String ADMIN_PASSWORD = "readme-admin-password";

    private static final Path README = Path.of("../README.md");
    private static final Path SAMPLE = Path.of("../data/sample");
    private static final Path ETL_JAR = Path.of("../etl-batch/target/etl-batch.jar");
    private static final Path LOGS = Path.of("target/readme-examples");
    /** A curl line's request: the path and query after {@code localhost:8080}, its {@code -u} login if any. */
    private static final Pattern CURL = Pattern.compile("curl\\s.*?(?:https?://)?localhost:8080(/api/[^'\"\\s]+)");
    private static final Pattern LOGIN = Pattern.compile("-u\\s+([^\\s:]+):(\\S+)");
    /** Counts that an answer with something in it never gives as zero. */
    private static final Set<String> COUNTS = Set.of("titles", "movies", "series", "films");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** A README curl line: the line as written, the request it sends, and its HTTP Basic login (null without). */
    record Example(String line, String pathAndQuery, String username, String password) {
    }

    @BeforeAll
    void loadTheSampleAsTheDemoDoes() throws Exception {
        assertThat(ETL_JAR).as("build the jars first: ./mvnw -DskipTests package").exists();
        emptyEveryTable();
        ingest("movielens", "--input=" + SAMPLE.resolve("ml-latest-small").toAbsolutePath());
        ingest("catalog", "--input=" + SAMPLE.resolve("streaming-titles").toAbsolutePath());
        ingest("tmdb", "--input=" + SAMPLE.resolve("tmdb").toAbsolutePath());
        ingest("link");
        // as the weekly refresh does after ingesting: serving re-reads the catalogue and the cold-start ranking
        HttpResponse<String> reload = send("/api/model/reload", "POST", ADMIN, ADMIN_PASSWORD);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    }

    @AfterAll
    void leaveTheTablesEmpty() {
        emptyEveryTable();
    }

    @Test
    void everyInsightExampleOfTheReadmeAnswersSomething() throws Exception {
        List<Example> examples = examples("/api/insights/");
        assertThat(examples).extracting(e -> e.pathAndQuery().replaceAll("\\?.*", "")).contains(
                "/api/insights/catalog/longest", "/api/insights/catalog/scored", "/api/insights/catalog/types",
                "/api/insights/catalog/top-cast-member", "/api/insights/tmdb/releases",
                "/api/insights/tmdb/titles/popularity", "/api/insights/tmdb/titles/votes", "/api/insights/tmdb/actors",
                "/api/insights/tmdb/directors");
        assertThat(examples).as("scored by both sources").filteredOn(e -> e.pathAndQuery().contains("/scored"))
                .extracting(e -> e.pathAndQuery().contains("source=movielens")).contains(true, false);
        for (Example example : examples) {
            HttpResponse<String> answer = send(example.pathAndQuery(), "GET", null, null);
            assertThat(answer.statusCode()).as(example.line() + "\n" + answer.body()).isEqualTo(200);
            assertSomethingIn(example, JSON.readTree(answer.body()), "answer");
        }
    }

    @Test
    void everyRecommendationExampleFilteredByPlatformFillsItsList() throws Exception {
        List<Example> examples = examples("/recommendations?").stream()
                .filter(e -> e.pathAndQuery().contains("platform=")).toList();
        assertThat(examples).isNotEmpty();
        for (Example example : examples) {
            long user = signUp(example.username(), example.password());
            HttpResponse<String> answer = send(example.pathAndQuery().replace("$ID", Long.toString(user)), "GET",
                    example.username(), example.password());
            assertThat(answer.statusCode()).as(example.line() + "\n" + answer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            Set<String> asked = Set.of(example.pathAndQuery().replaceAll(".*[?&]platform=([^&]*).*", "$1").split(","));
            assertThat(body.path("items").size()).as(example.line() + "\n" + answer.body())
                    .isEqualTo(body.path("requested").asInt());
            for (JsonNode item : body.path("items")) {
                assertThat(item.path("platforms").valueStream().map(JsonNode::asString))
                        .as(example.line() + ": " + item).containsAnyElementsOf(asked);
            }
        }
    }

    /** The README's curl lines whose request contains the text. */
    private static List<Example> examples(String containing) throws IOException {
        List<Example> examples = new ArrayList<>();
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            Matcher curl = CURL.matcher(line);
            if (curl.find() && curl.group(1).contains(containing)) {
                Matcher login = LOGIN.matcher(line);
                boolean hasLogin = login.find();
                examples.add(new Example(line.strip(), curl.group(1), hasLogin ? login.group(1) : null,
                        hasLogin ? login.group(2) : null));
            }
        }
        return examples;
    }

    /** No empty list, no blank text and no count of zero anywhere in the answer. */
    private static void assertSomethingIn(Example example, JsonNode node, String where) {
        String what = example.line() + ": " + where;
        if (node.isArray()) {
            assertThat(node.size()).as(what + " is an empty list").isPositive();
        } else if (node.isString()) {
            assertThat(node.asString()).as(what).isNotBlank();
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (COUNTS.contains(field.getKey()) && field.getValue().isNumber()) {
                assertThat(field.getValue().asLong()).as(what + "." + field.getKey()).isPositive();
            }
            assertSomethingIn(example, field.getValue(), where + "." + field.getKey());
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            assertSomethingIn(example, node.get(i), where + "[" + i + "]");
        }
    }

    /** Runs {@code java -jar etl-batch.jar ARGS} against the test database, as bin/run-sample does. */
    private void ingest(String... args) throws Exception {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(args[0] + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ETL_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL",
                System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test"));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "movies"));
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "movies"));
        int exit = builder.start().waitFor();
        assertThat(exit).as("etl-batch.jar %s exited with %d; its output: %s", String.join(" ", args), exit,
                log.toAbsolutePath()).isZero();
    }

    private void emptyEveryTable() {
        List<String> tables = jdbc.queryForList("""
                select format('%I.%I', schemaname, tablename) from pg_tables
                 where schemaname in ('public', 'staging') and tablename <> 'flyway_schema_history'""", String.class);
        jdbc.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
    }

    private long signUp(String email, String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", "Readme Reader", "email", email, "password", password));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 409) {   // signed up by an earlier example: find them by their login
            return JSON.readTree(send("/api/auth/token", "POST", email, password).body()).path("userId").asLong();
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("id").asLong();
    }

    private HttpResponse<String> send(String pathAndQuery, String method, String username, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
