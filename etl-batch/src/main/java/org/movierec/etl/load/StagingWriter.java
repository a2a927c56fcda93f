package org.movierec.etl.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Parses a chunk of records with the feed's {@link RecordParser} and writes it in the chunk's
 * transaction: staged rows with COPY into their staging tables (streaming while it parses),
 * rejects and repairs into {@code etl_rejects} and {@code etl_repairs}. Because all of it commits
 * with the reader's position, a run killed at any moment resumes exactly. Fails the step when the
 * rejects exceed the configured limit, and reports progress.
 */
final class StagingWriter implements ItemWriter<List<TextRecord>>, ItemStream, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StagingWriter.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final String source;
    private final Feed feed;
    private final long maxRejects;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final FeedRecordReader reader;

    private FeedCounts counts = new FeedCounts();
    private long runId;
    private boolean lineNumbers = true;
    private long startNanos;
    private long lastReportNanos;
    private long recordsAtStart;

    StagingWriter(String source, Feed feed, long maxRejects, DataSource dataSource, FeedRecordReader reader) {
        this.source = source;
        this.feed = feed;
        this.maxRejects = maxRejects;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.reader = reader;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstanceId();
        lineNumbers = !LoadPlanner.initial(stepExecution.getJobParameters(), feed);
    }

    @Override
    public void open(ExecutionContext context) {
        counts = FeedCounts.loadFrom(context, tableNames());
        recordsAtStart = counts.records;
        startNanos = lastReportNanos = System.nanoTime();
    }

    @Override
    public void update(ExecutionContext context) {
        counts.saveTo(context);
    }

    @Override
    public void write(Chunk<? extends List<TextRecord>> chunk) throws Exception {
        List<Object[]> rejects = new ArrayList<>();
        List<Object[]> repairs = new ArrayList<>();
        // A staged chunk need not wait for its commit to reach the disk: if the server crashed first, the
        // chunk and the reader position saved with it would be lost together and staged again on restart.
        // The merge that makes the rows visible commits synchronously.
        jdbc.execute("set local synchronous_commit = off");
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyBatch batch = new CopyBatch(connection.unwrap(PGConnection.class).getCopyAPI(),
                    feed.merges().get(0).table(), lineNumbers);
            try {
                for (List<TextRecord> block : chunk) {
                    for (TextRecord record : block) {
                        parse(record, batch, rejects, repairs);
                    }
                    counts.records += block.size();
                }
                for (Map.Entry<StagingTable, Long> staged : batch.finish().entrySet()) {
                    counts.staged.merge(staged.getKey().name(), staged.getValue(), Long::sum);
                }
            } catch (Exception e) {
                batch.cancel();
                throw e;
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        if (!rejects.isEmpty()) {
            jdbc.batchUpdate("insert into etl_rejects (run_id, source, file, line_no, raw, reason) values (?, ?, ?, ?, ?, ?)",
                    rejects);
            counts.rejected += rejects.size();
            if (counts.rejected > maxRejects) {
                Object[] last = rejects.get(rejects.size() - 1);
                throw new RejectLimitExceededException(("%s: %d malformed records, more than the limit of %d "
                        + "(--max-rejects); is it the right file? The last one, line %s: %s").formatted(
                        feed.fileName(), counts.rejected, maxRejects, last[3], last[5]));
            }
        }
        if (!repairs.isEmpty()) {
            jdbc.batchUpdate("insert into etl_repairs (run_id, source, file, line_no, record_key, repair, raw_bytes) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", repairs, new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
                    Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BINARY});
            counts.repaired += repairs.size();
        }
        reportProgress(false);
    }

    private void parse(TextRecord record, CopyBatch batch, List<Object[]> rejects, List<Object[]> repairs)
            throws SQLException {
        int repairsBefore = repairs.size();
        batch.beginRecord();
        try {
            StagedRow row = feed.parser().parse(record, new RecordParser.Repairs() {
                @Override
                public void add(String key, String description) {
                    add(key, description, null);
                }

                @Override
                public void add(String key, String description, byte[] rawBytes) {
                    repairs.add(new Object[] {runId, source, record.file(), record.line(), key, description, rawBytes});
                }
            });
            if (row == null) {
                counts.skipped++;
            } else {
                row.copyTo(batch, record.line());
            }
        } catch (RowRejectedException | RuntimeException e) {
            batch.discardRecord();
            repairs.subList(repairsBefore, repairs.size()).clear();
            String reason = e instanceof RowRejectedException ? e.getMessage() : "unreadable record: " + e.getMessage();
            rejects.add(new Object[] {runId, source, record.file(), record.line(), storable(record.text()), storable(reason)});
            return;
        }
        batch.flushIfFull();
    }

    /**
     * PostgreSQL text cannot hold NUL: a reject keeps it visible as the two characters \0, and a byte
     * invalid in the file's encoding as \xff.
     */
    private static String storable(String text) {
        String visible = InvalidBytes.visible(text);
        return visible.indexOf('\0') < 0 ? visible : visible.replace("\0", "\\0");
    }

    private void reportProgress(boolean last) {
        long now = System.nanoTime();
        if (!last && now - lastReportNanos < PROGRESS_EVERY.toNanos()) {
            return;
        }
        lastReportNanos = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        long rate = Math.round((counts.records - recordsAtStart) / seconds);
        String percent = reader.size() > 0 ? " (%.0f%% of %,d bytes)".formatted(100.0 * reader.bytesRead() / reader.size(),
                reader.size()) : "";
        log.info("{} {}: {} records, {} rows/s{}, {} rejected", source, feed.fileName(),
                "%,d".formatted(counts.records), "%,d".formatted(rate), percent, counts.rejected);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (counts.records > 0) {
            reportProgress(true);
        }
        return stepExecution.getExitStatus();
    }

    private List<String> tableNames() {
        return feed.merges().stream().map(merge -> merge.table().name()).toList();
    }
}
