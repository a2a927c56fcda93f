package org.movierec.etl;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.movierec.etl.input.Checksums;
import org.movierec.etl.input.InputResolver;
import org.movierec.etl.link.LinkJob;
import org.movierec.etl.load.EtlProperties;
import org.movierec.etl.load.Feed;
import org.movierec.etl.load.InputLayoutException;
import org.movierec.etl.load.LoadHistory;
import org.movierec.etl.load.LoadPlanner;
import org.movierec.etl.load.Source;
import org.movierec.etl.load.SourceJobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Runs a command of {@code java -jar etl-batch.jar COMMAND [options]} ({@link EtlCli}). A load resolves the input,
 * checksums its files, returns at once when nothing changed since the last load, and otherwise
 * starts (or, after an interrupted run, restarts) the source's job.
 */
@Component
class EtlCommand {

    // exit codes; 2, a usage error, is answered before Spring starts (EtlCli)
    static final int OK = 0;
    static final int JOB_FAILED = 1;
    static final int BAD_INPUT = 3;

    private static final Logger log = LoggerFactory.getLogger(EtlCommand.class);

    private final Map<String, Source> sources;
    private final LinkJob linkJob;
    private final SourceJobFactory jobFactory;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final LoadHistory history;
    private final LoadPlanner planner;
    private final DataSource dataSource;
    private final Path cacheDirectory;
    private String failure;

    EtlCommand(List<Source> sources, LinkJob linkJob, SourceJobFactory jobFactory, JobOperator jobOperator,
               JobRepository jobRepository, LoadHistory history, LoadPlanner planner, DataSource dataSource,
               EtlProperties properties) {
        this.sources = sources.stream().collect(Collectors.toMap(Source::name, Function.identity()));
        this.linkJob = linkJob;
        this.jobFactory = jobFactory;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.history = history;
        this.planner = planner;
        this.dataSource = dataSource;
        this.cacheDirectory = properties.cacheDir();
    }

    /** The error the last run ended with, or null. */
    String failure() {
        return failure;
    }

    /** Runs a parsed command line and answers its exit code. */
    int execute(EtlRequest request) throws Exception {
        failure = null;
        if (request.command().equals(EtlRequest.MIGRATE)) {
            log.info("the schema is migrated");
            return OK;
        }
        if (request.command().equals(EtlRequest.LINK)) {
            return report(EtlRequest.LINK, jobOperator.start(linkJob.job(),
                    new JobParametersBuilder().addLong("at", System.currentTimeMillis()).toJobParameters()));
        }
        Source source = sources.get(request.command());
        if (source == null) {
            throw new IllegalStateException("no source named '" + request.command() + "'; the sources are "
                    + new TreeSet<>(sources.keySet()));
        }
        try {
            return load(source, request);
        } catch (InputLayoutException | UncheckedIOException e) {
            return fail(source.name(), e.getMessage(), BAD_INPUT);
        } catch (IllegalStateException e) {
            return fail(source.name(), DiskFull.describe(e, dataSource).orElse(e.getMessage()), JOB_FAILED);
        } catch (RuntimeException | SQLException e) {
            // outside the job (its bookkeeping of loads, the job repository): said in words when the disk is full
            Optional<String> diskFull = DiskFull.describe(e, dataSource);
            if (diskFull.isEmpty()) {
                throw e;
            }
            return fail(source.name(), diskFull.get(), JOB_FAILED);
        }
    }

    /** The names of the sources this application loads. */
    Set<String> sourceNames() {
        return sources.keySet();
    }

    private int fail(String name, String message, int code) {
        failure = message;
        log.error("{}: {}", name, message);
        return code;
    }

