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
 *
 * <p>An initial load into an empty table takes a faster road: the staging table, loaded without
 * line numbers, gets the target's defaults, constraints and indexes and replaces the target
 * (indexes built once, by sorting, instead of row by row). Whatever stops that road (a duplicate
 * key, a table other tables refer to) falls back to the merge.
 */
public final class TableMerger {

    private static final Logger log = LoggerFactory.getLogger(TableMerger.class);
    private static final String CARDINALITY_VIOLATION = "21000";

    private final JdbcTemplate jdbc;
    private final String indexBuildMemory;

    /**
     * @param indexBuildMemory PostgreSQL's {@code maintenance_work_mem} while an initial load builds a table's
     *                         indexes ({@code etl.index-build-memory})
     */
    public TableMerger(JdbcTemplate jdbc, String indexBuildMemory) {
        this.jdbc = jdbc;
        this.indexBuildMemory = indexBuildMemory;
    }

    public MergeResult merge(TableMerge merge, long expectedStaged, RejectOrigin origin) {
        return merge(merge, expectedStaged, origin, false);
    }

    /** @param initial whether the rows were staged for an initial load (the target was empty) */
    public MergeResult merge(TableMerge merge, long expectedStaged, RejectOrigin origin, boolean initial) {
        if (initial && merge.from() == null && merge.scope() == null && merge.filter() == null) {
            useIndexBuildMemory();
            jdbc.execute("savepoint swap_table");
            try {
                long rows = swapIn(merge, expectedStaged);
                jdbc.execute("release savepoint swap_table");
                if (rows >= 0) {
                    return new MergeResult(rows, 0, 0, 0, 0, 0);
                }
            } catch (DataAccessException e) {
                jdbc.execute("rollback to savepoint swap_table");
                log.info("{}: initial load cannot replace the table ({}); merging instead", merge.table().name(),
                        e.getMostSpecificCause().getMessage());
            }
        }
        String scopedStaging = merge.sourceRelation() + merge.where("s", merge.scope());
        long inScope = count("select count(*) from " + scopedStaging);
        if (merge.from() == null && inScope != expectedStaged) {
            throw new IllegalStateException(("staging.%s holds %d rows but the load staged %d: the staging tables were "
                    + "cleared (database restart?). Run the job again with --fresh to start over.")
                    .formatted(merge.table().name(), inScope, expectedStaged));
        }
        long skipped = merge.filter() == null ? 0
                : count("select count(*) from " + merge.sourceRelation() + merge.where("s", merge.scope(), "not (" + merge.filter() + ")"));
        // Rows of the scope before the upsert: when the snapshot matched all of them, none is missing.
        long targetRows = merge.deleteMissing() ? count("select count(*) from " + merge.target() + " t"
                + merge.where("t", merge.scope())) : 0;

        long rejected = 0;
        long[] changes;
        if (merge.deleteMissing() && merge.from() == null && inScope == 0 && targetRows > 0) {
            throw new IllegalStateException(("%s: the input holds no rows for it; refusing to delete its %d rows "
                    + "(an empty or truncated file?)").formatted(merge.table().name(), targetRows));
        }
        log.info("{}: merging {} staged rows{}", merge.table().name(), "%,d".formatted(inScope - skipped),
                targetRows > 0 ? " into %,d".formatted(targetRows) : "");
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
        long merged = inScope - skipped - rejected;
        long unchanged = merged - changes[0] - changes[1];
        // An upsert with values fails on a key staged twice, so its counts are exact; "do nothing" is not.
        boolean allMatched = !merge.values().isEmpty() && targetRows == changes[1] + unchanged;
        long deleted = merge.deleteMissing() && !allMatched ? deleteMissing(merge) : 0;
        return new MergeResult(changes[0], changes[1], unchanged, deleted, skipped, rejected);
    }

