package org.movierec.etl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a user sees when the command is misused. */
@ExtendWith(OutputCaptureExtension.class)
class CommandLineTest extends EtlJobTest {

    @Test
    void helpExplainsEveryOptionAndSource(CapturedOutput output) throws Exception {
        assertThat(run("--help")).isZero();
        for (String word : new String[] {"movielens", "imdb", "catalog", "tmdb", "link", "--input", "--force", "--fresh",
            "--max-rejects", "--chunk-size", "--imdb-title-types", "--etl.cache-dir", "Exit codes"}) {
            assertThat(output.getOut()).contains(word);
        }
    }

    @Test
    void anUnknownSourceOrOptionIsAUsageError(CapturedOutput output) throws Exception {
        assertThat(run("netflix")).isEqualTo(2);
        assertThat(output.getErr()).contains("unknown source 'netflix'; expected one of [catalog, imdb, movielens, tmdb] or link");
        assertThat(run("movielens", "--inptu=x")).isEqualTo(2);
        assertThat(output.getErr()).contains("unknown option(s) --inptu");
        assertThat(run("movielens", "--max-rejects=many")).isEqualTo(2);
        assertThat(failure()).isEqualTo("--max-rejects expects a non-negative whole number, got 'many'");
    }

    @Test
    void aSourceWithoutPublicDownloadAsksForAnInput() throws Exception {
        assertThat(run("catalog")).isEqualTo(3);
        assertThat(failure()).isEqualTo("catalog: no input given and the source has no official download location; "
                + "pass --input=DIRECTORY|ZIP|URL");
    }
}
