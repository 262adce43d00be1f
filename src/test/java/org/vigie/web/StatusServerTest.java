package org.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StatusServerTest {

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzFollowsTheFeedAndMetricsAreInPrometheusText() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(true);
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("changes_total", 42);
        m.put("queue_depth", 3);
        try (StatusServer s = new StatusServer("127.0.0.1", 0, healthy::get, () -> m,
                () -> Map.of("feed", "connected", "changes", 42))) {
            assertEquals(200, get(s.port(), "/healthz").statusCode());
            healthy.set(false);
            assertEquals(503, get(s.port(), "/healthz").statusCode());
            String metrics = get(s.port(), "/metrics").body();
            assertTrue(metrics.contains("# TYPE vigie_changes_total counter\nvigie_changes_total 42\n"), metrics);
            assertTrue(metrics.contains("# TYPE vigie_queue_depth gauge\nvigie_queue_depth 3\n"), metrics);
            String json = get(s.port(), "/status.json").body();
            assertTrue(json.contains("\"changes\" : 42"), json);
        }
    }
}
