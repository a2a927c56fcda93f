package org.movierec.etl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.movierec.etl.input.Checksums;
import org.movierec.etl.link.LinkJob;
import org.movierec.etl.input.InputResolver;
import org.movierec.etl.load.Feed;
import org.movierec.etl.load.InputLayoutException;
import org.movierec.etl.load.LoadHistory;
import org.movierec.etl.load.Source;
import org.movierec.etl.load.SourceJobFactory;
import org.movierec.etl.load.SourceOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command line: {@code java -jar etl-batch.jar SOURCE [options]}. Resolves the input,
 * checksums its files, returns at once when nothing changed since the last load, and otherwise
 * starts (or, after an interrupted run, restarts) the source's job.
 */
@Component
class EtlCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int OK = 0;
    static final int JOB_FAILED = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;

    private static final Logger log = LoggerFactory.getLogger(EtlCommand.class);
    private static final Set<String> OPTIONS = Set.of("input", "force", "fresh", "max-rejects", "chunk-size",
            "imdb-title-types", "help");

    private final Map<String, Source> sources;
    private final LinkJob linkJob;
    private final SourceJobFactory jobFactory;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final LoadHistory history;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Path cacheDirectory;
    private int exitCode = OK;
    private String failure;

    EtlCommand(List<Source> sources, LinkJob linkJob, SourceJobFactory jobFactory, JobOperator jobOperator,
               JobRepository jobRepository, LoadHistory history, DataSource dataSource, JdbcTemplate jdbc,
               @Value("${etl.cache-dir}") Path cacheDirectory) {
        this.sources = sources.stream().collect(Collectors.toMap(Source::name, Function.identity()));
        this.linkJob = linkJob;
        this.jobFactory = jobFactory;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.history = history;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.cacheDirectory = cacheDirectory;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** The error the last run ended with, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        failure = null;
        List<String> commands = args.getNonOptionArgs();
        if (args.containsOption("help") || commands.isEmpty()) {
            System.out.println(Usage.TEXT);
            exitCode = args.containsOption("help") ? OK : USAGE;
            return;
        }
        Set<String> unknown = new LinkedHashSet<>(args.getOptionNames());
        unknown.removeAll(OPTIONS);
        unknown.removeIf(option -> option.startsWith("spring.") || option.startsWith("logging.") || option.startsWith("etl."));
        if (commands.size() != 1 || !unknown.isEmpty()) {
            System.err.println((commands.size() != 1 ? "expected one source, got " + commands : "unknown option(s) --"
                    + String.join(", --", unknown)) + "\n\n" + Usage.TEXT);
            exitCode = USAGE;
            return;
        }
        String name = commands.get(0);
        try {
            SourceOptions options = options(args);
            if (name.equals("link")) {
                JobExecution execution = jobOperator.start(linkJob.job(),
                        new JobParametersBuilder().addLong("at", System.currentTimeMillis()).toJobParameters());
                exitCode = report("link", execution);
                return;
            }
            Source source = sources.get(name);
            if (source == null) {
                System.err.println("unknown source '" + name + "'; expected one of " + new java.util.TreeSet<>(sources.keySet())
                        + " or link\n\n" + Usage.TEXT);
                exitCode = USAGE;
                return;
            }
            exitCode = load(source, inputs(args, source), options, args.containsOption("force"), args.containsOption("fresh"));
        } catch (InputLayoutException | IllegalArgumentException e) {
            failure = e.getMessage();
            log.error("{}: {}", name, failure);
            exitCode = BAD_INPUT;
        }
    }

    private int load(Source source, List<String> inputs, SourceOptions options, boolean force, boolean fresh) throws Exception {
        Path directory = new InputResolver(cacheDirectory).resolve(inputs, source.name());
        List<Source.LocatedFeed> located = source.locate(directory, options);
        log.info("{}: input {} holds {}", source.name(), directory,
                located.stream().map(f -> f.file().getFileName().toString()).toList());

        JobParametersBuilder parameters = new JobParametersBuilder();
        List<Feed> feeds = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        boolean anyChanged = false;
        for (Source.LocatedFeed located1 : located) {
            Feed feed = located1.feed();
            long started = System.nanoTime();
            String options1 = source.optionsFingerprint(options);
            String checksum = Checksums.sha256(located1.file()) + (options1.isEmpty() ? "" : " " + options1);
            log.info("{}: sha-256 of {} is {} ({} ms)", source.name(), feed.fileName(), checksum,
                    (System.nanoTime() - started) / 1_000_000);
            feeds.add(feed);
            parameters.addString("feed." + feed.name() + ".file", located1.file().toAbsolutePath().toString(), false);
            parameters.addString("feed." + feed.name() + ".checksum", checksum, false);
            fingerprint.append(feed.name()).append('=').append(checksum).append(';');
            anyChanged |= !checksum.equals(history.lastChecksum(source.name(), feed.merges().get(0).table().name(),
                    feed.fileName()));
        }
        if (!anyChanged && !force) {
            log.info("{}: input unchanged since its last load (every file's checksum matches): nothing to do",
                    source.name());
            for (Source.LocatedFeed f : located) {
                f.feed().merges().forEach(m -> history.recordUnchanged(null, source.name(), m.table().name(),
                        f.feed().fileName(), history.lastChecksum(source.name(), f.feed().merges().get(0).table().name(),
                                f.feed().fileName())));
            }
            return OK;
        }
        Long lastLoad = jdbc.queryForObject("select coalesce(max(id), 0) from etl_load_stats where source = ? and status = 'LOADED'",
                Long.class, source.name());
        parameters.addString("input", directory.toAbsolutePath().toString())
                .addString("fingerprint", Checksums.sha256(fingerprint.toString()))
                .addLong("after.load", lastLoad)
                .addString("force", Boolean.toString(force), false)
                .addLong("max.rejects", options.maxRejects(), false);
        if (fresh) {
            parameters.addLong("fresh", System.currentTimeMillis());
        }
        JobParameters jobParameters = parameters.toJobParameters();
        Job job = jobFactory.job(source, feeds, options);
        try (Connection lock = dataSource.getConnection()) {
            if (!lock(lock, "select pg_try_advisory_lock(hashtext(?))", "etl:" + source.name())) {
                throw new IllegalArgumentException("another " + source.name() + " load is running against this database");
            }
            try {
                return startOrResume(source, job, jobParameters);
            } finally {
                lock(lock, "select pg_advisory_unlock(hashtext(?))", "etl:" + source.name());
            }
        }
    }

    private int startOrResume(Source source, Job job, JobParameters jobParameters) throws Exception {
        JobExecution last = jobRepository.getLastJobExecution(job.getName(), jobParameters);
        if (last != null && last.getStatus().isRunning()) {
            // We hold the source's lock, so no process runs it: the last run was killed.
            log.warn("{}: run {} was interrupted (status {}); recovering it and resuming where it stopped",
                    source.name(), last.getJobInstanceId(), last.getStatus());
            jobOperator.recover(last);
        } else if (last != null) {
            log.info("{}: resuming run {} (last status {})", source.name(), last.getJobInstanceId(), last.getStatus());
        }
        return report(source.name(), jobOperator.start(job, jobParameters));
    }

    private int report(String name, JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            log.info("{}: run {} completed", name, execution.getJobInstanceId());
            return OK;
        }
        String failures = execution.getAllFailureExceptions().stream().map(EtlCommand::rootMessage).distinct()
                .collect(Collectors.joining("; "));
        failure = failures;
        log.error("{}: run {} {}: {}", name, execution.getJobInstanceId(), execution.getStatus(), failures);
        return JOB_FAILED;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** Takes or releases a session lock (the pooled connection outlives this run, so it is released explicitly). */
    private static boolean lock(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<String> inputs(ApplicationArguments args, Source source) {
        List<String> values = args.getOptionValues("input");
        if (values == null || values.isEmpty()) {
            return source.officialLocations();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static SourceOptions options(ApplicationArguments args) {
        SourceOptions defaults = SourceOptions.defaults();
        long maxRejects = number(args, "max-rejects", defaults.maxRejects());
        long chunkSize = number(args, "chunk-size", defaults.chunkSize());
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new IllegalArgumentException("--chunk-size must be between 1 and 1000000, got " + chunkSize);
        }
        Set<String> types = defaults.imdbTitleTypes();
        List<String> typeValues = args.getOptionValues("imdb-title-types");
        if (typeValues != null && !typeValues.isEmpty()) {
            types = Arrays.stream(String.join(",", typeValues).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        return new SourceOptions(maxRejects, (int) chunkSize, types);
    }

    private static long number(ApplicationArguments args, String option, long fallback) {
        List<String> values = args.getOptionValues(option);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(values.get(values.size() - 1));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " expects a non-negative whole number, got '"
                    + values.get(values.size() - 1) + "'");
        }
    }
}
