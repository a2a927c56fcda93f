package org.movierec.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web page's files are served without credentials, with their types, and the page references only its own
 * assets (no CDN); the API document lists the catalog endpoints the page calls.
 */
class WebPageAssetsTest extends ApiTest {

    @LocalServerPort
    private int port;

    @Test
    void thePageAndItsAssetsArePublic() {
        Reply root = get("/", ANONYMOUS);
        assertThat(root.status()).as(root.text()).isEqualTo(200);
        assertThat(root.headers().getContentType().toString()).startsWith("text/html");
        assertThat(root.text()).contains("<script type=\"module\" src=\"/assets/app.js\">")
                .contains("href=\"/assets/app.css\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/index.html", ANONYMOUS).status()).isEqualTo(200);
        Reply script = get("/assets/app.js", ANONYMOUS);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().getContentType().toString()).contains("javascript");
        assertThat(script.text()).contains("/api/auth/token").doesNotContain("innerHTML");
        Reply style = get("/assets/app.css", ANONYMOUS);
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.headers().getContentType().toString()).startsWith("text/css");
        assertThat(root.text().length() + script.text().length() + style.text().length()).as("bytes of the page")
                .isLessThan(60_000);
    }

    @Test
    void otherPathsStayClosed() {
        assertThat(get("/assets/../application.yml", ANONYMOUS).status()).isIn(400, 401, 404);
        assertThat(get("/anything-else", ANONYMOUS).status()).isEqualTo(401);
        assertThat(call(org.springframework.http.HttpMethod.POST, "/assets/app.js", ANONYMOUS, "{}").status())
                .isEqualTo(401);
    }

    @Test
    void theApiDocumentListsTheCatalog() {
        var paths = get("/v3/api-docs", ANONYMOUS).body().path("paths");
        assertThat(paths.has("/api/movies")).isTrue();
        assertThat(paths.has("/api/movies/{movieId}")).isTrue();
    }

    /** A Basic challenge would make the browser show its own login dialog over the page. */
    @Test
    void scriptsThatSaySoGetNoBasicChallenge() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String authorization : new String[] {null, "Bearer not.a.token", "Basic bm9ib2R5Om5vdGhpbmc="}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users/1"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> plain = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(401);
            assertThat(plain.headers().allValues("WWW-Authenticate")).as(authorization).contains("Basic realm=\"movierec\"");
            HttpResponse<String> script = client.send(request.header("X-Requested-With", "XMLHttpRequest").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(script.statusCode()).isEqualTo(401);
            assertThat(script.headers().allValues("WWW-Authenticate")).as(authorization)
                    .noneMatch(value -> value.startsWith("Basic"));
            assertThat(script.body()).contains("\"detail\"");
        }
    }
}
