package org.movierec.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyCacheHasNoCurrentVersion() throws Exception {
        assertThat(new ModelCache(dir, "movierec").current()).isEmpty();
    }

    @Test
    void theCurrentFolderIsRememberedAndTheOthersDeleted() throws Exception {
        ModelCache cache = new ModelCache(dir, "movierec");
        Path first = cache.newFolder("movierec", 1, "run-1");
        cache.markCurrent(first);
        Path second = cache.newFolder("movierec", 2, null);
        Files.writeString(second.resolve("file"), "x");
        Path abandoned = cache.newFolder("movierec", 3, "run-3");

        cache.markCurrent(second);

        ModelCache.Cached current = new ModelCache(dir, "movierec").current().orElseThrow();
        assertThat(current.folder()).isEqualTo(second);
        assertThat(current.name()).isEqualTo("movierec");
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.runId()).isNull();
        assertThat(first).doesNotExist();
        assertThat(abandoned).doesNotExist();
        assertThat(second.resolve("file")).exists();
    }

    @Test
    void theRunsExperimentIsRememberedFromTheVersionsSource() throws Exception {
        ModelCache cache = new ModelCache(dir, "movierec");
        String experiment = LoadedModel.experimentOf("mlflow-artifacts:/12/models/m-0123/artifacts/model");
        assertThat(experiment).isEqualTo("12");
        assertThat(LoadedModel.experimentOf("mlflow-artifacts:/3/0a1b/artifacts/model")).isEqualTo("3");
        assertThat(LoadedModel.experimentOf("s3://bucket/3/0a1b/artifacts/model")).isNull();
        cache.markCurrent(cache.newFolder("movierec", 4, "run-4", experiment));

        ModelCache.Cached current = new ModelCache(dir, "movierec").current().orElseThrow();
        assertThat(current.runId()).isEqualTo("run-4");
        assertThat(current.experimentId()).isEqualTo("12");
    }

    @Test
    void aPointerOutsideTheCacheOrToAMissingFolderIsIgnored() throws Exception {
        ModelCache cache = new ModelCache(dir, "movierec");
        Files.createDirectories(dir.resolve("movierec"));
        Files.writeString(dir.resolve("movierec").resolve("current"), "../../etc");
        assertThat(cache.current()).isEmpty();
        Files.writeString(dir.resolve("movierec").resolve("current"), "v9-1");
        assertThat(cache.current()).isEmpty();
    }

    @Test
    void modelNamesAreMadeSafeAsFolderNames() throws Exception {
        ModelCache cache = new ModelCache(dir, "../evil/name");
        Path folder = cache.newFolder("../evil/name", 1, "r");
        assertThat(folder.getParent()).isEqualTo(dir.resolve(".._evil_name"));
        assertThat(new ModelCache(dir, "..").newFolder("..", 1, "r").getParent()).isEqualTo(dir.resolve("__"));
    }
}
