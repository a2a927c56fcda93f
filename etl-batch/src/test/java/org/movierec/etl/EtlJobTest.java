package org.movierec.etl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the job tests: the real application against the real PostgreSQL test database
 * ({@code movies_test}, made by bin/services; {@code -Dtest.db.url} points elsewhere), jobs run
 * through the command line exactly as a user runs them, every test starting from empty tables.
 */
@SpringBootTest
@ActiveProfiles("test")
@Tag("integration")
public abstract class EtlJobTest {

    /** The shared data sets beside the repository, when present. */
    protected static final Path SHARED_DATA = Path.of("../../shared/data").toAbsolutePath().normalize();

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private EtlCommand command;

    @BeforeEach
    void emptyTables() {
        List<String> tables = jdbc.queryForList("""
                select format('%I.%I', schemaname, tablename) from pg_tables
                 where schemaname in ('public', 'staging') and tablename <> 'flyway_schema_history'""", String.class);
        jdbc.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
    }

    /** Runs {@code java -jar etl-batch.jar ARGS} in this process and returns its exit code. */
    protected int run(String... args) throws Exception {
        return EtlCli.execute(args, (request, springArguments) -> command.execute(request));
    }

    /** What the last run reported as its failure, as the user saw it logged. */
    protected String failure() {
        return command.failure();
    }

    protected long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    /** The last load statistics of a table: inserted, updated, unchanged, deleted, rejected, ... */
    protected Map<String, Object> lastStats(String table) {
        return jdbc.queryForMap("select * from etl_load_stats where table_name = ? order by id desc limit 1", table);
    }

    /** The sample data bundled with the repository (what the README's main command loads). */
    protected static final Path SAMPLE_DATA = Path.of("../data/sample").toAbsolutePath().normalize();

    /**
     * A data set from ../shared/data when present, otherwise the bundled sample of that name, otherwise the
     * fixture of that name in src/test/resources/fixtures.
     */
    protected static Path dataSet(String name) {
        for (Path candidate : new Path[] {SHARED_DATA.resolve(name), SAMPLE_DATA.resolve(name)}) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fixture(name);
    }

    /**
     * The Kaggle streaming catalogs: the full files from ../shared/data when present, otherwise the few real records
     * of the fixture {@code streaming-titles}, never the bundled demo sample (synthetic rows, made for the demo).
     */
    protected static Path kaggleCatalogs() {
        Path shared = SHARED_DATA.resolve("streaming-titles");
        return Files.isDirectory(shared) ? shared : fixture("streaming-titles");
    }

    /** The records of a CSV file with a header, read independently of the code under test (Commons CSV). */
    protected static List<CSVRecord> csvRecords(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    /**
     * File content with bytes that are not valid UTF-8: each String part in UTF-8, each int part the
     * one byte it gives ({@code bytes("2,Juman", 0xFF, "ji (1995),Adventure\n")}).
     */
    public static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** The hex of {@link #bytes(Object...)}, as {@code encode(raw_bytes, 'hex')} shows it. */
    protected static String hex(Object... parts) {
        return HexFormat.of().formatHex(bytes(parts));
    }

    protected static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures").resolve(name).toAbsolutePath();
    }
}
