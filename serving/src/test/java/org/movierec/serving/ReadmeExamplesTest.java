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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.movierec.mlflow.MlflowRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The examples of the README and of the API's pages on the demo data, the way a user meets them: the bundled sample
 * ({@code data/sample}) loaded by the ingestion jar exactly as {@code bin/run-sample} loads it (MovieLens, the catalogs, TMDB, then the link), the
 * two models of the demo trained by the training jar as {@code bin/run-sample} trains them ({@code mf}, then
 * {@code ease}; registered under a name of this test's own in the real MLflow server, which promotes them to the
 * ranker's and the predictor's champions), the application reloaded, and then every {@code curl} line of
 * {@link #PAGES} (a line continued with {@code \} is one line), in their order, sent to this application over HTTP as
 * written there: one dynamic test per line, named by the line. {@code ID=$(curl ...)} and {@code TOKEN=$(curl ...)}
 * keep the answer's {@code id} and {@code accessToken} for the lines after them, as the shell does. Each must answer
 * the status it implies (201 for a sign-up or a new rating, 204 for a deletion, the status of a {@code # NNN}
 * comment, else 200), a refusal as a problem detail; the insights with no empty list and no count of zero, the
 * recommendations a full page (every title on a platform asked), the similar titles a full list by content and by
 * the model, the model both roles loaded. The lines to Airflow's REST API ({@code $AF/...}) are reported as skipped,
 * by name, with the reason: this test runs no Airflow. The jars are {@code etl-batch/target/etl-batch.jar} and
 * {@code training/target/training.jar}, which the build packages before serving's tests run ({@code ./mvnw verify},
 * {@code bin/test}); with {@code -pl serving}, build them first ({@code ./mvnw -DskipTests package}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${test.db.url:jdbc:postgresql://localhost:5432/movies_test}",
        "serving.admin.username=" + ReadmeExamplesTest.ADMIN,
        "serving.admin.password=" + ReadmeExamplesTest.ADMIN_PASSWORD,
        "serving.model.cache-dir=target/model-cache-readme-tests"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class ReadmeExamplesTest {

    /** The administrator's login the README's examples use. */
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "change-me-now";
    /** The registered model the training jar publishes to and the application serves: this run's own. */
    static final String MODEL_NAME = "movierec-readme-tests-" + UUID.randomUUID();

    /** The pages whose curl lines are checked, in the order a reader meets them (the shell variables carry on). */
    static final List<Path> PAGES = List.of(
            Path.of("../README.md"), Path.of("../docs/serving.md"), Path.of("../docs/orchestration.md"));
    private static final Path SAMPLE = Path.of("../data/sample");
    private static final Path ETL_JAR = Path.of("../etl-batch/target/etl-batch.jar");
    private static final Path TRAINING_JAR = Path.of("../training/target/training.jar");
    private static final Path LOGS = Path.of("target/readme-examples");
    /** The lines that are not sent, by the start of their URL, and why. */
    private static final Map<String, String> SKIPPED = Map.of("$AF/",
            "a call of Airflow's REST API (bin/airflow up), which this test does not run; the DAGs are tested by "
                    + "airflow-dags/tests");
    /** Counts that an answer with something in it never gives as zero. */
    private static final Set<String> COUNTS = Set.of("titles", "movies", "series", "films");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** What the shell variables of the README's lines hold: {@code ID}, {@code TOKEN}. */
    private final Map<String, String> variables = new HashMap<>();

    @DynamicPropertySource
    static void servedModel(DynamicPropertyRegistry registry) {
        registry.add("serving.model.name", () -> MODEL_NAME);
        TestModels.servingMlflowProperties(registry);
    }

    @BeforeAll
    void loadTheSampleAndTrainAsTheDemoDoes() throws Exception {
        assertThat(ETL_JAR).as("build the jars first: ./mvnw -DskipTests package").exists();
        assertThat(TRAINING_JAR).as("build the jars first: ./mvnw -DskipTests package").exists();
        emptyEveryTable();
        ingest("movielens", "--input=" + SAMPLE.resolve("ml-latest-small").toAbsolutePath());
        ingest("catalog", "--input=" + SAMPLE.resolve("streaming-titles").toAbsolutePath());
        ingest("tmdb", "--input=" + SAMPLE.resolve("tmdb").toAbsolutePath());
        ingest("link");
        train("knn-learned");
        train("ease");
        // as the weekly refresh does after training: serving asks the registry now and re-reads the catalogue
        HttpResponse<String> reload = send("/api/model/reload", "POST", Map.of("Authorization", basic(ADMIN,
                ADMIN_PASSWORD)), null);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        JsonNode model = JSON.readTree(reload.body()).path("model");
        assertThat(model.path("type").asString()).as(reload.body()).isEqualTo("ease");
        assertThat(model.path("predictor").path("type").asString()).as(reload.body()).isEqualTo("knn-learned");
    }

    @AfterAll
    void leaveTheTablesEmptyAndTheRegistryClean() {
        emptyEveryTable();
        new MlflowRegistry(TestModels.URL).deleteRegisteredModel(MODEL_NAME);
    }

    /** Every curl line of the README, in its order; each answers as it implies, or is skipped with the reason. */
    @TestFactory
    Stream<DynamicTest> everyCurlLineOfTheReadme() throws IOException {
        List<Curl> lines = curlLines();
        assertThat(lines).extracting(Curl::url).filteredOn(url -> url.contains("/api/insights/"))
                .extracting(url -> url.replaceAll(".*localhost:8080", "").replaceAll("\\?.*", "")).contains(
                        "/api/insights/catalog/longest", "/api/insights/catalog/scored", "/api/insights/catalog/types",
                        "/api/insights/catalog/top-cast-member", "/api/insights/tmdb/releases",
                        "/api/insights/tmdb/titles/popularity", "/api/insights/tmdb/titles/votes",
                        "/api/insights/tmdb/actors", "/api/insights/tmdb/directors");
        assertThat(lines).extracting(Curl::url).as("the similar titles, by id, by title and for a user")
                .anyMatch(url -> url.matches(".*/api/movies/\\d+/similar.*"))
                .anyMatch(url -> url.contains("/api/movies/similar?title="))
                .anyMatch(url -> url.contains("similarTo="));
        return lines.stream().map(line -> DynamicTest.dynamicTest(line.line(), () -> check(line)));
    }

    private void check(Curl curl) throws Exception {
        for (Map.Entry<String, String> skipped : SKIPPED.entrySet()) {
            if (curl.url().startsWith(skipped.getKey())) {
                Assumptions.abort("skipped " + curl.line() + ": " + skipped.getValue());
            }
        }
        assertThat(curl.url()).as("a curl line to this application").contains("localhost:8080/");
        String pathAndQuery = substitute(curl.url().replaceAll("^(https?://)?localhost:8080", ""));
        Map<String, String> headers = new HashMap<>();
        curl.headers().forEach(header -> {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip(), substitute(header.substring(colon + 1).strip()));
        });
        if (curl.login() != null) {
            String[] login = curl.login().split(":", 2);
            headers.put("Authorization", basic(login[0], login[1]));
        }
        String body = curl.data() == null ? null : substitute(curl.data());
        HttpResponse<String> answer = send(pathAndQuery, curl.method(), headers, body);
        String what = curl.line() + "\n" + answer.statusCode() + " " + answer.body();
        assertThat(answer.statusCode()).as(what).isEqualTo(curl.expectedStatus());
        if (answer.statusCode() == 204) {
            return;
        }
        JsonNode json = JSON.readTree(answer.body());
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.path("status").asInt()).as(what).isEqualTo(answer.statusCode());
            return;
        }
        assertThat(json.isObject() && !json.isEmpty()).as(what).isTrue();
        if (curl.assigns() != null) {
            String field = curl.assigns().equals("ID") ? "id" : "accessToken";
            assertThat(json.path(field).isValueNode()).as(what).isTrue();
            variables.put(curl.assigns(), json.path(field).asString());
        }
        checkContent(pathAndQuery, json, what);
    }

    /** What the answers of the README's requests must hold on the demo's data, beyond their status. */
    private static void checkContent(String pathAndQuery, JsonNode json, String what) {
        if (pathAndQuery.startsWith("/api/insights/")) {
            assertSomethingIn(what, json, "answer");
        } else if (pathAndQuery.contains("/recommendations?")) {
            assertThat(json.path("items").size()).as(what).isEqualTo(json.path("requested").asInt()).isPositive();
            if (pathAndQuery.contains("platform=")) {
                Set<String> asked = Set.of(pathAndQuery.replaceAll(".*[?&]platform=([^&]*).*", "$1").split(","));
                for (JsonNode item : json.path("items")) {
                    assertThat(item.path("platforms").valueStream().map(JsonNode::asString)).as(what + ": " + item)
                            .containsAnyElementsOf(asked);
                }
            }
            if (pathAndQuery.contains("similarTo=")) {
                assertThat(json.path("similarTo").path("movieId").asInt()).as(what)
                        .isEqualTo(Integer.parseInt(pathAndQuery.replaceAll(".*[?&]similarTo=(\\d+).*", "$1")));
            }
        } else if (pathAndQuery.contains("/similar")) {
            Matcher asked = Pattern.compile("[?&]n=(\\d+)").matcher(pathAndQuery);
            int n = asked.find() ? Integer.parseInt(asked.group(1)) : 5;   // the API's default
            assertThat(json.path("modelName").asString()).as(what).isEqualTo(MODEL_NAME);
            assertThat(json.path("byContent").size()).as(what).isEqualTo(n);
            assertThat(json.path("byModel").size()).as(what).isEqualTo(n);
            assertThat(json.path("byModelMeasure").asString()).as(what).isEqualTo("ease-weight");
        } else if (pathAndQuery.contains("/predictions/")) {
            assertThat(json.path("strategy").asString()).as(what).isEqualTo("model");
            assertThat(json.path("prediction").isNumber()).as(what).isTrue();
        } else if (pathAndQuery.equals("/api/model")) {
            assertThat(json.path("loaded").asBoolean()).as(what).isTrue();
            assertThat(json.path("predictor").path("loaded").asBoolean()).as(what).isTrue();
        } else if (pathAndQuery.startsWith("/api/movies?")) {
            assertThat(json.path("content").size()).as(what).isPositive();
        } else if (pathAndQuery.startsWith("/api/users/") && pathAndQuery.contains("/ratings?")) {
            assertThat(json.path("content").size()).as(what).isPositive();
        }
    }

    private static List<String> allLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path page : PAGES) {
            lines.addAll(Files.readAllLines(page, StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** A README curl line as a request: the line as written, what it sends, what it keeps and what it expects. */
    record Curl(String line, String assigns, String method, String url, List<String> headers, String data,
                String login, int expectedStatus) {
    }

    /** The curl lines of the pages' code blocks, continued lines joined. */
    static List<Curl> curlLines() throws IOException {
        List<Curl> found = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder logical = new StringBuilder();
        for (String line : allLines()) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String whole = logical.append(line).toString().strip();
            logical.setLength(0);
            if (whole.matches("^(\\w+=\\$\\()?curl\\s.*")) {
                found.add(parse(whole));
            }
        }
        return found;
    }

    /** The options of a curl line: -X, -H, -d, -u, -o, -w, -s and the URL, up to a pipe, a ) or a comment. */
    static Curl parse(String line) {
        String assigns = line.matches("^\\w+=\\$\\(.*") ? line.substring(0, line.indexOf('=')) : null;
        List<String> words = new ArrayList<>();
        String rest = words(assigns == null ? line : line.substring(line.indexOf("$(") + 2), words);
        String method = null;
        String url = null;
        String data = null;
        String login = null;
        String writeOut = null;
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s" -> { }
                case "-X" -> method = words.get(++i);
                case "-H" -> headers.add(words.get(++i));
                case "-d" -> data = words.get(++i);
                case "-u" -> login = words.get(++i);
                case "-o" -> i++;
                case "-w" -> writeOut = words.get(++i);
                default -> {
                    assertThat(word).as("an option of " + line + " this test does not know").doesNotStartWith("-");
                    url = word;
                }
            }
        }
        method = method != null ? method : data != null ? "POST" : "GET";
        Matcher comment = Pattern.compile("#\\s*(\\d{3})\\b").matcher(rest);
        int expected = comment.find() ? Integer.parseInt(comment.group(1))
                : method.equals("DELETE") ? 204
                : method.equals("POST") && url != null && url.matches(".*/api/users(/[^/]+/ratings)?") ? 201 : 200;
        if (writeOut != null) {
            assertThat(writeOut).as(line).contains("%{http_code}");
        }
        return new Curl(line, assigns, method, url, headers, data, login, expected);
    }

    /** Splits the shell words of {@code line} (quotes taken off) into {@code words} up to | ) or #; returns the rest. */
    private static String words(String line, List<String> words) {
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '|' || c == ')' || c == '#') {
                if (inWord) {
                    words.add(word.toString());
                }
                return line.substring(i);
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return "";
    }

    private String substitute(String text) {
        String result = text;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            result = result.replace("$" + variable.getKey(), variable.getValue());
        }
        assertThat(result).as("a shell variable no earlier line set").doesNotContain("$");
        return result;
    }

    /** No empty list, no blank text and no count of zero anywhere in the answer. */
    private static void assertSomethingIn(String example, JsonNode node, String where) {
        String what = example + ": " + where;
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

    /** Runs {@code java -jar training.jar train --model=TYPE} against the test database, as bin/run-sample does. */
    private void train(String type) throws Exception {
        run(TRAINING_JAR, "train-" + type, Map.of("MLFLOW_TRACKING_URI", TestModels.URL, "TRAINING_REGISTERED_MODEL",
                MODEL_NAME, "TRAINING_EXPERIMENT", "movierec-readme-tests", "OMP_NUM_THREADS", "1"),
                "train", "--model=" + type, "--run-name=readme-" + type);
    }

    /** Runs {@code java -jar etl-batch.jar ARGS} against the test database, as bin/run-sample does. */
    private void ingest(String... args) throws Exception {
        run(ETL_JAR, args[0], Map.of(), args);
    }

    private void run(Path jar, String logName, Map<String, String> environment, String... args) throws Exception {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(logName + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL",
                System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test"));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "movies"));
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "movies"));
        builder.environment().putAll(environment);
        int exit = builder.start().waitFor();
        assertThat(exit).as("%s %s exited with %d; its output: %s", jar.getFileName(), String.join(" ", args), exit,
                log.toAbsolutePath()).isZero();
    }

    private void emptyEveryTable() {
        List<String> tables = jdbc.queryForList("""
                select format('%I.%I', schemaname, tablename) from pg_tables
                 where schemaname in ('public', 'staging') and tablename <> 'flyway_schema_history'""", String.class);
        jdbc.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String pathAndQuery, String method, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
