package org.vigie.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.vigie.feed.Feed;
import org.vigie.feed.FeedStats;
import org.vigie.feed.RcEvent;
import org.vigie.feed.WikiNames;
import org.vigie.net.Backoff;

/**
 * The Wikimedia EventStreams feed ({@code recentchange}, Server-Sent Events over HTTP) as a {@link Feed}.
 *
 * <p>OkHttp's SSE client neither reconnects nor resends the last event id, so this class does both: every event's
 * {@code id} is kept and sent back verbatim as {@code Last-Event-ID} on the next connection, and persisted through a
 * {@link Cursor} so that a restart resumes where the last run stopped. The server closes a stream after about 15
 * minutes and answers 429 beyond two connections per address: every end of stream leads to a reconnection with
 * exponential backoff and jitter, never sooner than {@code Retry-After}. A watchdog replaces a stream that has been
 * silent too long.
 *
 * <p>Per event, on OkHttp's reader thread: JSON parse, wiki filter on {@code server_name} (before decoding, so that
 * other wikis cost only the parse), duplicate check on {@code meta.id}, decode, sink. Malformed events are counted and
 * skipped; nothing thrown there can end the stream. Everything else (connecting, waiting, saving the cursor) happens
 * on one control thread.
 */
public final class StreamFeed implements Feed {

    public static final String DEFAULT_URL = "https://stream.wikimedia.org/v2/stream/recentchange";

    private static final Logger LOG = LoggerFactory.getLogger(StreamFeed.class);

    /** Where the last event id is kept between runs (the lead wires it to the key/value store). */
    public interface Cursor {
        /** The last saved id, or {@code null} / empty when there is none. */
        String load();

        void save(String id);
    }

    /**
     * Counters beyond {@link FeedStats}.
     *
     * @param filtered    events of wikis not watched
     * @param duplicates  events already seen (same {@code meta.id}), dropped
     * @param ignored     events the decoder turned down (e.g. {@code categorize})
     * @param failures    connection attempts that failed (HTTP error, network error)
     * @param lastEventId the id that the next connection will send as {@code Last-Event-ID}
     */
    public record Counters(long filtered, long duplicates, long ignored, long failures, String lastEventId) {
    }

    private final String url;
    private final String name;
    private final String userAgent;
    private final Function<JsonNode, RcEvent> decoder;
    private final boolean allWikis;
    private final Set<String> names;
    private final Set<String> serverNames;
    private final Cursor cursor;
    private final Clock clock;
    private final Backoff backoff;
    private final long watchdogMillis;
    private final int saveEveryEvents;
    private final long saveEveryMillis;
    private final OkHttpClient client;
    private final EventSource.Factory factory;
    private final ObjectMapper json = new ObjectMapper();
    private final RecentIds recentIds;

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong parsed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private volatile Sink sink;
    private volatile boolean connected;
    private volatile long lastLineMillis;
    private volatile long lastActivityMillis;
    private volatile String lastId;
    private volatile boolean savePending;
    private int eventsSinceSave; // reader thread only

    // Connection state, guarded by this.
    private ScheduledExecutorService control;
    private EventSource current;
    private int generation;
    private int consecutiveFailures;
    private boolean closed;
    private String savedId; // control thread (and close)

