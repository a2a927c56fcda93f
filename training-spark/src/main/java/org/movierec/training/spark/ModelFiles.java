package org.movierec.training.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.broadcast.Broadcast;
import org.movierec.model.IdIndex;
import org.movierec.model.ModelManifest;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.training.eval.RemappedRecommender;
import org.springframework.util.FileSystemUtils;

/**
 * A model in the saved-model format as bytes (file name to content), so Spark can broadcast any model type
 * to its executors and each executor load it with {@link SavedModels#load}, as serving does.
 */
final class ModelFiles implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The models an executor has loaded, by broadcast id: a run evaluates one or two (candidate, champion). */
    private static final Map<Long, Recommender> LOADED = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Recommender> eldest) {
            return size() > 2;
        }
    };

    private final LinkedHashMap<String, byte[]> files;

    private ModelFiles(LinkedHashMap<String, byte[]> files) {
        this.files = files;
    }

    static ModelFiles of(Recommender model) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("movierec-model-");
            SavedModels.save(model, ModelManifest.of(model.type(), Map.of(), Instant.now()), dir.resolve("model"));
            LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
            Path root = dir.resolve("model");
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path file : paths.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
            return new ModelFiles(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model's files for the executors: " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    /** The broadcast model, loaded once per executor, seen on the catalogue's items (ascending movie ids). */
    static Recommender loadOnCatalogue(Broadcast<ModelFiles> files, Broadcast<long[]> catalogue) {
        synchronized (LOADED) {
            Recommender model = LOADED.get(files.id());
            if (model == null) {
                model = RemappedRecommender.onItems(files.value().load(), IdIndex.fromSorted(catalogue.value()));
                LOADED.put(files.id(), model);
            }
            return model;
        }
    }

    private Recommender load() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("movierec-model-");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            return SavedModels.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the broadcast model: " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir != null) {
            try {
                FileSystemUtils.deleteRecursively(dir);
            } catch (IOException e) {
                // a temporary folder left behind is not worth failing the evaluation for
            }
        }
    }
}