    /**
     * Makes the staged rows the target table when the target is empty and nothing refers to it.
     *
     * @return the rows loaded, or -1 when the target is not eligible
     */
    private long swapIn(TableMerge merge, long expectedStaged) {
        String name = merge.table().name();
        String target = merge.target();
        String staging = "staging." + name;
        jdbc.execute("lock table " + target + " in access exclusive mode");
        boolean eligible = Boolean.TRUE.equals(jdbc.queryForObject("select not exists (select 1 from " + target
                + ") and not exists (select 1 from pg_constraint where confrelid = ?::regclass)", Boolean.class, target));
        if (!eligible) {
            return -1;
        }
        long staged = count("select count(*) from " + staging);
        if (staged != expectedStaged) {
            throw new IllegalStateException(("staging.%s holds %d rows but the load staged %d: the staging tables were "
                    + "cleared. Run the job again with --fresh to start over.").formatted(name, staged, expectedStaged));
        }
        log.info("{}: initial load of {} rows: building its constraints and indexes", name, "%,d".formatted(staged));
        jdbc.execute("alter table " + staging + " drop column line_no");
        for (String sql : jdbc.queryForList("""
                select format('alter table %s alter column %I set default %s', ?, a.attname, pg_get_expr(d.adbin, d.adrelid))
                  from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                 where d.adrelid = ?::regclass and a.attgenerated = ''""", String.class, staging, target)) {
            jdbc.execute(sql);
        }
        // Generated columns (movies.title_names, V9) are computed here, once, rather than by every load's COPY: the
        // staging table has none, or plain ones left by an earlier hand-over (LIKE copies them as plain columns).
        for (String sql : jdbc.queryForList("""
                select format('alter table %1$s drop column if exists %2$I; alter table %1$s add column %2$I %3$s '
                              || 'generated always as (%4$s) stored', ?, a.attname,
                              format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid))
                  from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                 where d.adrelid = ?::regclass and a.attgenerated = 's' order by a.attnum""",
                String.class, staging, target)) {
            jdbc.execute(sql);
        }
        for (String sql : jdbc.queryForList("""
                select format('alter table %s add constraint %I %s', ?, c.conname, pg_get_constraintdef(c.oid))
                  from pg_constraint c where c.conrelid = ?::regclass and c.contype in ('p', 'u', 'c', 'f', 'x')
                   -- the staging table checks its target's CHECK constraints already (V6)
                   and not exists (select 1 from pg_constraint s where s.conrelid = ?::regclass
                                      and s.conname = c.conname and s.contype = c.contype
                                      and pg_get_constraintdef(s.oid) = pg_get_constraintdef(c.oid))
                 order by c.contype = 'f', c.conname""", String.class, staging, target, staging)) {
            jdbc.execute(sql);
        }
        for (String definition : jdbc.queryForList("""
                select pg_get_indexdef(i.indexrelid) from pg_index i
                 where i.indrelid = ?::regclass
                   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)""",
                String.class, target)) {
            jdbc.execute(definition.replace(" ON " + target + " ", " ON " + staging + " "));
        }
        jdbc.execute("alter table " + staging + " reset (autovacuum_enabled, toast.autovacuum_enabled)");
        jdbc.execute("drop table " + target);
        jdbc.execute("alter table " + staging + " set schema public");
        // Like the staging tables of the migrations (V2, V6): the target's columns and checks, no autovacuum.
        jdbc.execute("create table " + staging + " (line_no bigint, like " + target + " including constraints)"
                + " with (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
        jdbc.execute("analyze " + target);
        log.info("{}: initial load of {} rows replaced the empty table", name, "%,d".formatted(staged));
        return staged;
    }

    /**
     * The index build's sort takes what it needs up to this: a sort that fits is one pass, one that does not writes
     * and merges runs on disk (an ml-32m ratings key takes about 70 bytes). Set outside the initial load's savepoint,
     * so that a wrong setting fails the run instead of sending the load down the slow merge.
     */
    private void useIndexBuildMemory() {
        try {
            jdbc.queryForObject("select set_config('maintenance_work_mem', ?, true)", String.class, indexBuildMemory);
        } catch (DataAccessException e) {
            throw new IllegalStateException("etl.index-build-memory (ETL_INDEX_BUILD_MEMORY) must be a PostgreSQL "
                    + "memory size such as 4GB or 512MB, got '%s': %s".formatted(indexBuildMemory,
                    e.getMostSpecificCause().getMessage()), e);
        }
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
                + "row_number() over (partition by " + keys + " order by s.line_no desc nulls last, s.ctid desc) as rn, "
                + "max(s.line_no) over (partition by " + keys + ") as kept_line from " + staging + " s"
                + merge.where("s", merge.scope(), merge.filter()) + "), "
                + "rejected as (insert into etl_rejects (run_id, source, file, line_no, raw, reason) "
                + "select ?, ?, ?, coalesce(line_no, 0), raw, 'duplicate key (" + keys + "): ' "
                + "|| coalesce('line ' || kept_line, 'a later line') || ' has the same key and is kept' "
                + "from ranked where rn > 1) "
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