    private StreamFeed(Builder b) {
        this.url = b.url;
        HttpUrl parsedUrl = HttpUrl.parse(b.url);
        if (parsedUrl == null) {
            throw new IllegalArgumentException("feed.stream.url is not an http(s) URL: " + b.url);
        }
        this.name = "eventstreams " + parsedUrl.host() + (parsedUrl.port() == HttpUrl.defaultPort(parsedUrl.scheme())
                ? "" : ":" + parsedUrl.port());
        this.userAgent = Objects.requireNonNull(b.userAgent, "userAgent");
        this.decoder = Objects.requireNonNull(b.decoder, "decoder");
        this.allWikis = b.wikis.contains("*");
        Set<String> wikiNames = new HashSet<>();
        Set<String> servers = new HashSet<>();
        for (String w : b.wikis) {
            String name = WikiNames.canonical(w);
            wikiNames.add(name);
            // Compare with server_name as sent (fr.wikipedia.org) so that the hot path builds no string.
            servers.add(WikiNames.domain(name));
        }
        this.names = Set.copyOf(wikiNames);
        this.serverNames = Set.copyOf(servers);
        this.cursor = b.cursor;
        this.clock = b.clock;
        this.backoff = Backoff.of(b.minBackoff.toMillis(), b.maxBackoff.toMillis(), b.maxRetryAfter.toMillis());
        this.watchdogMillis = b.watchdog.toMillis();
        this.saveEveryEvents = b.saveEveryEvents;
        this.saveEveryMillis = b.saveEvery.toMillis();
        this.recentIds = new RecentIds(b.dedupCapacity);
        this.client = new OkHttpClient.Builder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .callTimeout(Duration.ZERO) // a stream lasts as long as the server keeps it
                .retryOnConnectionFailure(false)
                .build();
        this.factory = EventSources.createFactory(client);
    }

    public static Builder builder(String userAgent, Function<JsonNode, RcEvent> decoder) {
        return new Builder(userAgent, decoder);
    }

    // ------------------------------------------------------------------------------------------- Feed