    private int load(Source source, EtlRequest command) throws Exception {
        List<String> inputs = command.inputs().isEmpty() ? source.officialLocations() : command.inputs();
        Path directory = new InputResolver(cacheDirectory).resolve(inputs, source.name());
        List<Source.LocatedFeed> located = source.locate(directory, command.options());
        log.info("{}: input {} holds {}", source.name(), directory,
                located.stream().map(f -> f.file().getFileName().toString()).toList());

        JobParametersBuilder parameters = new JobParametersBuilder();
        Map<Feed, String> checksums = new LinkedHashMap<>();
        StringBuilder fingerprint = new StringBuilder();
        String optionsFingerprint = source.optionsFingerprint(command.options());
        for (Source.LocatedFeed file : located) {
            Feed feed = file.feed();
            long started = System.nanoTime();
            String checksum = Checksums.sha256(file.file()) + (optionsFingerprint.isEmpty() ? "" : " " + optionsFingerprint);
            log.info("{}: sha-256 of {} is {} ({} ms)", source.name(), feed.fileName(), checksum,
                    (System.nanoTime() - started) / 1_000_000);
            checksums.put(feed, checksum);
            parameters.addString(feed.fileParameter(), file.file().toAbsolutePath().toString(), false);
            parameters.addString(feed.checksumParameter(), checksum, false);
            fingerprint.append(feed.name()).append('=').append(checksum).append(';');
        }
        LoadPlanner.Plan plan = planner.plan(source, checksums, command.force());
        if (plan.nothingChanged()) {
            log.info("{}: input unchanged since its last load (every file's checksum matches): nothing to do",
                    source.name());
            checksums.forEach((feed, checksum) -> history.recordUnchanged(null, source.name(), feed, checksum));
            return OK;
        }
        plan.addTo(parameters);
        parameters.addString("input", directory.toAbsolutePath().toString())
                .addString("fingerprint", Checksums.sha256(fingerprint.toString()))
                .addLong("after.load", history.lastLoad(source.name()));
        if (command.fresh()) {
            parameters.addLong("fresh", System.currentTimeMillis());
        }
        Job job = jobFactory.job(source, List.copyOf(checksums.keySet()), command.options());
        try (Connection lock = dataSource.getConnection()) {
            if (!lock(lock, "select pg_try_advisory_lock(hashtext(?))", "etl:" + source.name())) {
                throw new IllegalStateException("another " + source.name() + " load is running against this database");
            }
            try {
                return startOrResume(source, job, parameters.toJobParameters());
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
        } else if (last != null && last.getStatus() == BatchStatus.UNKNOWN) {
            // Spring Batch could not record how the run ended (its records are in this database: a full disk, a lost
            // connection). What each step committed is recorded with its position, as after a kill: resume there.
            log.warn("{}: run {} ended without its end being recorded (status UNKNOWN); resuming where its last "
                    + "committed chunk left it", source.name(), last.getJobInstanceId());
            markFailed(last);
        } else if (last != null) {
            log.info("{}: resuming run {} (last status {})", source.name(), last.getJobInstanceId(), last.getStatus());
        }
        return report(source.name(), jobOperator.start(job, jobParameters));
    }

    /** Records an execution whose end was not recorded, and its unfinished steps, as FAILED: restartable. */
    private void markFailed(JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setEndTime(now);
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setEndTime(now);
        jobRepository.update(execution);
    }

    /** Exit 0 when the run completed, 3 when it stopped on bad input (a wrong header, an unreadable file), else 1. */
    private int report(String name, JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            log.info("{}: run {} completed", name, execution.getJobInstanceId());
            return OK;
        }
        Optional<String> diskFull = execution.getAllFailureExceptions().stream()
                .map(e -> DiskFull.describe(e, dataSource)).flatMap(Optional::stream).findFirst();
        List<Throwable> causes = execution.getAllFailureExceptions().stream().map(EtlCommand::inputProblemOrRoot).toList();
        failure = diskFull.orElseGet(() -> causes.stream().map(e -> e.getMessage() != null ? e.getMessage() : e.toString())
                .distinct().collect(Collectors.joining("; ")));
        log.error("{}: run {} {}: {}", name, execution.getJobInstanceId(), execution.getStatus(), failure);
        return causes.stream().anyMatch(InputLayoutException.class::isInstance) ? BAD_INPUT : JOB_FAILED;
    }

    private static Throwable inputProblemOrRoot(Throwable e) {
        Throwable cause = e;
        while (!(cause instanceof InputLayoutException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
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
}
