package org.movierec.etl.load;

import java.util.List;

/**
 * How staged rows move into their table: an upsert on the key columns that inserts new rows,
 * updates changed ones and leaves equal ones untouched, and, for a full snapshot, deletes the
 * rows that the snapshot no longer has.
 *
 * <p>SQL fragments use {@code {t}} for the alias of the row they test, so the same fragment
 * applies to a staging row and a target row.
 *
 * @param table         the staging table; the target is its namesake in the public schema
 * @param keys          the target's primary key
 * @param filter        rows outside it are left out and counted as skipped (null: none)
 * @param scope         the part of the target this feed owns, for example one platform (null: all)
 * @param deleteMissing whether rows of the scope missing from the snapshot are deleted
 * @param deleteScope   a further limit on what may be deleted (null: none)
 * @param from          a relation to merge from instead of the staging table (null: the staging table)
 */
public record TableMerge(StagingTable table, List<String> keys, String filter, String scope, boolean deleteMissing,
                         String deleteScope, String from) {

    /** Upsert keyed on {@code keys}; rows gone from the snapshot are deleted. */
    public static TableMerge snapshot(StagingTable table, String... keys) {
        return new TableMerge(table, List.of(keys), null, null, true, null, null);
    }

    public TableMerge filter(String filter) {
        return new TableMerge(table, keys, filter, scope, deleteMissing, deleteScope, from);
    }

    public TableMerge scope(String scope) {
        return new TableMerge(table, keys, filter, scope, deleteMissing, deleteScope, from);
    }

    public TableMerge deleteOnly(String deleteScope) {
        return new TableMerge(table, keys, filter, scope, deleteMissing, deleteScope, from);
    }

    /** Never delete: the rows come from more than this snapshot. */
    public TableMerge keepMissing() {
        return new TableMerge(table, keys, filter, scope, false, deleteScope, from);
    }

    /** Merge from a query over other staged rows (for example the users seen in the ratings). */
    public TableMerge from(String relation) {
        return new TableMerge(table, keys, filter, scope, deleteMissing, deleteScope, relation);
    }

    String target() {
        return "public." + table.name();
    }

    List<String> values() {
        return table.columns().stream().filter(column -> !keys.contains(column)).toList();
    }

    String sourceRelation() {
        return from != null ? "(" + from + ") s" : "staging." + table.name() + " s";
    }

    String where(String alias, String... conditions) {
        StringBuilder where = new StringBuilder();
        for (String condition : conditions) {
            if (condition != null) {
                where.append(where.isEmpty() ? " where " : " and ").append('(').append(condition.replace("{t}", alias))
                        .append(')');
            }
        }
        return where.toString();
    }
}
