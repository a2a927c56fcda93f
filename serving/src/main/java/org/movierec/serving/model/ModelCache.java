package org.movierec.serving.model;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The local copies of downloaded versions: {@code <cache-dir>/<model name>/v<version>-<millis>/} holds
 * {@code model/}, {@code evaluation.json} when the run has one, and {@code version.properties}; the file
 * {@code current} names the folder of the last version loaded, so a restart with MLflow down loads it again.
 * Older folders are deleted once a newer version is in service.
 *
 * <p>A folder becomes current only once it is complete: its files' SHA-256 are written to {@code files.sha256}, the
 * files and that list are flushed to disk, and only then is {@code current} replaced (a rename, atomic). A process
 * killed during a download or a swap leaves {@code current} naming the previous complete folder. {@link #current()}
 * checks every file against the list, so a cached file torn or changed since (a crash of the machine before the disk
 * had it, a full disk, a hand edit) is refused as {@link TornCacheException} rather than served; the updater then
 * fetches the version from the registry again.
 */
final class ModelCache {

    static final String MODEL = "model";
    static final String EVALUATION = "evaluation.json";
    private static final String POINTER = "current";
    private static final String ABOUT = "version.properties";
    static final String CHECKSUMS = "files.sha256";

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

    /**
     * Records the checksums of {@code folder}'s files (unless a copy brought them), flushes the folder to disk, points
     * {@code current} at it (atomically) and deletes the other folders.
     */
    void markCurrent(Path folder) throws IOException {
        Path checksums = folder.resolve(CHECKSUMS);
        if (!Files.isRegularFile(checksums)) {
            StringBuilder list = new StringBuilder();
            for (Path file : files(folder)) {
                list.append(sha256(file)).append("  ").append(relative(folder, file)).append('\n');
            }
            Files.writeString(checksums, list);
        }
        for (Path file : files(folder)) {
            force(file);
        }
        force(checksums);
        force(folder);
        Path temp = root.resolve(POINTER + ".tmp");
        Files.writeString(temp, folder.getFileName().toString());
        force(temp);
        Files.move(temp, root.resolve(POINTER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        force(root);
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(Files::isDirectory).filter(other -> !other.equals(folder)).forEach(ModelCache::delete);
        }
    }

    /**
     * The folder of the last version loaded, with its name, version and run id; empty when there is none.
     *
     * @throws TornCacheException when a file of it is missing or differs from its checksum
     */
    Optional<Cached> current() throws IOException {
        Path pointer = root.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Path folder = root.resolve(Files.readString(pointer).strip());
        if (!folder.normalize().startsWith(root) || !Files.isRegularFile(folder.resolve(ABOUT))) {
            return Optional.empty();
        }
        verify(folder);
        Properties about = new Properties();
        try (var in = Files.newInputStream(folder.resolve(ABOUT))) {
            about.load(in);
        }
        String runId = about.getProperty("runId", "");
        String experimentId = about.getProperty("experimentId", "");
        return Optional.of(new Cached(folder, about.getProperty("name"), Integer.parseInt(about.getProperty("version")),
                runId.isEmpty() ? null : runId, experimentId.isEmpty() ? null : experimentId));
    }

    /** Forgets the current folder (a torn one): deletes it and the pointer, so the next download starts afresh. */
    void discard(Path folder) throws IOException {
        Files.deleteIfExists(root.resolve(POINTER));
        delete(folder);
    }

    /**
     * Checks each file listed in the folder's {@code files.sha256}; a folder cached before the list was kept has none
     * and is taken as it is (its arrays' sizes are still checked when the model is read).
     */
    static void verify(Path folder) throws IOException {
        Path checksums = folder.resolve(CHECKSUMS);
        if (!Files.isRegularFile(checksums)) {
            return;
        }
        List<String> lines = Files.readAllLines(checksums, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int gap = line.indexOf("  ");
            if (gap != 64) {
                throw new TornCacheException(folder, checksums + " line " + (n + 1) + ": expected '<sha-256>  <file>', got '"
                        + line + "'");
            }
            Path file = folder.resolve(line.substring(gap + 2)).normalize();
            if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
                throw new TornCacheException(folder, folder.relativize(file) + " is missing from the cached folder " + folder);
            }
            String actual = sha256(file);
            if (!actual.equals(line.substring(0, gap))) {
                throw new TornCacheException(folder, file + " does not match its checksum in " + CHECKSUMS + " (sha-256 "
                        + actual + ", expected " + line.substring(0, gap) + "): torn or changed since it was cached");
            }
        }
    }

    /** The regular files under {@code folder} that the checksums cover: all but the list and the version's about. */
    private static List<Path> files(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).sorted().forEach(file -> {
                String name = folder.relativize(file).toString();
                if (!name.equals(CHECKSUMS) && !name.equals(ABOUT)) {
                    files.add(file);
                }
            });
        }
        return files;
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace(File.separatorChar, '/');
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Flushes a file, or a folder's entries, to the disk (a folder that cannot be opened for it is left as it is). */
    private static void force(Path path) throws IOException {
        boolean folder = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, folder ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!folder) {
                throw e;
            }
        }
    }

    /** A cached folder whose files are not those that were cached: it must not be served. */
    static final class TornCacheException extends IOException {

        private final transient Path folder;

        TornCacheException(Path folder, String message) {
            super(message);
            this.folder = folder;
        }

        /** The cached folder refused. */
        Path folder() {
            return folder;
        }
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
