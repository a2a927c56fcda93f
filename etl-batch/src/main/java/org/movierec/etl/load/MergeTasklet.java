package org.movierec.etl.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Last step of a load: merges every changed feed's staged rows into their tables and records the
 * statistics, all in one transaction, so a run killed here leaves the tables as they were and its
 * restart merges once. What each feed staged is read from its staging step's own context, which
 * was committed with the staged rows. Tables derived from a loaded feed's tables are brought up to
 * date last ({@link Feed#derived()}), in the same transaction.
 */
final class MergeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MergeTasklet.class);

    private final Source source;
    private final List<Feed> feeds;
    private final LoadHistory history;
    private final JobRepository jobRepository;
    private final TableMerger merger;
    private final JdbcTemplate jdbc;

    MergeTasklet(Source source, List<Feed> feeds, LoadHistory history, JobRepository jobRepository, JdbcTemplate jdbc,
                 String indexBuildMemory) {
        this.source = source;
        this.feeds = feeds;
        this.history = history;
        this.jobRepository = jobRepository;
        this.merger = new TableMerger(jdbc, indexBuildMemory);
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        JobParameters parameters = jobExecution.getJobParameters();
        long runId = jobExecution.getJobInstanceId();
        Set<String> derived = new LinkedHashSet<>();
        for (Feed feed : feeds) {
            String checksum = parameters.getString(feed.checksumParameter());
            if (!LoadPlanner.changed(parameters, feed)) {
                history.recordUnchanged(runId, source.name(), feed, checksum);
                continue;
            }
            derived.addAll(feed.derived());
            StepExecution staging = jobRepository.getLastStepExecution(jobExecution.getJobInstance(),
                    feed.stageStepName(source.name()));
            FeedCounts counts = FeedCounts.loadFrom(staging.getExecutionContext(),
                    feed.merges().stream().map(m -> m.table().name()).toList());
            long stageMillis = staging.getStartTime() == null || staging.getEndTime() == null ? 0
                    : Duration.between(staging.getStartTime(), staging.getEndTime()).toMillis();
            // Merges from other staged rows run first: an initial load may hand its staging table over.
            List<TableMerge> ordered = new ArrayList<>(feed.merges());
            ordered.sort(Comparator.comparing(m -> m.from() == null));
            for (TableMerge merge : ordered) {
                boolean main = merge == feed.merges().get(0);
                long started = System.nanoTime();
                String table = merge.table().name();
                MergeResult result = merger.merge(merge, counts.staged(table),
                        new TableMerger.RejectOrigin(runId, source.name(), feed.fileName()),
                        LoadPlanner.initial(parameters, feed));
                long millis = (System.nanoTime() - started) / 1_000_000 + (main ? stageMillis : 0);
                long rowsRead = main ? counts.records
                        : merge.from() != null ? result.inserted() + result.updated() + result.unchanged() : counts.staged(table);
                long rejected = result.rejected() + (main ? counts.rejected : 0);
                long skipped = result.skipped() + (main ? counts.skipped : 0);
                MergeResult recorded = new MergeResult(result.inserted(), result.updated(), result.unchanged(),
                        result.deleted(), skipped, rejected);
                history.recordLoaded(runId, source.name(), feed.name(), table, feed.fileName(), checksum, rowsRead, recorded,
                        main ? counts.repaired : 0, millis);
                log.info("{} {} -> {}: read {}, inserted {}, updated {}, unchanged {}, deleted {}, rejected {}, skipped {}{} ({} ms)",
                        source.name(), feed.fileName(), table, rowsRead, result.inserted(), result.updated(),
                        result.unchanged(), result.deleted(), rejected, skipped,
                        main && counts.repaired > 0 ? ", repaired " + counts.repaired : "", millis);
            }
        }
        for (String statement : derived) {
            long started = System.nanoTime();
            jdbc.execute(statement);
            log.info("{}: {} ({} ms)", source.name(), statement, (System.nanoTime() - started) / 1_000_000);
        }
        return RepeatStatus.FINISHED;
    }
}
