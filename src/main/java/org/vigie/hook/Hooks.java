package org.vigie.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.alert.Alert;
import org.vigie.alert.AlertSink;
import org.vigie.alert.Destination;
import org.vigie.net.Backoff;
import org.vigie.patrol.Verdict;
import org.vigie.store.Actor;

/**
 * The webhooks: their table, the sink that takes their alerts from the engine, and one {@link HookDelivery} each.
 *
 * <p>On the engine thread {@link #send} only puts the alert in a bounded hand-over queue (a full queue drops and
 * counts, it never blocks the patrol). A writer thread formats the waiting alerts as {@link HookMessage}s and commits
 * them to their hooks' stored queues, then wakes the deliveries. Nothing of this exists while no hook is declared
 * beyond an idle thread: an alert only reaches here when a {@code hook:NAME} destination takes it.
 */
public final class Hooks implements AlertSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);
    private static final int HANDOVER = 10_000;

    /** Settings: the stale age and the retry policy. */
    public record Settings(Duration stale, Duration minBackoff, Duration maxBackoff, Duration maxRetryAfter,
                           Duration timeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofSeconds(10));

        public Settings withStale(Duration d) {
            return new Settings(d, minBackoff, maxBackoff, maxRetryAfter, timeout);
        }

        public Settings withBackoff(Duration min, Duration max) {
            return new Settings(stale, min, max, maxRetryAfter, timeout);
        }
    }

    private record Pending(Alert alert, Verdict verdict) {
    }

    /** Put in the hand-over by {@link #close}: wakes the writer, which waits without a time-out. */
    private static final Pending STOP = new Pending(null, null);

    private final HookStore store;
    private final Clock clock;
    private final Settings settings;
    /**
     * Built at the first delivery, not at start: the client loads the TLS stack and parses the system's CA
     * certificates (some 250 classes and a few MB) — for nothing on a bot without webhooks.
     */
    private OkHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, HookDelivery> deliveries = new ConcurrentHashMap<>();
    private final BlockingQueue<Pending> handover = new ArrayBlockingQueue<>(HANDOVER);
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong orphans = new AtomicLong();
    private final Thread writer;
    private volatile boolean running;

    public Hooks(HookStore store, Clock clock, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.writer = new Thread(this::writeLoop, "hook-writer");
        this.writer.setDaemon(true);
    }

    /** Reads the stored hooks and starts delivering their queues (what a previous run left is sent first). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (Hook h : store.hooks()) {
            startDelivery(h);
        }
        writer.start();
    }

    private synchronized OkHttpClient http() {
        if (http == null) {
            http = new OkHttpClient.Builder()
                    .callTimeout(settings.timeout())
                    .retryOnConnectionFailure(false)   // retries are ours, counted and paced
                    .followRedirects(false)
                    .build();
        }
        return http;
    }

    /** Whether the HTTP client exists yet (it is built at the first hook's delivery). */
    synchronized boolean httpClientBuilt() {
        return http != null;
    }

    private void startDelivery(Hook h) {
        HookDelivery d = new HookDelivery(h, store, http(), mapper,
                Backoff.of(settings.minBackoff().toMillis(), settings.maxBackoff().toMillis(),
                        settings.maxRetryAfter().toMillis()),
                clock, settings.stale().toMillis());
        HookDelivery old = deliveries.put(h.name(), d);
        if (old != null) {
            old.close();
        }
        if (running) {
            d.start();
        }
    }

    // ------------------------------------------------------------------ the sink (engine thread)

    @Override
    public void send(Alert alert, Verdict verdict) {
        if (!handover.offer(new Pending(alert, verdict))) {
            overflow.incrementAndGet();
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !handover.isEmpty()) {
            try {
                Pending first = handover.take();
                if (first == STOP) {
                    continue;
                }
                batch.add(first);
                handover.drainTo(batch, 255);
                batch.remove(STOP);
                persist(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("hook alerts not queued ({}): {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void persist(List<Pending> batch) {
        long now = clock.millis();
        Map<String, List<HookStore.Queued>> byHook = new LinkedHashMap<>();
        for (Pending p : batch) {
            String name = Destination.hookName(p.alert().channel());
            if (name == null || !deliveries.containsKey(name)) {
                orphans.incrementAndGet();          // a hook deleted while its destination still routed
                continue;
            }
            try {
                String body = mapper.writeValueAsString(HookMessage.of(mapper, p.alert(), p.verdict(), now));
                byHook.computeIfAbsent(name, k -> new ArrayList<>()).add(new HookStore.Queued(0, now, body));
            } catch (JsonProcessingException e) {
                deliveries.get(name).drop("unformattable", 1);
            }
        }
        for (Map.Entry<String, List<HookStore.Queued>> e : byHook.entrySet()) {
            HookDelivery d;
            synchronized (this) {       // not between a hook's deletion and its queue's: no orphan rows
                d = deliveries.get(e.getKey());
                if (d == null) {
                    orphans.addAndGet(e.getValue().size());
                    continue;
                }
                store.enqueue(e.getKey(), e.getValue());
            }
            d.wake();
        }
    }

    // ------------------------------------------------------------------ commands

    /** Declares (or replaces) a hook and starts delivering to it. */
    public synchronized Hook add(Hook h, Actor by) {
        store.save(h, by);
        startDelivery(h);
        LOG.info("hook {} set by {}: {} {}", h.name(), by.nick(), h.format().key(), h.redactedUrl());
        return h;
    }

    /** Removes a hook and its queue; false when there was none. */
    public synchronized boolean delete(String name, Actor by) {
        HookDelivery d = deliveries.remove(name);
        if (d != null) {
            d.close();
        }
        boolean existed = store.delete(name, by);
        if (existed) {
            LOG.info("hook {} removed by {}", name, by.nick());
        }
        return existed || d != null;
    }

    /** The hook of a name, or {@code null}. */
    public Hook get(String name) {
        HookDelivery d = name == null ? null : deliveries.get(name.toLowerCase(java.util.Locale.ROOT));
        return d == null ? null : d.hook;
    }

    /**
     * Queues a message that is not an alert (a daily report) for a hook, committed before this returns.
     *
     * @return false when there is no such hook
     */
    public boolean post(String name, String title, String text, com.fasterxml.jackson.databind.node.ObjectNode json) {
        HookDelivery d = deliveries.get(name);
        if (d == null) {
            return false;
        }
        long now = clock.millis();
        List<HookStore.Queued> parts = new ArrayList<>();
        // Discord takes 2,000 characters a message: a long text goes in parts cut at line ends, in order
        for (String part : d.hook.format() == HookFormat.DISCORD ? split(text, HookPayloads.DISCORD_CONTENT_MAX)
                : List.of(text)) {
            HookMessage m = new HookMessage(now, false, "", "", title, "", List.of("report"), part, json);
            try {
                parts.add(new HookStore.Queued(0, now, mapper.writeValueAsString(m)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        store.enqueue(name, parts);
        d.wake();
        return true;
    }

    /** Lines packed into parts of at most {@code max} characters (a longer line is a part of its own, cut later). */
    static List<String> split(String text, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String line : text.split("\n")) {
            if (part.length() > 0 && part.length() + 1 + line.length() > max) {
                out.add(part.toString());
                part.setLength(0);
            }
            if (part.length() > 0) {
                part.append('\n');
            }
            part.append(line);
        }
        if (part.length() > 0 || out.isEmpty()) {
            out.add(part.toString());
        }
        return out;
    }

    /** Every hook's figures, by name. */
    public List<HookStats> stats() {
        List<HookStats> out = new ArrayList<>();
        deliveries.values().forEach(d -> out.add(d.stats()));
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Alerts that found the hand-over queue full (the store could not keep up), and those whose hook was gone. */
    public long overflowDropped() {
        return overflow.get();
    }

    public long orphanDropped() {
        return orphans.get();
    }

    /**
     * Sends one test message to a hook now (outside its queue) and returns the HTTP status.
     *
     * @throws IOException when no answer came (the message names no address)
     */
    public int test(String name, String text) throws IOException {
        HookDelivery d = deliveries.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no such hook");
        }
        try {
            return d.postOnce(HookPayloads.test(mapper, d.hook.format(), text, clock.millis()));
        } catch (IOException e) {
            throw new IOException(e.getClass().getSimpleName());
        }
    }

    /** Stores what the engine handed over, then stops the deliveries (their queues stay stored). */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        try {
            // the writer waits without a time-out: STOP wakes it once what waits is stored (a full hand-over is
            // being emptied: try again until STOP finds room or the writer has ended)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (writer.isAlive() && !handover.offer(STOP) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            writer.join(5_000);     // outside the lock: the writer takes it to store its last alerts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (HookDelivery d : deliveries.values()) {
                d.close();
            }
        }
        OkHttpClient c;
        synchronized (this) {
            c = http;
        }
        if (c != null) {
            c.dispatcher().executorService().shutdown();
            c.connectionPool().evictAll();
        }
    }
}
