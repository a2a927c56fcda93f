package org.movierec.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void theChecksumsOfACurrentFolderAreKeptAndAChangedOrMissingFileIsRefused() throws Exception {
        ModelCache cache = new ModelCache(dir, "movierec");
        Path folder = cache.newFolder("movierec", 5, "run-5");
        Files.createDirectories(folder.resolve("model"));
        Files.write(folder.resolve("model/factors.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.writeString(folder.resolve("evaluation.json"), "{}");
        cache.markCurrent(folder);

        // sha-256 of the 8 bytes 1..8 and of "{}", worked out with sha256sum
        assertThat(Files.readAllLines(folder.resolve(ModelCache.CHECKSUMS))).containsExactly(
                "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a  evaluation.json",
                "66840dda154e8a113c31dd0ad32f7f3a366a80e8136979d8f5a101d3d29d6f72  model/factors.bin");
        assertThat(cache.current()).map(ModelCache.Cached::version).contains(5);

        Files.write(folder.resolve("model/factors.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 9});   // same size
        assertThatThrownBy(cache::current).isInstanceOf(ModelCache.TornCacheException.class)
                .hasMessageContaining("factors.bin does not match its checksum")
                .satisfies(e -> assertThat(((ModelCache.TornCacheException) e).folder()).isEqualTo(folder));

        Files.delete(folder.resolve("model/factors.bin"));
        assertThatThrownBy(cache::current).isInstanceOf(ModelCache.TornCacheException.class)
                .hasMessageContaining("model/factors.bin is missing");

        cache.discard(folder);
        assertThat(cache.current()).isEmpty();
        assertThat(folder).doesNotExist();
    }

    @Test
    void aCopyForTheOtherRoleKeepsTheChecksumsAndAFolderCachedWithoutThemIsTakenAsItIs() throws Exception {
        ModelCache ranker = new ModelCache(dir, "movierec");
        Path folder = ranker.newFolder("movierec", 6, "run-6");
        Files.writeString(folder.resolve("evaluation.json"), "{\"metrics\": {}}");
        ranker.markCurrent(folder);
        ModelCache predictor = new ModelCache(dir.resolve("predictor-champion"), "movierec");
        Path copy = predictor.copyOf(ranker.current().orElseThrow());
        predictor.markCurrent(copy);
        assertThat(Files.readString(copy.resolve(ModelCache.CHECKSUMS)))
                .isEqualTo(Files.readString(folder.resolve(ModelCache.CHECKSUMS)));
        assertThat(predictor.current()).map(ModelCache.Cached::version).contains(6);

        Files.delete(copy.resolve(ModelCache.CHECKSUMS));
        Files.writeString(copy.resolve("evaluation.json"), "changed, unseen without checksums");
        assertThat(predictor.current()).map(ModelCache.Cached::version).contains(6);
    }
}
