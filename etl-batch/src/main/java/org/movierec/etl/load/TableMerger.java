package org.movierec.etl.load;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a {@link TableMerge} set-wise inside the caller's transaction. The common case is one
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE IS DISTINCT FROM} statement; when the
 * snapshot itself holds a key twice, the earlier lines are moved to the rejects and the merge
 * runs again (the later line wins).
 */
public final class TableMerger {

    private static final Logger log = LoggerFactory.getLogger(TableMerger.class);
    private static final String CARDINALITY_VIOLATION = "21000";

    private final JdbcTemplate jdbc;

    public TableMerger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public MergeResult merge(TableMerge merge, long expectedStaged, RejectOrigin origin) {
        String scopedStaging = merge.sourceRelation() + merge.where("s", merge.scope());
        long inScope = count("select count(*) from " + scopedStaging);
        if (merge.from() == null && inScope != expectedStaged) {
            throw new IllegalStateException(("staging.%s holds %d rows but the load staged %d: the staging tables were "
                    + "cleared (database restart?). Run the job again with --fresh to start over.")
                    .formatted(merge.table().name(), inScope, expectedStaged));
        }
        long skipped = merge.filter() == null ? 0
                : count("select count(*) from " + merge.sourceRelation() + merge.where("s", merge.scope(), "not (" + merge.filter() + ")"));
        boolean targetHadRows = merge.deleteMissing()
                && Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from " + merge.target() + " t"
                + merge.where("t", merge.scope(), merge.deleteScope()) + ")", Boolean.class));

        long rejected = 0;
        long[] changes;
        jdbc.execute("savepoint merge_table");
        try {
            changes = upsert(merge);
        } catch (DataAccessException e) {
            if (!isCardinalityViolation(e)) {
                throw e;
            }
            jdbc.execute("rollback to savepoint merge_table");
            rejected = rejectDuplicates(merge, origin);
            log.warn("{}: {} rows had the key of a later row; they were rejected and the later rows kept",
                    merge.table().name(), rejected);
            changes = upsert(merge);
        }
        jdbc.execute("release savepoint merge_table");
        long deleted = targetHadRows ? deleteMissing(merge) : 0;
        long merged = inScope - skipped - rejected;
        return new MergeResult(changes[0], changes[1], merged - changes[0] - changes[1], deleted, skipped, rejected);
    }

    private long[] upsert(TableMerge merge) {
        List<String> columns = merge.table().columns();
        String columnList = String.join(", ", columns);
        String conflict;
        List<String> values = merge.values();
        if (values.isEmpty()) {
            conflict = "do nothing";
        } else {
            conflict = "do update set " + values.stream().map(v -> v + " = excluded." + v).collect(Collectors.joining(", "))
                    + " where (" + values.stream().map(v -> "t." + v).collect(Collectors.joining(", ")) + ") is distinct from ("
                    + values.stream().map(v -> "excluded." + v).collect(Collectors.joining(", ")) + ")";
        }
        String sql = "with up as (insert into " + merge.target() + " as t (" + columnList + ") select "
                + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + " from " + merge.sourceRelation()
                + merge.where("s", merge.scope(), merge.filter()) + " on conflict (" + String.join(", ", merge.keys()) + ") "
                + conflict + " returning (xmax = 0) as inserted) "
                + "select count(*) filter (where inserted), count(*) filter (where not inserted) from up";
        return jdbc.queryForObject(sql, (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    private long rejectDuplicates(TableMerge merge, RejectOrigin origin) {
        String keys = String.join(", ", merge.keys());
        String staging = "staging." + merge.table().name();
        String sql = "with ranked as (select s.ctid as row_ref, s.line_no, s::text as raw, "
                + "row_number() over (partition by " + keys + " order by s.line_no desc) as rn, "
                + "max(s.line_no) over (partition by " + keys + ") as kept_line from " + staging + " s"
                + merge.where("s", merge.scope(), merge.filter()) + "), "
                + "rejected as (insert into etl_rejects (run_id, source, file, line_no, raw, reason) "
                + "select ?, ?, ?, line_no, raw, 'duplicate key (" + keys + "): line ' || kept_line "
                + "|| ' has the same key and is kept' from ranked where rn > 1) "
                + "delete from " + staging + " s using ranked r where s.ctid = r.row_ref and r.rn > 1";
        return jdbc.update(sql, origin.runId(), origin.source(), origin.file());
    }

    private long deleteMissing(TableMerge merge) {
        String matchesKey = merge.keys().stream().map(k -> "s." + k + " = t." + k).collect(Collectors.joining(" and "));
        String sql = "delete from " + merge.target() + " t" + merge.where("t", merge.scope(), merge.deleteScope(),
                "not exists (select 1 from " + merge.sourceRelation() + merge.where("s", merge.scope(), merge.filter(), matchesKey)
                        + ")");
        return jdbc.update(sql);
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static boolean isCardinalityViolation(DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        return cause instanceof java.sql.SQLException sql && CARDINALITY_VIOLATION.equals(sql.getSQLState());
    }

    public record RejectOrigin(long runId, String source, String file) {
    }
}
