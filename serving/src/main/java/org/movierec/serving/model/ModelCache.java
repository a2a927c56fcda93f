package org.movierec.serving.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The local copies of downloaded versions: {@code <cache-dir>/<model name>/v<version>-<millis>/} holds
 * {@code model/}, {@code evaluation.json} when the run has one, and {@code version.properties}; the file
 * {@code current} names the folder of the last version loaded, so a restart with MLflow down loads it again.
 * Older folders are deleted once a newer version is in service.
 */
final class ModelCache {

    static final String MODEL = "model";
    static final String EVALUATION = "evaluation.json";
    private static final String POINTER = "current";
    private static final String ABOUT = "version.properties";

    private final Path root;

    ModelCache(Path cacheDir, String modelName) {
        String folder = modelName.replaceAll("[^A-Za-z0-9._-]", "_");
        this.root = cacheDir.resolve(folder.matches("\\.*") ? folder.replace('.', '_') : folder);
    }

    /** A fresh, empty folder for one download of {@code version}. */
    Path newFolder(String name, int version, String runId) throws IOException {
        return newFolder(name, version, runId, null);
    }

    /** A fresh, empty folder for one download of {@code version}, whose run is in {@code experimentId}. */
    Path newFolder(String name, int version, String runId, String experimentId) throws IOException {
        Files.createDirectories(root);
        Path folder = Files.createDirectory(root.resolve("v" + version + "-" + System.nanoTime()));
        Properties about = new Properties();
        about.setProperty("name", name);
        about.setProperty("version", Integer.toString(version));
        about.setProperty("runId", runId == null ? "" : runId);
        about.setProperty("experimentId", experimentId == null ? "" : experimentId);
        try (var out = Files.newOutputStream(folder.resolve(ABOUT))) {
            about.store(out, "a registered model version downloaded from MLflow");
        }
        return folder;
    }

    /**
     * A fresh folder holding what {@code cached} (another cache's folder) holds: its files linked where the file
     * system allows it (one copy on disk), else copied.
     */
    Path copyOf(Cached cached) throws IOException {
        Path folder = newFolder(cached.name(), cached.version(), cached.runId());
        try (Stream<Path> walk = Files.walk(cached.folder())) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = folder.resolve(cached.folder().relativize(source).toString());
                if (source.equals(cached.folder()) || source.getFileName().toString().equals(ABOUT)) {
                    continue;
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.createLink(target, source);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(source, target);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
        return folder;
    }

    /** Points {@code current} at {@code folder} (atomically) and deletes the other folders. */
    void markCurrent(Path folder) throws IOException {
        Path temp = root.resolve(POINTER + ".tmp");
        Files.writeString(temp, folder.getFileName().toString());
        Files.move(temp, root.resolve(POINTER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(Files::isDirectory).filter(other -> !other.equals(folder)).forEach(ModelCache::delete);
        }
    }

    /** The folder of the last version loaded, with its name, version and run id; empty when there is none. */
    Optional<Cached> current() throws IOException {
        Path pointer = root.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Path folder = root.resolve(Files.readString(pointer).strip());
        if (!folder.normalize().startsWith(root) || !Files.isRegularFile(folder.resolve(ABOUT))) {
            return Optional.empty();
        }
        Properties about = new Properties();
        try (var in = Files.newInputStream(folder.resolve(ABOUT))) {
            about.load(in);
        }
        String runId = about.getProperty("runId", "");
        String experimentId = about.getProperty("experimentId", "");
        return Optional.of(new Cached(folder, about.getProperty("name"), Integer.parseInt(about.getProperty("version")),
                runId.isEmpty() ? null : runId, experimentId.isEmpty() ? null : experimentId));
    }

    /** Removes a folder and everything in it; a folder already gone is fine. */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover folder costs disk only; the next markCurrent tries again
        }
    }

    /** A cached version; {@code experimentId} is null when unknown (cached before it was kept). */
    record Cached(Path folder, String name, int version, String runId, String experimentId) {
    }
}
