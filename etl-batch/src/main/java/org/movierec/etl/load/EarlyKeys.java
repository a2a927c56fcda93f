package org.movierec.etl.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Builds the primary keys of a range-partitioned staging table's partitions while a first load is still copying,
 * one partition as soon as the input has passed it: in a file sorted by the partition column (a MovieLens ratings
 * file, sorted by user) each partition is complete once the first row of a later partition has been committed. The
 * keys are built on a connection of their own, one partition at a time, while the next partitions' rows come in;
 * when the load hands the staged table over ({@link TableMerger}), adding the table's primary key takes these over
 * and builds only what is missing.
 *
 * <p>It never changes what a load stages. A row that goes back to a partition whose key is built or due (the input
 * is not sorted after all) first ends the running COPY and drops those keys in the chunk's transaction, and no key
 * is built early after that: the keys are then built at the end, as for any unsorted input, and a key staged twice
 * is still rejected by the merge. A key build that fails (a key staged twice within one partition) leaves that
 * partition to the end as well. Keys left by an interrupted run are known again at the restart; the staging
 * tables' keys go when the next run clears them ({@link #dropStatements}).
 */
final class EarlyKeys {

    private static final Logger log = LoggerFactory.getLogger(EarlyKeys.class);

    /** A partition and its range of the partition column, lower bound included, upper excluded. */
    private record Partition(String table, long lower, long upper) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final String table;
    private final String keyColumns;
    private final String indexBuildMemory;
    private final List<Partition> partitions;
    private final ExecutorService builder;

    /** Partitions whose key is built or due to be built. */
    private final BitSet keyed = new BitSet();
    /** Partitions the input passed in the chunk being written: their keys are due once it commits. */
    private final BitSet passed = new BitSet();
    /** Whether the rows so far went from partition to partition in order (no partition was entered twice). */
    private boolean inOrder = true;
    private int current = -1;
    private long currentLower;
    private long currentUpper;
    private long lastLine;

