package org.vigie.wiki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Lift Wing's {@code revertrisk-language-agnostic} model: the probability that a revision will be reverted.
 *
 * <p>Never blocks its caller: {@link #revertRisk} returns a future at once, completed from OkHttp's own threads. It is
 * bounded every way: at most {@code concurrency} requests in flight (a further one is refused, not queued), a timeout
 * per request, at most {@code perMinute} requests a minute (and none until the {@code Retry-After} of a 429 has
 * passed), one request per revision (a cache of answers, and a second ask while the first is in flight shares it).
 * A refused, failed or late answer completes the future exceptionally; the caller goes on without it.
 */
public final class LiftWing implements AutoCloseable {

    /** The model's address on the public API gateway. */
    public static final String DEFAULT_URL =
            "https://api.wikimedia.org/service/lw/inference/v1/models/revertrisk-language-agnostic:predict";
    private static final MediaType JSON = MediaType.get("application/json");

    /** Why no probability came. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * @param url         the model's URL
     * @param concurrency requests in flight at most
     * @param timeout     per request, connection included
     * @param perMinute   requests a minute at most
     * @param cacheSize   revisions whose answer is kept
     */
    public record Options(String url, int concurrency, Duration timeout, int perMinute, int cacheSize) {
        public static Options defaults() {
            return new Options(DEFAULT_URL, 4, Duration.ofSeconds(2), 120, 10_000);
        }
    }

    private final OkHttpClient client;
    private final Options options;
    private final String userAgent;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Long, CompletableFuture<Double>> cache;
    private long minute = Long.MIN_VALUE;
    private int usedThisMinute;
    private volatile long pausedUntil;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();

    public LiftWing(Options options, String userAgent, Clock clock) {
        this.options = options;
        this.userAgent = userAgent;
        this.clock = clock;
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(Math.max(1, options.concurrency()));
        d.setMaxRequestsPerHost(Math.max(1, options.concurrency()));
        this.client = new OkHttpClient.Builder().dispatcher(d).callTimeout(options.timeout())
                .connectTimeout(options.timeout()).readTimeout(options.timeout()).retryOnConnectionFailure(false)
                .build();
        int max = Math.max(1, options.cacheSize());
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, CompletableFuture<Double>> eldest) {
                return size() > max;
            }
        };
    }

    /** The language of a Wikipedia ({@code fr.wikipedia} → {@code fr}); {@code null} for other projects. */
    public static String language(String wiki) {
        if (wiki == null || !wiki.endsWith(".wikipedia")) {
            return null;
        }
        String lang = wiki.substring(0, wiki.length() - ".wikipedia".length());
        return lang.isEmpty() || lang.contains(".") ? null : lang;
    }

    /** The probability (0–1) that a revision of a Wikipedia will be reverted; see the class comment. */
    public CompletableFuture<Double> revertRisk(String wiki, long revId) {
        String lang = language(wiki);
        if (lang == null || revId <= 0) {
            return failed("not a Wikipedia revision");
        }
        CompletableFuture<Double> f;
        synchronized (cache) {
            CompletableFuture<Double> known = cache.get(revId);
            if (known != null && !known.isCompletedExceptionally()) {
                cacheHits.incrementAndGet();
                return known;
            }
            String why = admit();
            if (why != null) {
                refused.incrementAndGet();
                return failed(why);
            }
            f = new CompletableFuture<>();
            cache.put(revId, f);
        }
        send(lang, revId, f);
        return f;
    }

    // under the cache's lock: budget, pause after a 429, requests in flight
    private String admit() {
        long now = clock.millis();
        if (now < pausedUntil) {
            return "rate-limited by Lift Wing";
        }
        long m = now / 60_000;
        if (m != minute) {
            minute = m;
            usedThisMinute = 0;
        }
        if (usedThisMinute >= options.perMinute()) {
            return "budget of " + options.perMinute() + " requests a minute spent";
        }
        if (inFlight.get() >= options.concurrency()) {
            return "all " + options.concurrency() + " requests in flight";
        }
        usedThisMinute++;
        inFlight.incrementAndGet();
        return null;
    }

    private void send(String lang, long revId, CompletableFuture<Double> f) {
        requests.incrementAndGet();
        String body = "{\"rev_id\":" + revId + ",\"lang\":\"" + lang + "\"}";
        Request req = new Request.Builder().url(options.url()).header("User-Agent", userAgent)
                .post(RequestBody.create(body, JSON)).build();
        client.newCall(req).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                inFlight.decrementAndGet();
                fail(revId, f, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }

            @Override
            public void onResponse(Call call, Response response) {
                inFlight.decrementAndGet();
                try (ResponseBody rb = response.body()) {
                    if (response.code() == 429) {
                        pausedUntil = clock.millis() + retryAfterMillis(response.header("Retry-After"));
                        fail(revId, f, "HTTP 429");
                        return;
                    }
                    if (!response.isSuccessful()) {
                        fail(revId, f, "HTTP " + response.code());
                        return;
                    }
                    double p = probability(json.readTree(rb.string()));
                    if (Double.isNaN(p)) {
                        fail(revId, f, "no probability in the answer");
                        return;
                    }
                    answers.incrementAndGet();
                    f.complete(p);
                } catch (IOException | RuntimeException e) {
                    fail(revId, f, "unreadable answer");
                }
            }
        });
    }

    static long retryAfterMillis(String header) {
        if (header != null) {
            try {
                return Math.min(600, Math.max(1, Long.parseLong(header.strip()))) * 1000;
            } catch (NumberFormatException ignored) {
                // an HTTP date or garbage: the default pause
            }
        }
        return 60_000;
    }

    /** {@code output.probabilities.true}, single or first of a batch; NaN when absent. */
    static double probability(JsonNode n) {
        JsonNode one = n.has("predictions") ? n.path("predictions").path(0) : n;
        JsonNode p = one.path("output").path("probabilities").path("true");
        if (!p.isNumber()) {
            return Double.NaN;
        }
        double v = p.asDouble();
        return v >= 0 && v <= 1 ? v : Double.NaN;
    }

    private void fail(long revId, CompletableFuture<Double> f, String why) {
        failures.incrementAndGet();
        synchronized (cache) {
            cache.remove(revId, f);
        }
        f.completeExceptionally(new Unavailable(why));
    }

    private static CompletableFuture<Double> failed(String why) {
        return CompletableFuture.failedFuture(new Unavailable(why));
    }

    public long requests() {
        return requests.get();
    }

    public long answers() {
        return answers.get();
    }

    public long failures() {
        return failures.get();
    }

    public long refused() {
        return refused.get();
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
