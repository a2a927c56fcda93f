package org.movierec.etl.load;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code etl_load_stats} table: what each run of each source did to each table. */
@Component
public class LoadHistory {

    private final JdbcTemplate jdbc;

    public LoadHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a feed's file differs from the one last loaded from a file of its name (or was never loaded). */
    public boolean changed(String source, Feed feed, String checksum) {
        return !checksum.equals(lastChecksum(source, feed.merges().get(0).table().name(), feed.fileName()));
    }

    /** The id of the source's last load, 0 before the first: loads of the same input after it are new runs. */
    public long lastLoad(String source) {
        Long id = jdbc.queryForObject("select coalesce(max(id), 0) from etl_load_stats where source = ? and status = 'LOADED'",
                Long.class, source);
        return id == null ? 0 : id;
    }

    private String lastChecksum(String source, String table, String fileName) {
        List<String> checksums = jdbc.queryForList("""
                select input_checksum from etl_load_stats
                 where source = ? and table_name = ? and input = ?
                 order by id desc limit 1""", String.class, source, table, fileName);
        return checksums.isEmpty() ? null : checksums.get(0);
    }

    public void recordUnchanged(Long runId, String source, String table, String fileName, String checksum) {
        jdbc.update("""
                insert into etl_load_stats (run_id, source, table_name, input, input_checksum, status)
                values (?, ?, ?, ?, ?, 'UNCHANGED')""", runId, source, table, fileName, checksum);
    }

    public void recordLoaded(long runId, String source, String table, String fileName, String checksum, long rowsRead,
                      MergeResult result, long rejected, long repaired, long durationMillis) {
        jdbc.update("""
                insert into etl_load_stats (run_id, source, table_name, input, input_checksum, status, rows_read,
                                            inserted, updated, unchanged, deleted, rejected, skipped, repaired, duration_ms)
                values (?, ?, ?, ?, ?, 'LOADED', ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                runId, source, table, fileName, checksum, rowsRead, result.inserted(), result.updated(),
                result.unchanged(), result.deleted(), rejected, result.skipped(), repaired, durationMillis);
    }
}
