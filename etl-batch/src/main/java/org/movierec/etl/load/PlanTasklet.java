package org.movierec.etl.load;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First step of a load: decides which feeds changed since their last load (by checksum) and
 * empties their staging tables. Runs once per job instance, so a restart keeps what the
 * interrupted run staged.
 */
final class PlanTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PlanTasklet.class);

    private final Source source;
    private final List<Feed> feeds;
    private final LoadHistory history;
    private final JdbcTemplate jdbc;

    PlanTasklet(Source source, List<Feed> feeds, LoadHistory history, JdbcTemplate jdbc) {
        this.source = source;
        this.feeds = feeds;
        this.history = history;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        JobParameters parameters = jobExecution.getJobParameters();
        ExecutionContext context = jobExecution.getExecutionContext();
        boolean force = Boolean.parseBoolean(parameters.getString("force", "false"));
        boolean anyChanged = false;
        for (Feed feed : feeds) {
            anyChanged |= force || changed(feed, parameters);
        }
        Set<String> stagingTables = new LinkedHashSet<>();
        for (Feed feed : feeds) {
            boolean changed = force || (source.reloadsTogether() ? anyChanged : changed(feed, parameters));
            context.putString(feed.changedKey(), Boolean.toString(changed));
            if (changed) {
                stagingTables.addAll(feed.stagingTables());
                context.putString(feed.initialKey(), Boolean.toString(initialLoad(feed)));
            } else {
                log.info("{} {}: unchanged since its last load (checksum {}), skipped", source.name(), feed.fileName(),
                        parameters.getString(feed.checksumParameter()));
            }
        }
        for (String table : stagingTables) {
            jdbc.execute("truncate staging." + table);
        }
        return RepeatStatus.FINISHED;
    }

    /** Whether every table of the feed is empty and takes the whole snapshot: then it is loaded whole. */
    private boolean initialLoad(Feed feed) {
        for (TableMerge merge : feed.merges()) {
            if (merge.from() != null) {
                continue;
            }
            if (merge.scope() != null || merge.filter() != null || Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from " + merge.target() + ")", Boolean.class))) {
                return false;
            }
        }
        return true;
    }

    private boolean changed(Feed feed, JobParameters parameters) {
        return history.changed(source.name(), feed, parameters.getString(feed.checksumParameter()));
    }
}
