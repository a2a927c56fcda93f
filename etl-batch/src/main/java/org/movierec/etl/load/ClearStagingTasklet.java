package org.movierec.etl.load;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First step of a load: empties the staging tables of the feeds that load, and says which feeds
 * are skipped. Runs once per run, so a restart keeps what the interrupted run staged.
 */
final class ClearStagingTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ClearStagingTasklet.class);

    private final Source source;
    private final List<Feed> feeds;
    private final JdbcTemplate jdbc;

    ClearStagingTasklet(Source source, List<Feed> feeds, JdbcTemplate jdbc) {
        this.source = source;
        this.feeds = feeds;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        Set<String> stagingTables = new LinkedHashSet<>();
        for (Feed feed : feeds) {
            if (LoadPlanner.changed(parameters, feed)) {
                stagingTables.addAll(feed.stagingTables());
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
}