    @Override
    public void start(Sink sink) {
        synchronized (this) {
            if (control != null) {
                throw new IllegalStateException("already started");
            }
            if (closed) {
                throw new IllegalStateException("closed");
            }
            this.sink = Objects.requireNonNull(sink, "sink");
            String stored = cursor == null ? null : safeLoad();
            if (stored != null && !stored.isBlank()) {
                lastId = stored;
                savedId = stored;
            }
            control = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "eventstreams-control");
                t.setDaemon(true);
                return t;
            });
            long tick = Math.max(50, watchdogMillis / 4);
            control.scheduleWithFixedDelay(this::watchdogTick, tick, tick, TimeUnit.MILLISECONDS);
            if (cursor != null) {
                control.scheduleWithFixedDelay(this::saveCursor, saveEveryMillis, saveEveryMillis,
                        TimeUnit.MILLISECONDS);
            }
            control.execute(this::open);
        }
    }

    @Override
    public void reset() {
        synchronized (this) {
            if (closed || control == null) {
                return;
            }
            LOG.info("{}: reset asked, reconnecting", name);
            dropCurrent();
            reconnects.incrementAndGet();
            control.execute(this::open);
        }
    }

    /**
     * {@code lines}: events received; {@code parsed}: events handed to the sink; {@code skipped}: malformed events
     * (not JSON, no {@code meta.id}, decoder or sink threw). {@code dropped} is always 0 here: the sink owns the queue
     * and counts its own drops. Filtered, duplicate and decoder-refused events are in {@link #counters()}.
     */
    @Override
    public FeedStats stats() {
        return new FeedStats(name, connected, lastLineMillis, lines.get(), parsed.get(), skipped.get(), 0,
                reconnects.get());
    }

    /** Counters that {@link FeedStats} has no room for. */
    public Counters counters() {
        return new Counters(filtered.get(), duplicates.get(), ignored.get(), failures.get(), lastId);
    }

    @Override
    public void close() {
        ScheduledExecutorService c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dropCurrent();
            c = control;
        }
        if (c != null) {
            c.shutdownNow();
            try {
                c.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        saveCursor();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /**
     * Whether this feed can never connect again: closed, and its control thread (the only one that opens a stream)
     * has ended. What shows, without waiting, that a closed feed stays closed.
     */
    boolean stopped() {
        ScheduledExecutorService c;
        synchronized (this) {
            if (!closed) {
                return false;
            }
            c = control;
        }
        return c == null || c.isTerminated();
    }

    // ------------------------------------------------------------------------------------------- connection

    /** Opens a stream unless one is open (a reset and a pending backoff may both ask). Control thread. */
    private void open() {
        synchronized (this) {
            if (closed || current != null) {
                return;
            }
            Request.Builder rb = new Request.Builder().url(url)
                    .header("Accept", "text/event-stream")
                    .header("User-Agent", userAgent);
            String id = lastId;
            if (id != null && isHeaderValue(id)) {
                rb.header("Last-Event-ID", id);
            } else if (id != null) {
                // OkHttp refuses such a header and the stream would never be opened again: resume from now instead
                LOG.warn("{}: the last event id is no HTTP header value (non-ASCII or control character); "
                        + "resuming from the live position", name);
                lastId = null;
            }
            lastActivityMillis = clock.millis();
            current = factory.newEventSource(rb.build(), new Listener(++generation));
        }
    }

    /** Printable ASCII only: what an HTTP header value may carry (an SSE id is sent back verbatim). */
    static boolean isHeaderValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Forgets the current stream; its late callbacks carry an old generation and are ignored. Holds this. */
    private void dropCurrent() {
        generation++;
        connected = false;
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    private void ended(int gen, boolean failed, Response response, String why) {
        synchronized (this) {
            if (gen != generation || closed) {
                return;
            }
            current = null;
            generation++;
            connected = false;
            if (failed) {
                failures.incrementAndGet();
                consecutiveFailures++;
            }
            long retryAfter = response == null ? -1
                    : Backoff.retryAfterMillis(response.header("Retry-After"), clock.millis());
            long delay = backoff.delayMillis(Math.max(1, consecutiveFailures) - 1, retryAfter);
            reconnects.incrementAndGet();
            LOG.info("{}: stream ended ({}), reconnecting in {} ms", name, why, delay);
            control.schedule(this::open, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void watchdogTick() {
        try {
            synchronized (this) {
                if (closed || current == null) {
                    return;
                }
                long silent = clock.millis() - lastActivityMillis;
                if (silent <= watchdogMillis) {
                    return;
                }
                LOG.warn("{}: no event for {} ms, reconnecting", name, silent);
                dropCurrent();
                reconnects.incrementAndGet();
                control.execute(this::open);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: watchdog: {}", name, e.toString());
        }
    }

    private void saveCursor() {
        savePending = false;
        if (cursor == null) {
            return;
        }
        String id = lastId;
        if (id == null || id.equals(savedId)) {
            return;
        }
        try {
            cursor.save(id);
            savedId = id;
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot save the stream position: {}", name, e.toString());
        }
    }

    private String safeLoad() {
        try {
            return cursor.load();
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot read the saved stream position, starting from now: {}", name, e.toString());
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------- events

    private final class Listener extends EventSourceListener {
        private final int gen;
        private boolean gotEvent;

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(EventSource source, Response response) {
            if (gen == generation) {
                connected = true;
                lastActivityMillis = clock.millis();
            }
        }

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            if (gen != generation) {
                return;
            }
            if (!gotEvent) {
                gotEvent = true;
                synchronized (StreamFeed.this) {
                    consecutiveFailures = 0;
                }
            }
            handle(id, type, data);
        }

        @Override
        public void onClosed(EventSource source) {
            ended(gen, !gotEvent, null, "closed by the server");
        }

        @Override
        public void onFailure(EventSource source, Throwable t, Response response) {
            // A 200 with a throwable is a stream cut mid-way: the throwable says more than the status.
            String why = response != null && !response.isSuccessful() ? "HTTP " + response.code()
                    : t != null ? t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
                    : "failure";
            ended(gen, true, response, why);
        }
    }

    /** The per-event path. Reader thread. */
    private void handle(String id, String type, String data) {
        long now = clock.millis();
        lastActivityMillis = now;
        lastLineMillis = now;
        lines.incrementAndGet();
        if (id != null) {
            lastId = id;
            if (cursor != null && ++eventsSinceSave >= saveEveryEvents && !savePending) {
                eventsSinceSave = 0;
                savePending = true;
                ScheduledExecutorService c = control;
                if (c != null && !c.isShutdown()) {
                    c.execute(this::saveCursor);
                }
            }
        }
        if (type != null && !"message".equals(type)) {
            skipped.incrementAndGet();
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(data);
        } catch (Exception e) {
            skipped.incrementAndGet();
            return;
        }
        JsonNode meta = root == null ? null : root.get("meta");
        JsonNode metaId = meta == null ? null : meta.get("id");
        if (metaId == null || !metaId.isTextual()) {
            skipped.incrementAndGet();
            return;
        }
        if (!allWikis && !watched(root)) {
            filtered.incrementAndGet();
            return;
        }
        if (!recentIds.add(metaId.textValue())) {
            duplicates.incrementAndGet();
            return;
        }
        try {
            RcEvent event = decoder.apply(root);
            if (event == null) {
                ignored.incrementAndGet();
                return;
            }
            sink.accept(event);
            parsed.incrementAndGet();
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
        }
    }

    /** The wiki filter, named as {@link StreamParser} names wikis ({@link WikiNames}), without building a string. */
    private boolean watched(JsonNode root) {
        JsonNode db = root.get("wiki");
        String legacy = db == null ? null : WikiNames.legacyName(db.textValue());
        if (legacy != null) {
            return names.contains(legacy);
        }
        JsonNode server = root.get("server_name");
        return server != null && serverNames.contains(server.textValue());
    }

    /** The ids of recent events, oldest forgotten first. Shared by consecutive connections. */
    private static final class RecentIds {
        private final Map<String, Boolean> ids;

        RecentIds(int capacity) {
            this.ids = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** Whether the id is new (and now remembered). */
        synchronized boolean add(String id) {
            return ids.put(id, Boolean.TRUE) == null;
        }
    }

    // ------------------------------------------------------------------------------------------- builder

    /** Settings of a {@link StreamFeed}; every one but the User-Agent and the decoder has a working default. */
    public static final class Builder {
        private final String userAgent;
        private final Function<JsonNode, RcEvent> decoder;
        private String url = DEFAULT_URL;
        private Set<String> wikis = Set.of("*");
        private Cursor cursor;
        private Clock clock = Clock.systemUTC();
        private Duration minBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(2);
        private Duration maxRetryAfter = Duration.ofMinutes(5);
        private Duration watchdog = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(90);
        private int saveEveryEvents = 500;
        private Duration saveEvery = Duration.ofSeconds(10);
        private int dedupCapacity = 10_000;

        private Builder(String userAgent, Function<JsonNode, RcEvent> decoder) {
            this.userAgent = userAgent;
            this.decoder = decoder;
        }

        /** {@code feed.stream.url}; default {@link #DEFAULT_URL}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * Watched wikis by their IRC channel's name ({@code fr.wikipedia}, {@code wikidata.wikipedia}; a domain such as
         * {@code fr.wikipedia.org} or {@code www.wikidata.org} is read as its wiki, see {@link WikiNames#canonical});
         * {@code *} for all.
         */
        public Builder wikis(Set<String> wikis) {
            this.wikis = Set.copyOf(wikis);
            return this;
        }

        public Builder cursor(Cursor cursor) {
            this.cursor = cursor;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Reconnection delays: first, ceiling, and the most a {@code Retry-After} may impose. */
        public Builder backoff(Duration min, Duration max, Duration maxRetryAfter) {
            this.minBackoff = min;
            this.maxBackoff = max;
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** Silence after which the stream is replaced. */
        public Builder watchdog(Duration silence) {
            this.watchdog = silence;
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            return this;
        }

        /** Save the position after this many events or this much time, whichever comes first (and on close). */
        public Builder saveEvery(int events, Duration time) {
            this.saveEveryEvents = Math.max(1, events);
            this.saveEvery = time;
            return this;
        }

        /** How many recent {@code meta.id}s are remembered to drop duplicates. */
        public Builder dedupCapacity(int capacity) {
            this.dedupCapacity = Math.max(1, capacity);
            return this;
        }

        public StreamFeed build() {
            return new StreamFeed(this);
        }
    }
}
