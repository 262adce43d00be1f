package org.vigie.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The status endpoint (JDK HttpServer, no framework): {@code /healthz} (200 when the feed is alive, 503 otherwise),
 * {@code /metrics} (Prometheus text format), {@code /status.json}. Bound to loopback by default; read-only.
 */
public final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param healthy  whether the bot is healthy (feed connected and recent)
     * @param metrics  counters and gauges, named in Prometheus style without the {@code vigie_} prefix
     * @param status   the status document
     */
    public StatusServer(String bind, int port, BooleanSupplier healthy, Supplier<Map<String, Number>> metrics,
                        Supplier<Map<String, Object>> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", ex -> {
            boolean ok = healthy.getAsBoolean();
            reply(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "unhealthy\n");
        });
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                prometheus(metrics.get())));
        server.createContext("/status.json", ex -> reply(ex, 200, "application/json",
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status.get())));
        server.start();
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return server.getAddress().getPort();
    }

    static String prometheus(Map<String, Number> metrics) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Number> e : metrics.entrySet()) {
            String name = "vigie_" + e.getKey().replaceAll("[^a-zA-Z0-9_]", "_");
            sb.append("# TYPE ").append(name).append(name.endsWith("_total") ? " counter\n" : " gauge\n");
            sb.append(name).append(' ').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
