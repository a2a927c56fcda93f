package org.movierec.etl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.movierec.etl.EtlJobTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The set-wise merge on hand-made staging rows, in a real PostgreSQL. */
class TableMergerTest extends EtlJobTest {

    private static final StagingTable LINKS = new StagingTable("movie_links", "movie_id", "imdb_id", "tmdb_id");
    private static final StagingTable CREW = new StagingTable("imdb_crew", "tconst", "role", "nconst");
    private static final TableMerger.RejectOrigin ORIGIN = new TableMerger.RejectOrigin(7, "test", "links.csv");

    @Autowired
    private PlatformTransactionManager transactionManager;

    private MergeResult merge(TableMerge merge, long staged, boolean initial) {
        return new TransactionTemplate(transactionManager).execute(
                status -> new TableMerger(jdbc, "64MB").merge(merge, staged, ORIGIN, initial));
    }

    @Test
    void insertsUpdatesKeepsAndDeletes() {
        jdbc.update("insert into movie_links values (1, 'tt1', 10), (2, 'tt2', 20), (3, 'tt3', 30)");
        jdbc.update("insert into staging.movie_links values (1, 1, 'tt1', 10), (2, 2, 'tt2', 21), (3, 4, 'tt4', 40)");

        MergeResult result = merge(TableMerge.snapshot(LINKS, "movie_id"), 3, false);

        assertThat(result).isEqualTo(new MergeResult(1, 1, 1, 1, 0, 0));
        assertThat(jdbc.queryForList("select movie_id || ':' || tmdb_id from movie_links order by 1", String.class))
                .containsExactly("1:10", "2:21", "4:40");
    }

    @Test
    void aKeyStagedTwiceKeepsTheLaterLineAndRejectsTheEarlier() {
        jdbc.update("insert into staging.movie_links values (5, 1, 'tt1', 10), (9, 1, 'tt1', 11), (6, 2, 'tt2', 20)");

        MergeResult result = merge(TableMerge.snapshot(LINKS, "movie_id"), 3, false);

        assertThat(result).isEqualTo(new MergeResult(2, 0, 0, 0, 0, 1));
        assertThat(jdbc.queryForObject("select tmdb_id from movie_links where movie_id = 1", Integer.class)).isEqualTo(11);
        assertThat(jdbc.queryForMap("select run_id, source, file, line_no, reason from etl_rejects"))
                .containsEntry("run_id", 7L).containsEntry("file", "links.csv").containsEntry("line_no", 5L)
                .containsEntry("reason", "duplicate key (movie_id): line 9 has the same key and is kept");
    }

    @Test
    void aKeyOnlyTableWithADuplicateStillDeletesWhatTheSnapshotLacks() {
        jdbc.update("insert into imdb_crew values ('tt1', 'director', 'nm1'), ('tt1', 'writer', 'nm2')");
        jdbc.update("insert into staging.imdb_crew values (1, 'tt1', 'director', 'nm1'), (2, 'tt1', 'director', 'nm1')");

        MergeResult result = merge(TableMerge.snapshot(CREW, "tconst", "role", "nconst"), 2, false);

        assertThat(result.deleted()).isOne();
        assertThat(jdbc.queryForList("select nconst from imdb_crew", String.class)).containsExactly("nm1");
    }

    @Test
    void aScopedMergeTouchesOnlyItsScope() {
        jdbc.update("insert into movie_links values (1, 'tt1', 10), (2, 'tt2', 20)");
        jdbc.update("insert into staging.movie_links values (1, 1, 'tt1', 11)");

        MergeResult result = merge(TableMerge.snapshot(LINKS, "movie_id").scope("{t}.movie_id = 1"), 1, false);

        assertThat(result).isEqualTo(new MergeResult(0, 1, 0, 0, 0, 0));
        assertThat(count("select count(*) from movie_links")).isEqualTo(2);
    }

    @Test
    void rowsOutsideTheFilterAreSkippedAndCounted() {
        jdbc.update("insert into staging.movie_links values (1, 1, 'tt1', 10), (2, 2, null, 20)");

        MergeResult result = merge(TableMerge.snapshot(LINKS, "movie_id").filter("{t}.imdb_id is not null"), 2, false);

        assertThat(result).isEqualTo(new MergeResult(1, 0, 0, 0, 1, 0));
    }