    private EarlyKeys(DataSource dataSource, String table, List<String> keys, String indexBuildMemory,
                      List<Partition> partitions) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.table = table;
        this.keyColumns = String.join(", ", keys);
        this.indexBuildMemory = indexBuildMemory;
        this.partitions = partitions;
        this.builder = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "early-keys");
            thread.setDaemon(true);
            return thread;
        });
        keyed.or(builtKeys());
    }

    /**
     * Early keys for a staging table, or null when it is not partitioned by ranges of one integer column.
     *
     * @param table the staging table, schema-qualified
     * @param keys  its target's primary key columns
     */
    static EarlyKeys of(DataSource dataSource, String table, List<String> keys, String indexBuildMemory) {
        List<Partition> partitions = new JdbcTemplate(dataSource).query("""
                select format('%I.%I', n.nspname, c.relname),
                       nullif(btrim(substring(b.bound from 'FROM \\(([^)]*)\\)'), ''''), 'MINVALUE')::bigint,
                       nullif(btrim(substring(b.bound from 'TO \\(([^)]*)\\)'), ''''), 'MAXVALUE')::bigint
                  from pg_partitioned_table p
                  join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
                  join pg_inherits i on i.inhparent = p.partrelid
                  join pg_class c on c.oid = i.inhrelid and c.relkind = 'r'
                  join pg_namespace n on n.oid = c.relnamespace
                 cross join lateral (select pg_get_expr(c.relpartbound, c.oid) as bound) b
                 where p.partrelid = ?::regclass and p.partstrat = 'r' and p.partnatts = 1
                   and a.atttypid in ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
                 order by 2 nulls first""",
                (rs, row) -> new Partition(rs.getString(1), rs.getObject(2) == null ? Long.MIN_VALUE : rs.getLong(2),
                        rs.getObject(3) == null ? Long.MAX_VALUE : rs.getLong(3)), table);
        return partitions.size() < 2 ? null : new EarlyKeys(dataSource, table, keys, indexBuildMemory, partitions);
    }

    /**
     * Called for each row before it is copied, with its partition column's value, in the chunk's transaction.
     *
     * @param connection the chunk's connection, on which {@code batch} copies
     */
    void row(long key, long line, CopyBatch batch, Connection connection) throws SQLException {
        if (key >= currentLower && key < currentUpper && key != Long.MIN_VALUE) {
            return;
        }
        int partition = key == Long.MIN_VALUE ? -1 : partitionOf(key);
        if (partition < 0) {
            // Outside every partition (the COPY refuses it) or a row that does not say its partition (StagedRow's
            // default): the table routes it, and from here on nothing is known of the order.
            if (!keyed.isEmpty()) {
                dropKeys(line, batch, connection);
            }
            inOrder = false;
            passed.clear();
            current = -1;
            currentLower = currentUpper = 0;
            batch.streamInto(null);
            return;
        }
        if (keyed.get(partition)) {
            dropKeys(line, batch, connection);
        }
        if (current >= 0 && partition > current) {
            if (inOrder) {
                passed.set(current, partition);
            }
        } else if (current >= 0 && partition < current) {
            inOrder = false;
            passed.clear();
        }
        current = partition;
        currentLower = partitions.get(partition).lower();
        currentUpper = partitions.get(partition).upper();
        lastLine = line;
        // In order, the rows go straight into their partition (routing each row through the partitioned table costs
        // the server about a fifth more); out of order, the table routes them.
        batch.streamInto(inOrder ? partitions.get(partition).table() : null);
    }

    /** Called once per chunk, in its transaction, before its rows: what it passes gets its keys after it commits. */
    void chunkBegins() {
        currentLower = currentUpper = 0;   // the chunk's first row says which partition its COPY goes into
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    if (inOrder) {
                        passed.stream().filter(p -> !keyed.get(p)).forEach(EarlyKeys.this::build);
                    }
                } else {
                    // A dropped key came back with the rollback; the next row finds its partition again.
                    inOrder = false;
                    stopBuilding();
                    keyed.clear();
                    keyed.or(builtKeys());
                    current = -1;
                    currentLower = currentUpper = 0;
                }
                passed.clear();
            }
        });
    }

    /** Waits for the keys being built; the staging step ends after them. */
    void finish() {
        builder.shutdown();
        try {
            while (!builder.awaitTermination(5, TimeUnit.SECONDS)) {
                log.info("{}: waiting for the partition key being built", table);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void build(int partition) {
        keyed.set(partition);
        String name = partitions.get(partition).table();
        builder.execute(() -> {
            long started = System.nanoTime();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("set maintenance_work_mem = '" + indexBuildMemory.replace("'", "''") + "'");
                statement.execute("alter table " + name + " add primary key (" + keyColumns + ")");
                log.info("{}: primary key built while later rows were copied ({} ms)", name,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (SQLException e) {
                log.info("{}: primary key not built early ({}); the load builds it at the end", name, e.getMessage());
            }
        });
    }

    private void dropKeys(long line, CopyBatch batch, Connection connection) throws SQLException {
        stopBuilding();
        batch.endStreamed();
        List<String> drops = dropStatements(jdbc, table);
        try (Statement statement = connection.createStatement()) {
            for (String drop : drops) {
                statement.execute(drop);
            }
        }
        log.info("{}: line {} goes back to a partition the input had passed (line {} was in a later one): the input is "
                + "not sorted by partition, so the {} partition keys built early are dropped and built at the end",
                table, line, lastLine, drops.size());
        keyed.clear();
        passed.clear();
        inOrder = false;
    }

    private void stopBuilding() {
        if (builder instanceof ThreadPoolExecutor pool) {
            pool.getQueue().clear();
        }
        finish();
    }

    private int partitionOf(long key) {
        int low = 0;
        int high = partitions.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Partition partition = partitions.get(middle);
            if (key < partition.lower()) {
                high = middle - 1;
            } else if (key >= partition.upper()) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    private BitSet builtKeys() {
        List<String> keyedTables = keys(jdbc, table).stream().map(Key::table).toList();
        BitSet built = new BitSet();
        for (int p = 0; p < partitions.size(); p++) {
            if (keyedTables.contains(partitions.get(p).table())) {
                built.set(p);
            }
        }
        return built;
    }

    /** The statements that drop the keys built on a staging table's partitions (none when it has none). */
    static List<String> dropStatements(JdbcTemplate jdbc, String table) {
        return keys(jdbc, table).stream().map(key -> "alter table " + key.table() + " drop constraint " + key.name())
                .toList();
    }

    /** A key of a partition: the partition, schema-qualified, and the key's name, both quoted as SQL needs. */
    private record Key(String table, String name) {
    }

    private static List<Key> keys(JdbcTemplate jdbc, String table) {
        return jdbc.query("""
                select format('%I.%I', n.nspname, c.relname), quote_ident(k.conname)
                  from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
                  join pg_inherits i on i.inhrelid = c.oid
                 where i.inhparent = ?::regclass and k.contype in ('p', 'u')""",
                (rs, row) -> new Key(rs.getString(1), rs.getString(2)), table);
    }
}
