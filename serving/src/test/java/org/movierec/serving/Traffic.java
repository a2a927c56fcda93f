package org.movierec.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Requests sent over real HTTP by a few threads, each as fast as answers come, until {@link #stop}; every answer is
 * recorded ({@link Answer}), a request that got none as status 0.
 */
final class Traffic {

    /** One kind of request: its name and, for the n-th request of that kind, the request. */
    record Kind(String name, int threads, IntFunction<HttpRequest> request) {
    }

    /** What the {@code n}-th request of a kind got. */
    record Answer(String kind, int n, int status, String retryAfter, String contentType, String body,
            long startNanos, long endNanos) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Traffic(List<Kind> kinds) {
        for (Kind kind : kinds) {
            AtomicInteger counter = new AtomicInteger();
            for (int t = 0; t < kind.threads(); t++) {
                Thread thread = new Thread(() -> {
                    while (running) {
                        int n = counter.getAndIncrement();
                        answers.add(send(kind.name(), n, kind.request().apply(n)));
                    }
                }, "traffic-" + kind.name() + "-" + t);
                threads.add(thread);
                thread.start();
            }
        }
    }

    private Answer send(String kind, int n, HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(kind, n, response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null), response.body(), start,
                    System.nanoTime());
        } catch (IOException e) {
            return new Answer(kind, n, 0, null, null, e.toString(), start, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(kind, n, 0, null, null, e.toString(), start, System.nanoTime());
        }
    }

    /** Stops sending and waits for the answers of the requests in flight. */
    List<Answer> stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
        return List.copyOf(answers);
    }

    /** The answers recorded so far. */
    List<Answer> soFar() {
        return List.copyOf(answers);
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    }

    /** Statuses per kind, "kind status: count", for the messages of failed assertions and the test's output. */
    static String summary(List<Answer> answers) {
        Map<String, Long> counts = answers.stream().collect(Collectors.groupingBy(
                a -> a.kind() + " " + a.status(), TreeMap::new, Collectors.counting()));
        return counts.toString();
    }
}
