package org.vigie.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigie.i18n.Templates;
import org.vigie.feed.FeedStats;

/**
 * The web side (JDK HttpServer, no framework), every path under {@code web.base}:
 * <ul>
 *   <li>{@code /} the live alerts (the last {@link LiveAlerts#KEPT} rendered by the server, new ones by
 *       Server-Sent Events from {@code /events});</li>
 *   <li>{@code /lists} a read-only look-up across the lists with the audit trail;</li>
 *   <li>{@code /status} the bot's state with the alerts-per-minute chart, {@code /status.json} the same as JSON;</li>
 *   <li>{@code /metrics} (Prometheus), {@code /healthz} (200, or 503 with the reason);</li>
 *   <li>{@code /static/vigie.js} and {@code /static/vigie.css}, the only script and style the pages may use.</li>
 * </ul>
 * Every answer carries a strict Content-Security-Policy. A live page holds one thread while it is open; at most
 * {@code web.clients} are, the others are refused at once with 503, and the pages keep threads of their own.
 *
 * <p>Two guards for a server on the operator's own machine: a request whose {@code Host} names neither an IP address,
 * {@code localhost} nor one of {@link #allowHosts the names allowed} ({@code web.hosts}) is refused with 421, so a
 * hostile web site whose name a DNS rebinding points at 127.0.0.1 cannot read the pages from the operator's browser;
 * and a client has {@value #MAX_REQUEST_SECONDS} s to send its request line and headers, after which the JDK server
 * closes the connection ({@code sun.net.httpserver.maxReqTime}, unless set on the command line), so slow clients
 * cannot hold the page threads for long.
 */
public final class WebServer implements AutoCloseable {

    /** Longest look-up accepted on {@code /lists}. */
    static final int MAX_QUERY = 255;
    /** Threads for the pages besides those held by live viewers. */
    private static final int PAGE_THREADS = 8;
    /** A comment line on an idle live stream, so that a closed page frees its thread. */
    static final long KEEP_ALIVE_MILLIS = 5_000;
    /** Seconds a client has to send its request line and headers. */
    static final int MAX_REQUEST_SECONDS = 10;

