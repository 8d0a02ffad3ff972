package io.github.switchboard.eescenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The application's HTTP side: its counters ({@code GET /api/stats}) and plain requests. */
public final class Http {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Http() {
    }

    /** {@code GET base+path}, which must answer 200; its body. */
    public static String get(URI base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** {@code POST base+path} with a text body; the response. */
    public static HttpResponse<String> post(URI base, String path, String text) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The application's counters. */
    public static Map<String, Integer> stats(URI base) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (String pair : get(base, "/api/stats").trim().split(" ")) {
            String[] kv = pair.split("=");
            out.put(kv[0], Integer.parseInt(kv[1]));
        }
        return out;
    }

    /** Polls the counters until {@code done} holds; fails after the client timeout. */
    public static Map<String, Integer> awaitStats(URI base, Predicate<Map<String, Integer>> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(Client.TIMEOUT_SECONDS).toNanos();
        Map<String, Integer> s = stats(base);
        while (!done.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stats never reached the expected values: " + s);
            }
            // The counters live in the deployed application, behind HTTP: no latch reaches
            // them, so this polls; the deadline, not the interval, decides a failure.
            Thread.sleep(50);
            s = stats(base);
        }
        return s;
    }
}
