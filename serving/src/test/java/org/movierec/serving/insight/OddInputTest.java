package org.movierec.serving.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Whatever a client sends to the insight endpoints, the answer is never a 5xx and nothing is changed. */
class OddInputTest extends InsightHttpTest {

    private static final List<String> ODD = List.of("", " ", "\t", "'", "\"", "'; drop table tmdb_movies; --",
            "' or '1'='1", "%", "_", "\\", "%_\\'", "null", "NaN", "-Infinity", "1e400", "-0", "99999999999999999999",
            "ñandú", "日本", "😀", "\u0000", "\u202e", "x".repeat(5000));
    /** Every endpoint with its parameters; an odd value is tried in each parameter, the others left valid. */
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] {"/api/insights/catalog/longest", "durationType", "min", "year", "2020", "platform", "netflix"},
            new String[] {"/api/insights/catalog/scored", "platform", "netflix", "year", "2020", "score", "3",
                "source", "catalog"},
            new String[] {"/api/insights/catalog/types", "platform", "netflix"},
            new String[] {"/api/insights/catalog/top-cast-member", "platform", "netflix", "year", "2020"},
            new String[] {"/api/insights/tmdb/releases", "month", "enero", "weekday", "lunes"},
            new String[] {"/api/insights/tmdb/titles/popularity", "title", "Hamlet", "year", "1996"},
            new String[] {"/api/insights/tmdb/titles/votes", "title", "Hamlet", "year", "1996"},
            new String[] {"/api/insights/tmdb/actors", "name", "Tom Hanks"},
            new String[] {"/api/insights/tmdb/directors", "name", "Robert Zemeckis"});

    @Autowired
    JdbcClient jdbc;

    @Test
    void oddValuesInEveryParameterNeverGiveAServerError() {
        for (String[] endpoint : ENDPOINTS) {
            for (int p = 1; p < endpoint.length; p += 2) {
                for (String odd : ODD) {
                    String[] parameters = Arrays.copyOfRange(endpoint, 1, endpoint.length);
                    parameters[p] = odd;
                    Answer answer = get(endpoint[0], parameters);
                    assertThat(answer.status()).as("%s %s=%s: %s", endpoint[0], endpoint[p],
                            InvalidParameterException.echo(odd), answer.text()).isBetween(200, 499);
                }
            }
        }
        assertThat(jdbc.sql("select count(*) from tmdb_movies").query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void malformedQueriesNeverGiveAServerError() {
        for (String query : List.of("?title=%ZZ", "?title=%", "?title=a&title=b", "?title", "?=x", "?title=%C3",
                "?title=" + "y".repeat(20_000), "?year=1&year=2&title=Hamlet")) {
            int status = rawStatus("/api/insights/tmdb/titles/popularity" + query);
            assertThat(status).as(query.length() > 60 ? query.substring(0, 60) : query).isBetween(200, 499);
        }
        // undecodable percent escapes are answered by the insight problem handler, naming the query
        assertThat(rawStatus("/api/insights/tmdb/titles/popularity?title=%ZZ")).isEqualTo(400);
    }

    /** The status of a GET written byte for byte on a socket: a request no URI class would let through. */
    private int rawStatus(String target) {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + target + " failed", e);
        }
    }
}
