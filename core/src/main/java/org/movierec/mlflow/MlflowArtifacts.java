package org.movierec.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Uploads, lists and downloads artifacts through an MLflow tracking server's artifact proxy
 * ({@code mlflow server --serve-artifacts}), by plain HTTP: no Python, no direct access to the artifact store.
 *
 * <p>Locations are MLflow artifact URIs as the server hands them out, e.g. a run's
 * {@code mlflow-artifacts:/1/<runId>/artifacts} or a model version's source
 * {@code mlflow-artifacts:/1/<runId>/artifacts/model}; {@link #resolve} appends a relative path. The artifact
 * store keeps files only: an empty directory is not uploaded.
 */
public final class MlflowArtifacts {

    static final String SCHEME = "mlflow-artifacts:";
    private static final String ARTIFACTS = MlflowHttp.API + "mlflow-artifacts/artifacts";

    private final MlflowHttp http;

    /**
     * With the credentials of {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}, when set.
     *
     * @param baseUrl the tracking server, e.g. {@code http://127.0.0.1:5000}
     */
    public MlflowArtifacts(String baseUrl) {
        this(baseUrl, MlflowCredentials.fromEnvironment());
    }

    /**
     * @param baseUrl     the tracking server, e.g. {@code http://127.0.0.1:5000}
     * @param credentials the MLflow user's login ({@link MlflowCredentials#NONE}: none)
     */
    public MlflowArtifacts(String baseUrl, MlflowCredentials credentials) {
        this(new MlflowHttp(baseUrl, credentials));
    }

    MlflowArtifacts(MlflowHttp http) {
        this.http = http;
    }

    /** Fails fast with "MLflow tracking server at URL is not reachable: ..." when the server does not answer. */
    public void ping() {
        http.ping();
    }

    /** {@code artifactUri} followed by the relative path {@code relative} ("a/b.txt"). */
    public static String resolve(String artifactUri, String relative) {
        String base = artifactUri.endsWith("/") ? artifactUri.substring(0, artifactUri.length() - 1) : artifactUri;
        String rest = relative.startsWith("/") ? relative.substring(1) : relative;
        return rest.isEmpty() ? base : base + "/" + rest;
    }

    /** Uploads one local file so that it becomes the artifact {@code targetUri}. */
    public void uploadFile(Path file, String targetUri) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("artifact upload: " + file + " is not a readable file");
        }
        http.putFile(ARTIFACTS + "/" + encodePath(proxyPath(targetUri)), file);
    }

    /** Uploads every file under {@code directory}, keeping its relative path below {@code targetUri}. Returns the count. */
    public int uploadDirectory(Path directory, String targetUri) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("artifact upload: " + directory + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("artifact upload: cannot read " + directory + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            uploadFile(file, resolve(targetUri, relative));
        }
        return files.size();
    }

    /** The entries directly under the artifact directory {@code directoryUri}; empty when there is none. */
    public List<ArtifactFile> list(String directoryUri) {
        JsonNode answer = http.get(ARTIFACTS, Map.of("path", proxyPath(directoryUri)));
        List<ArtifactFile> files = new ArrayList<>();
        for (JsonNode file : answer.path("files")) {
            String name = MlflowHttp.text(file, "path");
            boolean directory = file.path("is_dir").asBoolean(false);
            files.add(new ArtifactFile(name, directory, directory ? 0 : file.path("file_size").asLong(0)));
        }
        return files;
    }

    /** Downloads the artifact file {@code fileUri} to {@code target}, replacing what is there. */
    public void downloadFile(String fileUri, Path target) {
        http.downloadTo(ARTIFACTS + "/" + encodePath(proxyPath(fileUri)), target);
    }

    /**
     * Downloads everything under the artifact directory {@code directoryUri} into {@code targetDirectory},
     * keeping relative paths. Returns the number of files; fails when the directory holds none.
     */
    public int downloadDirectory(String directoryUri, Path targetDirectory) {
        int count = downloadTree(directoryUri, targetDirectory);
        if (count == 0) {
            throw new MlflowException("MLflow artifacts: no files under " + directoryUri + " (" + http.baseUrl() + ")",
                    404, null, null);
        }
        return count;
    }

    private int downloadTree(String directoryUri, Path targetDirectory) {
        int count = 0;
        for (ArtifactFile entry : list(directoryUri)) {
            String name = entry.name();
            if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                    || name.contains("\\")) {
                throw new MlflowException("MLflow artifacts: unexpected entry name '" + name + "' listed under "
                        + directoryUri, 0, null, null);
            }
            String child = resolve(directoryUri, name);
            Path local = targetDirectory.resolve(name);
            if (entry.directory()) {
                count += downloadTree(child, local);
            } else {
                downloadFile(child, local);
                count++;
            }
        }
        return count;
    }

    /**
     * The artifact proxy's path for an {@code mlflow-artifacts:} URI: {@code mlflow-artifacts:/1/r/artifacts}
     * and {@code mlflow-artifacts://host:5000/1/r/artifacts} both give {@code 1/r/artifacts}. The host of the
     * second form is not used: requests go to this client's server.
     */
    static String proxyPath(String artifactUri) {
        if (artifactUri == null || !artifactUri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("artifact URI: expected an " + SCHEME
                    + " URI (artifacts served by the tracking server), got '" + artifactUri + "'");
        }
        String rest = artifactUri.substring(SCHEME.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("artifact URI: '" + artifactUri + "' must not contain . or .. segments");
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("artifact URI: '" + artifactUri + "' names no path below the artifact root");
        }
        return String.join("/", segments);
    }

    /** Percent-encodes each segment of a slash-separated path (RFC 3986 unreserved characters stay as they are). */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
