package org.movierec.etl.link;

import org.movierec.etl.load.EtlProperties;
import org.movierec.etl.load.LoadHistory;
import org.movierec.etl.load.MergeResult;
import org.movierec.etl.load.StagingTable;
import org.movierec.etl.load.TableMerge;
import org.movierec.etl.load.TableMerger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Links the loaded sources: MovieLens movies reach IMDb titles and TMDB movies through
 * {@code movie_links}; catalog titles are matched to movies by normalised title and year into
 * {@code catalog_title_movies} (recomputed in full, in one transaction). Reports what linked.
 */
@Component
public class LinkJob {

    static final StagingTable CATALOG_TITLE_MOVIES = new StagingTable("catalog_title_movies", "title_id", "movie_id");
    /** The smallest movie id wins when two movies share a normalised title and year. */
    static final String CATALOG_MATCHES = """
            select distinct on (c.title_id) c.title_id, m.movie_id
              from public.catalog_titles c
              join public.movies m on m.title_key = c.title_key and m.year = c.release_year
             order by c.title_id, m.movie_id""";

    private static final Logger log = LoggerFactory.getLogger(LinkJob.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final LoadHistory history;
    private final String indexBuildMemory;

    public LinkJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                   LoadHistory history, EtlProperties settings) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.history = history;
        this.indexBuildMemory = settings.indexBuildMemory();
    }

    public Job job() {
        return new JobBuilder("link", jobRepository)
                .start(new StepBuilder("link.sources", jobRepository).tasklet((contribution, chunkContext) -> {
                    long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstanceId();
                    link(runId);
                    return RepeatStatus.FINISHED;
                }, transactionManager).build())
                .build();
    }

    void link(long runId) {
        long started = System.nanoTime();
        TableMerge merge = TableMerge.snapshot(CATALOG_TITLE_MOVIES, "title_id").from(CATALOG_MATCHES);
        MergeResult result = new TableMerger(jdbc, indexBuildMemory).merge(merge, 0, new TableMerger.RejectOrigin(runId, "link", "-"));
        long linked = count("select count(*) from catalog_title_movies");
        long titles = count("select count(*) from catalog_titles");
        history.recordLoaded(runId, "link", "catalog", "catalog_title_movies", null, null, titles, result, 0,
                (System.nanoTime() - started) / 1_000_000);
        log.info("link: catalog titles linked to a movie: {} of {} ({} not linked); inserted {}, updated {}, deleted {}",
                linked, titles, titles - linked, result.inserted(), result.updated(), result.deleted());
        log.info("link: MovieLens movies with an IMDb id: {} of {}, found among the loaded IMDb titles: {}",
                count("select count(imdb_id) from movie_links"), count("select count(*) from movies"),
                count("select count(*) from movie_links l join imdb_titles t on t.tconst = l.imdb_id"));
        log.info("link: MovieLens movies with a TMDB id: {}, found among the loaded TMDB movies: {}",
                count("select count(tmdb_id) from movie_links"),
                count("select count(*) from movie_links l join tmdb_movies t on t.tmdb_id = l.tmdb_id"));
        log.info("link: movies available on a streaming platform: {}",
                count("select count(distinct movie_id) from catalog_title_movies"));
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
