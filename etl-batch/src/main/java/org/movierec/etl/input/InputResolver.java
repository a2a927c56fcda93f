package org.movierec.etl.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.movierec.etl.load.InputLayoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an input location into a local directory of files: a directory is used as it is, a zip
 * archive is extracted (once per content), and http(s) URLs are downloaded into the cache with
 * conditional requests (ETag / Last-Modified), so an unchanged remote file is not fetched again.
 * Gzipped files stay compressed; the readers decompress them as they stream.
 */
public class InputResolver {

    private static final Logger log = LoggerFactory.getLogger(InputResolver.class);

    private final Path cacheDirectory;
    private final HttpClient http;

    public InputResolver(Path cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * @param locations one directory, one zip file, or one or more http(s) URLs (of files or zips)
     * @param sourceName names the cache folder of downloads
     */
    public Path resolve(List<String> locations, String sourceName) {
        if (locations.isEmpty()) {
            throw new InputLayoutException(sourceName + ": no input given and the source has no official download "
                    + "location; pass --input=DIRECTORY|ZIP|URL");
        }
        if (locations.stream().allMatch(InputResolver::isUrl)) {
            // One folder per list of URLs: files of another list never join this input.
            Path downloads = cacheDirectory.resolve("downloads").resolve(sourceName)
                    .resolve(Checksums.sha256(String.join("\n", locations)).substring(0, 16));
            List<Path> files = new ArrayList<>();
            for (String url : locations) {
                files.add(download(URI.create(url), downloads));
            }
            return files.size() == 1 && isZip(files.get(0)) ? extract(files.get(0)) : downloads;
        }
        if (locations.size() > 1) {
            throw new InputLayoutException(sourceName + ": several inputs must all be http(s) URLs; got " + locations);
        }
        Path path = Path.of(locations.get(0));
        if (Files.isDirectory(path)) {
            return path;
        }
        if (Files.isRegularFile(path) && isZip(path)) {
            return extract(path);
        }
        throw new InputLayoutException(sourceName + ": input " + path + " is neither a directory, a .zip archive nor "
                + "an http(s) URL" + (Files.exists(path) ? "" : " (it does not exist)"));
    }

    private static boolean isUrl(String location) {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    private static boolean isZip(Path path) {
        return path.getFileName().toString().toLowerCase().endsWith(".zip");
    }

    Path download(URI uri, Path directory) {
        Path urlPath = uri.getPath() == null || uri.getPath().isEmpty() ? null : Path.of(uri.getPath()).getFileName();
        if (urlPath == null || uri.getPath().endsWith("/")) {
            throw new InputLayoutException(uri + ": a URL of a file is needed, not of a directory");
        }
        String name = urlPath.toString();
        Path target = directory.resolve(name);
        Path metaFile = directory.resolve(name + ".http");
        Properties meta = new Properties();
        try {
            Files.createDirectories(directory);
            if (Files.exists(target) && Files.exists(metaFile)) {
                try (InputStream in = Files.newInputStream(metaFile)) {
                    meta.load(in);
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).GET();
            if (meta.getProperty("etag") != null) {
                request.header("If-None-Match", meta.getProperty("etag"));
            }
            if (meta.getProperty("last-modified") != null) {
                request.header("If-Modified-Since", meta.getProperty("last-modified"));
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 304) {
                response.body().close();
                log.info("{}: not modified since the cached copy ({}), using {}", uri, meta.getProperty("etag",
                        meta.getProperty("last-modified")), target);
                return target;
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new InputLayoutException("download of " + uri + " failed: HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            Path partial = directory.resolve(name + ".part");
            copyWithProgress(response.body(), partial, length, uri.toString());
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Properties fresh = new Properties();
            response.headers().firstValue("ETag").ifPresent(v -> fresh.setProperty("etag", v));
            response.headers().firstValue("Last-Modified").ifPresent(v -> fresh.setProperty("last-modified", v));
            try (var out = Files.newOutputStream(metaFile)) {
                fresh.store(out, uri.toString());
            }
            return target;
        } catch (IOException e) {
            if (Files.exists(target)) {
                log.warn("{}: download failed ({}); using the cached copy {}", uri, e.toString(), target);
                return target;
            }
            throw new InputLayoutException("download of " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputLayoutException("download of " + uri + " interrupted", e);
        }
    }

    private static void copyWithProgress(InputStream body, Path target, long length, String what) throws IOException {
        long started = System.nanoTime();
        long lastReport = started;
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = body; var out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                total += n;
                long now = System.nanoTime();
                if (now - lastReport > 5_000_000_000L) {
                    lastReport = now;
                    log.info("downloading {}: {} MB{}, {} MB/s", what, total >> 20,
                            length > 0 ? " (%.0f%%)".formatted(100.0 * total / length) : "",
                            "%.1f".formatted(total / 1e6 / ((now - started) / 1e9)));
                }
            }
        }
        log.info("downloaded {}: {} bytes", what, total);
    }

    /** Extracts a zip archive into the cache, once per archive content; returns its top directory. */
    Path extract(Path zip) {
        String checksum = Checksums.sha256(zip).substring(0, 16);
        String base = zip.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
        Path directory = cacheDirectory.resolve("extracted").resolve(base + "-" + checksum);
        try {
            if (!Files.exists(directory.resolve(".complete"))) {
                log.info("extracting {} into {}", zip, directory);
                Path partial = Files.createDirectories(directory.resolveSibling(directory.getFileName() + ".part"));
                try (ZipFile archive = new ZipFile(zip.toFile())) {
                    for (ZipEntry entry : java.util.Collections.list(archive.entries())) {
                        Path out = partial.resolve(entry.getName()).normalize();
                        if (!out.startsWith(partial)) {
                            throw new InputLayoutException(zip + ": entry " + entry.getName() + " points outside the archive");
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(out);
                        } else {
                            Files.createDirectories(out.getParent());
                            try (InputStream in = archive.getInputStream(entry)) {
                                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                }
                deleteRecursively(directory);
                Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
                Files.createFile(directory.resolve(".complete"));
            }
            return singleTopDirectory(directory);
        } catch (IOException e) {
            throw new InputLayoutException(zip + ": not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    private static Path singleTopDirectory(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            List<Path> entries = children.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            return entries.size() == 1 && Files.isDirectory(entries.get(0)) ? entries.get(0) : directory;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
