package org.movierec.etl.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.etl.load.InputLayoutException;

/** Input locations: directories, zip archives and http(s) downloads over a real local HTTP server. */
class InputResolverTest {

    @TempDir
    Path cache;

    @TempDir
    Path work;

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private byte[] archive;
    private String etag = "\"v1\"";

    @BeforeEach
    void startServer() throws IOException {
        archive = zip("ml-tiny/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Animation\n");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ml-tiny.zip", exchange -> {
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(ifNoneMatch == null ? "GET" : "GET If-None-Match " + ifNoneMatch);
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, archive.length);
                exchange.getResponseBody().write(archive);
            }
            exchange.close();
        });
        server.createContext("/missing.zip", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void downloadsOnceAndAsksWithTheEtagAfterwards() {
        InputResolver resolver = new InputResolver(cache);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ml-tiny.zip";

        Path first = resolver.resolve(List.of(url), "movielens");
        Path second = resolver.resolve(List.of(url), "movielens");

        assertThat(first).isEqualTo(second).endsWith(Path.of("ml-tiny"));
        assertThat(first.resolve("movies.csv")).content().contains("Toy Story (1995)");
        assertThat(requests).containsExactly("GET", "GET If-None-Match \"v1\"");
    }

    @Test
    void aChangedRemoteFileIsFetchedAndExtractedAgain() throws IOException {
        InputResolver resolver = new InputResolver(cache);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ml-tiny.zip";
        resolver.resolve(List.of(url), "movielens");

        archive = zip("ml-tiny/movies.csv", "movieId,title,genres\n2,Jumanji (1995),Adventure\n");
        etag = "\"v2\"";
        Path changed = resolver.resolve(List.of(url), "movielens");

        assertThat(changed.resolve("movies.csv")).content().contains("Jumanji");
        assertThat(requests).containsExactly("GET", "GET If-None-Match \"v1\"");
    }

    @Test
    void aFailedDownloadNamesTheUrl() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/missing.zip";
        assertThatThrownBy(() -> new InputResolver(cache).resolve(List.of(url), "movielens"))
                .isInstanceOf(InputLayoutException.class).hasMessage("download of " + url + " failed: HTTP 404");
    }

    @Test
    void aLocalZipIsExtractedAndADirectoryUsedAsItIs() throws IOException {
        Path zip = Files.write(work.resolve("release.zip"), archive);
        assertThat(new InputResolver(cache).resolve(List.of(zip.toString()), "movielens").resolve("movies.csv")).exists();
        assertThat(new InputResolver(cache).resolve(List.of(work.toString()), "movielens")).isEqualTo(work);
    }

    @Test
    void anUnreadableArchiveIsAnErrorNamingIt() throws IOException {
        Path zip = Files.writeString(work.resolve("broken.zip"), "this is not a zip");
        assertThatThrownBy(() -> new InputResolver(cache).resolve(List.of(zip.toString()), "movielens"))
                .isInstanceOf(InputLayoutException.class).hasMessageContaining("broken.zip");
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