    static {
        // read once by the JDK's server when its first instance starts; a value given with -D wins
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        }
    }

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService sampler;
    private final String base;
    private final WebSource source;
    private final LiveAlerts alerts;
    private final Pages pages;
    private final WebMetrics metrics;
    private final Clock clock;
    private final Map<String, byte[]> statics = new HashMap<>();
    /** Feed line counts sampled every few seconds, for lines per second over the last minute. */
    private final Map<String, ArrayDeque<long[]>> samples = new HashMap<>();
    /** Host names (lower case, no port) accepted besides IP addresses and {@code localhost}. */
    private volatile Set<String> hosts = Set.of();

    /**
     * @param bind   address to listen on ({@code 127.0.0.1} by default)
     * @param port   port, 0 for any free one ({@link #port()} tells which)
     * @param base   path prefix behind a reverse proxy ({@code /vigie}), or {@code ""}
     * @param jvmMetrics whether {@code /metrics} carries the JVM's metrics too
     */
    public WebServer(String bind, int port, String base, Templates templates, WebSource source, LiveAlerts alerts,
                     Clock clock, boolean jvmMetrics) throws IOException {
        this.base = normaliseBase(base);
        this.source = source;
        this.alerts = alerts;
        this.clock = clock;
        this.pages = new Pages(templates, this.base);
        this.metrics = new WebMetrics(source, alerts, jvmMetrics);
        for (String f : List.of("vigie.js", "vigie.css")) {
            try (InputStream in = WebServer.class.getResourceAsStream(f)) {
                if (in == null) {
                    throw new IOException("web resource missing from the jar: " + f);
                }
                statics.put(f, in.readAllBytes());
            }
        }
        server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        AtomicInteger n = new AtomicInteger();
        int threads = alerts.maxViewers() + PAGE_THREADS;
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext(this.base.isEmpty() ? "/" : this.base, this::handle);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "web-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, 2, TimeUnit.SECONDS);
        server.start();
    }

    /** {@code ""}, or {@code /a/b} without a trailing slash. */
    static String normaliseBase(String base) {
        String b = base == null ? "" : base.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        if (!b.isEmpty() && !b.startsWith("/")) {
            b = "/" + b;
        }
        return b;
    }

    /**
     * The host names a browser may use to reach the pages besides IP addresses and {@code localhost} ({@code web.hosts}:
     * the public name behind a reverse proxy that passes the browser's {@code Host}).
     */
    public void allowHosts(java.util.Collection<String> names) {
        java.util.HashSet<String> s = new java.util.HashSet<>();
        for (String n : names) {
            String h = n.strip().toLowerCase(Locale.ROOT);
            if (!h.isEmpty()) {
                s.add(h);
            }
        }
        hosts = Set.copyOf(s);
    }

    /**
     * Whether a request's {@code Host} header is one the pages answer: absent (HTTP/1.0), an IP address (v4, or v6 in
     * brackets), {@code localhost}, or an allowed name; the port is not looked at.
     */
    boolean hostAllowed(String header) {
        if (header == null) {
            return true;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            String inside = h.substring(1, end);
            return !inside.isEmpty() && inside.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        }
        int colon = h.indexOf(':');
        name = colon < 0 ? h : h.substring(0, colon);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || hosts.contains(name)) {
            return true;
        }
        return isIpv4(name);
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address of the alerts page, for the start line: {@code http://127.0.0.1:8080/}. */
    public String address() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + base + "/";
    }

    // ------------------------------------------------------------------ routing

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "GET or HEAD only\n");
                return;
            }
            if (!hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
                send(ex, 421, "text/plain; charset=utf-8", pages.hostRefused() + "\n");
                return;
            }
            URI uri = ex.getRequestURI();
            String path = uri.getRawPath();
            if (!path.startsWith(base)) {
                send(ex, 404, "text/html; charset=utf-8", pages.notFound());
                return;
            }
            String rel = path.substring(base.length());
            if (rel.isEmpty()) {
                ex.getResponseHeaders().set("Location", base + "/");
                send(ex, 308, "text/plain; charset=utf-8", base + "/\n");
                return;
            }
            Map<String, String> q = query(uri.getRawQuery());
            switch (rel) {
                case "/" -> send(ex, 200, "text/html; charset=utf-8", pages.alerts(alerts.recent(),
                        new Pages.Filter(q.get("wiki"), q.get("event"), q.get("q")),
                        alerts.viewers() >= alerts.maxViewers()));
                case "/events" -> {
                    if (method.equals("HEAD")) {
                        send(ex, 200, "text/event-stream; charset=utf-8", "");
                    } else {
                        events(ex);
                    }
                }
                case "/lists" -> lists(ex, q);
                case "/status" -> send(ex, 200, "text/html; charset=utf-8",
                        pages.status(source.status(), rates(), alerts, clock.millis()));
                case "/status.json" -> send(ex, 200, "application/json", JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(statusDocument()));
                case "/metrics" -> {
                    WebMetrics.Scrape s = metrics.scrape(ex.getRequestHeaders().getFirst("Accept"));
                    send(ex, 200, s.contentType(), s.body());
                }
                case "/healthz" -> {
                    String why = source.unhealthyReason();
                    send(ex, why == null ? 200 : 503, "text/plain; charset=utf-8", why == null ? "ok\n" : why + "\n");
                }
                case "/static/vigie.js" -> send(ex, 200, "text/javascript; charset=utf-8", statics.get("vigie.js"));
                case "/static/vigie.css" -> send(ex, 200, "text/css; charset=utf-8", statics.get("vigie.css"));
                default -> send(ex, 404, "text/html; charset=utf-8", pages.notFound());
            }
        } catch (IOException gone) {
            // the browser went away mid-answer: nothing to do
        } catch (RuntimeException e) {
            try {
                send(ex, 500, "text/plain; charset=utf-8", "internal error\n");
            } catch (IOException | RuntimeException ignored) {
                // headers may already be sent
            }
        }
    }

    private void lists(HttpExchange ex, Map<String, String> q) throws IOException {
        String item = q.getOrDefault("q", "").strip();
        String wiki = q.getOrDefault("wiki", "").strip();
        if (item.length() > MAX_QUERY || wiki.length() > 64) {
            send(ex, 400, "text/html; charset=utf-8", pages.lists(item.substring(0, Math.min(item.length(),
                    MAX_QUERY)), "", null));
            return;
        }
        WebSource.Lookup found = item.isEmpty() ? null : source.lookup(item, wiki.isEmpty() ? null : wiki);
        send(ex, 200, "text/html; charset=utf-8", pages.lists(item, wiki, found));
    }

    /** The status as JSON: the same records as the page, plus the web's own figures. */
    private Map<String, Object> statusDocument() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", source.status());
        d.put("linesPerSecond", rates());
        d.put("alertsPerMinute", alerts.perMinute());
        d.put("alerted", alerts.alerted());
        d.put("webViewers", alerts.viewers());
        d.put("webDropped", alerts.dropped());
        d.put("healthy", source.unhealthyReason() == null);
        return d;
    }

    // ------------------------------------------------------------------ live stream

    private void events(HttpExchange ex) throws IOException {
        LiveAlerts.Viewer v = alerts.subscribe();
        if (v == null) {
            ex.getResponseHeaders().set("Retry-After", "60");
            send(ex, 503, "text/plain; charset=utf-8", pages.full() + "\n");
            return;
        }
        try (v) {
            Headers h = ex.getResponseHeaders();
            common(h);
            h.set("Content-Type", "text/event-stream; charset=utf-8");
            h.set("X-Accel-Buffering", "no");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = new java.io.BufferedOutputStream(ex.getResponseBody(), 16_384);
            out.write("retry: 5000\n\n".getBytes(StandardCharsets.UTF_8));
            // a reconnection names the last alert it had (Last-Event-ID); a new page, the newest it was rendered with
            // (?since=, 0 for none): what the server took in between is sent first, not lost
            String header = ex.getRequestHeaders().getFirst("Last-Event-ID");
            String since = query(ex.getRequestURI().getRawQuery()).get("since");
            long lastSeen = header != null ? lastEventId(header) : since != null ? lastEventId(since) : -1;
            if (lastSeen >= 0) {
                for (LiveAlerts.Framed f : alerts.since(lastSeen)) {
                    out.write(f.frame());
                }
            }
            out.flush();
            List<LiveAlerts.Framed> batch = new java.util.ArrayList<>(64);
            while (!alerts.isClosed()) {
                // what waits is written at once: one flush for a batch, however many viewers
                int n = v.next(KEEP_ALIVE_MILLIS, batch, 64);
                long missed = v.takeMissed();
                if (missed > 0) {
                    out.write(("event: missed\ndata: " + missed + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                for (LiveAlerts.Framed f : batch) {
                    out.write(f.frame());
                }
                batch.clear();
                if (n == 0 && missed == 0) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    private static long lastEventId(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------ feed rates

    private void sample() {
        try {
            long now = clock.millis();
            List<FeedStats> feeds = source.status().feeds();
            synchronized (samples) {
                for (FeedStats f : feeds) {
                    ArrayDeque<long[]> d = samples.computeIfAbsent(f.name(), k -> new ArrayDeque<>());
                    d.addLast(new long[] {now, f.lines()});
                    while (d.size() > 31) {      // one minute at one sample every 2 s
                        d.removeFirst();
                    }
                }
            }
        } catch (RuntimeException e) {
            // a status read failing now and then only delays the rate
        }
    }

    /** Lines per second of each feed over the last minute (from the first sample on). */
    Map<String, Double> rates() {
        Map<String, Double> out = new LinkedHashMap<>();
        synchronized (samples) {
            samples.forEach((name, d) -> {
                if (d.size() >= 2) {
                    long[] first = d.peekFirst();
                    long[] last = d.peekLast();
                    double secs = (last[0] - first[0]) / 1000.0;
                    out.put(name, secs <= 0 ? 0 : (last[1] - first[1]) / secs);
                }
            });
        }
        return out;
    }

    // ------------------------------------------------------------------ answers

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8),
                        URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                // a malformed escape: the parameter is ignored
            }
        }
        return out;
    }

    private static void common(Headers h) {
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        send(ex, code, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        Headers h = ex.getResponseHeaders();
        common(h);
        h.set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        server.stop(0);
        executor.shutdownNow();
    }
}
