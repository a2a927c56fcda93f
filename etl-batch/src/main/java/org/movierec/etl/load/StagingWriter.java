package org.movierec.etl.load;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
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
 * Writes a chunk of parsed records in the chunk's transaction: staged rows with COPY into their
 * staging tables, rejects and repairs into {@code etl_rejects} and {@code etl_repairs}. Because
 * all of it commits with the reader's position, a run killed at any moment resumes exactly.
 * Fails the step when the rejects exceed the configured limit, and reports progress.
 */
final class StagingWriter implements ItemWriter<ParsedRecord>, ItemStream, StepExecutionListener {

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
    }

    @Override
    public void open(ExecutionContext context) {
        counts = FeedCounts.loadFrom(context, "counts", tableNames());
        recordsAtStart = counts.records;
        startNanos = lastReportNanos = System.nanoTime();
    }

    @Override
    public void update(ExecutionContext context) {
        counts.saveTo(context, "counts");
    }

    @Override
    public void write(Chunk<? extends ParsedRecord> chunk) throws Exception {
        CopyBatch batch = new CopyBatch();
        List<Object[]> rejects = new ArrayList<>();
        List<Object[]> repairs = new ArrayList<>();
        for (ParsedRecord parsed : chunk) {
            TextRecord record = parsed.source();
            counts.records++;
            if (parsed.isRejected()) {
                rejects.add(new Object[] {runId, source, record.file(), record.line(), record.text(), parsed.rejection()});
            } else if (parsed.isSkipped()) {
                counts.skipped++;
            } else {
                parsed.row().copyTo(batch, record.line());
                for (ParsedRecord.Repair repair : parsed.repairs()) {
                    repairs.add(new Object[] {runId, source, record.file(), record.line(), repair.recordKey(),
                        repair.description()});
                }
            }
        }
        copy(batch);
        if (!rejects.isEmpty()) {
            jdbc.batchUpdate("insert into etl_rejects (run_id, source, file, line_no, raw, reason) values (?, ?, ?, ?, ?, ?)",
                    rejects);
            counts.rejected += rejects.size();
            if (counts.rejected > maxRejects) {
                throw new RejectLimitExceededException(("%s: %d malformed records, more than the limit of %d "
                        + "(--max-rejects); is it the right file? The last one, line %s: %s").formatted(
                        feed.fileName(), counts.rejected, maxRejects, rejects.get(rejects.size() - 1)[3],
                        rejects.get(rejects.size() - 1)[5]));
            }
        }
        if (!repairs.isEmpty()) {
            jdbc.batchUpdate("insert into etl_repairs (run_id, source, file, line_no, record_key, repair) values (?, ?, ?, ?, ?, ?)",
                    repairs);
            counts.repaired += repairs.size();
        }
        reportProgress(false);
    }

    private void copy(CopyBatch batch) throws SQLException, java.io.IOException {
        if (batch.buffers().isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            var copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<StagingTable, CopyBatch.Buffer> entry : batch.buffers().entrySet()) {
                byte[] rows = entry.getValue().text.toString().getBytes(StandardCharsets.UTF_8);
                copyManager.copyIn(entry.getKey().copyStatement(), new ByteArrayInputStream(rows), 1 << 16);
                counts.staged.merge(entry.getKey().name(), entry.getValue().rows, Long::sum);
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
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
        LocalDateTime start = stepExecution.getStartTime();
        counts.stageMillis += start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis();
        counts.saveTo(stepExecution.getJobExecution().getExecutionContext(), feed.countsKey());
        return stepExecution.getExitStatus();
    }

    private List<String> tableNames() {
        List<String> names = new ArrayList<>();
        feed.merges().forEach(merge -> names.add(merge.table().name()));
        return names;
    }
}