    @Test
    void anInitialLoadReplacesTheEmptyTableKeepingItsConstraintsAndIndexes() {
        jdbc.update("insert into staging.movie_links (movie_id, imdb_id, tmdb_id) values (1, 'tt1', 10), (2, 'tt2', 20)");

        MergeResult result = merge(TableMerge.snapshot(LINKS, "movie_id"), 2, true);

        assertThat(result).isEqualTo(new MergeResult(2, 0, 0, 0, 0, 0));
        assertThat(count("select count(*) from movie_links")).isEqualTo(2);
        assertThat(jdbc.queryForList("select indexname from pg_indexes where schemaname = 'public' and tablename = 'movie_links' "
                + "order by 1", String.class)).containsExactly("movie_links_imdb_id", "movie_links_pkey", "movie_links_tmdb_id");
        assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_schema = 'staging' "
                + "and table_name = 'movie_links' order by ordinal_position", String.class))
                .containsExactly("line_no", "movie_id", "imdb_id", "tmdb_id");
    }

    @Test
    void stagedRowsAreCheckedOnTheWayInAndAnInitialLoadKeepsTheCheckAndGetsAutovacuumBack() {
        assertThatThrownBy(() -> jdbc.update("insert into staging.imdb_crew values (null, 'tt1', 'actor', 'nm1')"))
                .hasMessageContaining("imdb_crew_role_check");
        jdbc.update("insert into staging.imdb_crew values (null, 'tt1', 'director', 'nm1'), (null, 'tt1', 'writer', 'nm2')");

        MergeResult result = merge(TableMerge.snapshot(CREW, "tconst", "role", "nconst"), 2, true);

        assertThat(result).isEqualTo(new MergeResult(2, 0, 0, 0, 0, 0));
        String checks = "select pg_get_constraintdef(oid) from pg_constraint where conrelid = ?::regclass and contype = 'c'";
        assertThat(jdbc.queryForList(checks, String.class, "public.imdb_crew")).singleElement().asString()
                .contains("director", "writer");
        assertThat(jdbc.queryForList(checks, String.class, "staging.imdb_crew"))
                .isEqualTo(jdbc.queryForList(checks, String.class, "public.imdb_crew"));
        String options = "select coalesce(array_to_string(reloptions, ','), '') from pg_class where oid = ?::regclass";
        assertThat(jdbc.queryForObject(options, String.class, "public.imdb_crew")).isEmpty();
        assertThat(jdbc.queryForObject(options, String.class, "staging.imdb_crew")).isEqualTo("autovacuum_enabled=false");
    }

    @Test
    void aWrongIndexBuildMemoryFailsTheInitialLoadNamingTheSetting() {
        jdbc.update("insert into staging.movie_links (movie_id, imdb_id, tmdb_id) values (1, 'tt1', 10)");

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).execute(status -> new TableMerger(jdbc, "lots")
                .merge(TableMerge.snapshot(LINKS, "movie_id"), 1, ORIGIN, true)))
                .hasMessageContaining("etl.index-build-memory").hasMessageContaining("'lots'");
        assertThat(count("select count(*) from movie_links")).isZero();
    }

    @Test
    void anInitialLoadWithADuplicateKeyFallsBackToTheMerge() {
        jdbc.update("insert into staging.movie_links (movie_id, imdb_id, tmdb_id) values (1, 'tt1', 10), (1, 'tt1', 11)");

        MergeResult result = merge(TableMerge.snapshot(LINKS, "movie_id"), 2, true);

        assertThat(result).isEqualTo(new MergeResult(1, 0, 0, 0, 0, 1));
        assertThat(jdbc.queryForObject("select tmdb_id from movie_links", Integer.class)).as("the later row").isEqualTo(11);
        assertThat(count("select count(*) from pg_indexes where tablename = 'movie_links' and indexname = 'movie_links_pkey'"))
                .isOne();
    }
}
