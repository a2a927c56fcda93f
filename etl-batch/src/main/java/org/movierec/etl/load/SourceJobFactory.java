package org.movierec.etl.load;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the job that loads the feeds an input holds: a step that clears the staging tables, one staging step per feed
 * (read, parse, COPY in chunks) and a merge step. The steps depend on the layout found in the
 * input, so the job is built for each run; its name is the source's.
 */
@Component
public class SourceJobFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final LoadHistory history;
    private final String indexBuildMemory;

    public SourceJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            DataSource dataSource, JdbcTemplate jdbc, LoadHistory history,
                            EtlProperties settings) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.history = history;
        this.indexBuildMemory = settings.indexBuildMemory();
    }

    public Job job(Source source, List<Feed> feeds, SourceOptions options) {
        Step clear = new StepBuilder(source.name() + ".clear-staging", jobRepository)
                .tasklet(new ClearStagingTasklet(source, feeds, jdbc), transactionManager).build();
        SimpleJobBuilder job = new JobBuilder(source.name(), jobRepository).start(clear);
        for (Feed feed : feeds) {
            job.next(stageStep(source, feed, options));
        }
        Step merge = new StepBuilder(source.name() + ".merge", jobRepository)
                .tasklet(new MergeTasklet(source, feeds, history, jobRepository, jdbc, indexBuildMemory), transactionManager).build();
        return job.next(merge).build();
    }

    private Step stageStep(Source source, Feed feed, SourceOptions options) {
        FeedRecordReader reader = new FeedRecordReader(feed);
        StagingWriter writer = new StagingWriter(source.name(), feed, options.maxRejects(), dataSource, reader);
        return new StepBuilder(feed.stageStepName(source.name()), jobRepository)
                .<List<TextRecord>, List<TextRecord>>chunk(Math.max(1, options.chunkSize() / FeedRecordReader.BLOCK_SIZE))
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .stream(reader)
                .stream(writer)
                .listener((Object) reader)
                .listener((Object) writer)
                .build();
    }
}
