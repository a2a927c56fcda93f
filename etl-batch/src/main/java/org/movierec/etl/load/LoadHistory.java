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

    /**
     * Whether a feed's file differs from the one its main table was last loaded from: another
     * checksum, or another file (a release of another layout), or none yet.
     */
    public boolean changed(String source, Feed feed, String checksum) {
        List<String> last = jdbc.queryForList("""
                select input || ' ' || input_checksum from etl_load_stats
                 where source = ? and feed = ? and table_name = ?
                 order by id desc limit 1""", String.class, source, feed.name(), feed.merges().get(0).table().name());
        return last.isEmpty() || !last.get(0).equals(feed.fileName() + " " + checksum);
    }

    /** The id of the source's last load, 0 before the first: loads of the same input after it are new runs. */
    public long lastLoad(String source) {
        Long id = jdbc.queryForObject("select coalesce(max(id), 0) from etl_load_stats where source = ? and status = 'LOADED'",
                Long.class, source);
        return id == null ? 0 : id;
    }

    /** Notes that a feed's tables were left as they were: its file did not change. */
    public void recordUnchanged(Long runId, String source, Feed feed, String checksum) {
        for (TableMerge merge : feed.merges()) {
            jdbc.update("""
                    insert into etl_load_stats (run_id, source, feed, table_name, input, input_checksum, status)
                    values (?, ?, ?, ?, ?, ?, 'UNCHANGED')""",
                    runId, source, feed.name(), merge.table().name(), feed.fileName(), checksum);
        }
    }

    public void recordLoaded(long runId, String source, String feed, String table, String fileName, String checksum,
                             long rowsRead, MergeResult result, long repaired, long durationMillis) {
        jdbc.update("""
                insert into etl_load_stats (run_id, source, feed, table_name, input, input_checksum, status, rows_read,
                                            inserted, updated, unchanged, deleted, rejected, skipped, repaired, duration_ms)
                values (?, ?, ?, ?, ?, ?, 'LOADED', ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                runId, source, feed, table, fileName, checksum, rowsRead, result.inserted(), result.updated(),
                result.unchanged(), result.deleted(), result.rejected(), result.skipped(), repaired, durationMillis);
    }
}
