package org.movierec.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The command line against the running application: what picocli accepts is what the application loads. */
class CommandLineTest extends EtlJobTest {

    @Autowired
    private EtlCommand command;

    @Test
    void theSourceCommandsAreTheApplicationsSources() {
        assertThat(command.sourceNames()).isEqualTo(Set.copyOf(EtlCli.SOURCES));
        assertThat(EtlCli.commandLine().getSubcommands().keySet())
                .containsExactlyInAnyOrder("movielens", "imdb", "catalog", "tmdb", "link", "migrate", "help");
    }

    @Test
    void migrateOnlyMigrates() throws Exception {
        assertThat(run("migrate")).isZero();
        assertThat(count("select count(*) from flyway_schema_history where not success")).isZero();
        assertThat(count("select count(*) from etl_load_stats")).isZero();
    }

    @Test
    void aSourceWithoutPublicDownloadAsksForAnInput() throws Exception {
        assertThat(run("catalog")).isEqualTo(3);
        assertThat(failure()).isEqualTo("catalog: no input given and the source has no official download location; "
                + "pass --input=DIRECTORY|ZIP|URL");
    }
}
