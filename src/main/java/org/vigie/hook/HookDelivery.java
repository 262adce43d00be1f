package org.vigie.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.net.Backoff;

/**
 * Delivers one hook's queue, oldest first, on a thread of its own. Each round reads the head of the stored queue,
 * drops what is older than the stale age, batches what fits one request, posts it and then:
 * <ul>
 *   <li>2xx: removes the batch from the store;</li>
 *   <li>429, 5xx or no answer: keeps it and waits the server's {@code Retry-After} (seconds or HTTP date; Discord's
 *       JSON {@code retry_after} when the header is missing) or the project's {@link Backoff}, whichever is longer;</li>
 *   <li>400 or 413 for a batch of several: tries them one at a time before giving any up;</li>
 *   <li>any other 4xx: removes the batch and counts it as dropped with the status as the reason.</li>
 * </ul>
 * After a success, Discord's per-route bucket headers ({@code X-RateLimit-Remaining} 0 and
 * {@code X-RateLimit-Reset-After}) hold the next request until the bucket refills, so that the bot is never
 * rate-limited for hammering. Logs name the hook and never its URL.
 */
final class HookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(HookDelivery.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Alerts read from the store per round (more than any platform takes in one request). */
    static final int HEAD = 64;
    /** How long an idle worker sleeps before it looks at its queue again by itself. */
    private static final long IDLE_MILLIS = 5_000;
    /** The most that Discord's bucket headers may hold a request. */
    private static final long MAX_BUCKET_WAIT_MILLIS = 60_000;

    final Hook hook;
    private final HookStore store;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final Backoff backoff;
    private final Clock clock;
    private final long staleMillis;
    private final Object signal = new Object();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private volatile int queued;
    private volatile long oldestMillis;
    private volatile boolean running = true;
    private volatile boolean woken;
    private volatile okhttp3.Call inFlight;
    private final Thread thread;

    HookDelivery(Hook hook, HookStore store, OkHttpClient http, ObjectMapper mapper, Backoff backoff, Clock clock,
                 long staleMillis) {
        this.hook = hook;
        this.store = store;
        this.http = http;
        this.mapper = mapper;
        this.backoff = backoff;
        this.clock = clock;
        this.staleMillis = staleMillis;
        this.thread = new Thread(this::loop, "hook-" + hook.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** New alerts are in the store: look now (unless a retry wait is running: it runs to its end). */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    void drop(String reason, long n) {
        dropped.computeIfAbsent(reason, k -> new AtomicLong()).addAndGet(n);
    }

    HookStats stats() {
        Map<String, Long> d = new TreeMap<>();
        dropped.forEach((k, v) -> d.put(k, v.get()));
        return new HookStats(hook.name(), hook.format(), hook.redactedUrl(), queued, sent.get(), retried.get(), d,
                oldestMillis);
    }

    /**
     * Stops after the round in hand; what is queued stays stored for the next start. The thread is never interrupted
     * (an interrupt during an H2 write closes the database file): a request in flight is cancelled instead, and its
     * alerts stay queued.
     */
    void close() {
        running = false;
        wake();
        okhttp3.Call c = inFlight;
        if (c != null) {
            c.cancel();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the loop

    private void loop() {
        int attempt = 0;
        long notBefore = 0;
        int singles = 0;        // alerts still to send one at a time, after a batch refused as bad
        while (running) {
            try {
                List<HookStore.Queued> head = store.head(hook.name(), HEAD);
                long now = clock.millis();
                if (head.isEmpty()) {
                    queued = 0;
                    oldestMillis = 0;
                    await(IDLE_MILLIS, true);
                    continue;
                }
                if (head.size() < HEAD) {
                    queued = head.size();
                } else {
                    queued = store.size(hook.name());
                }
                oldestMillis = head.get(0).createdMillis();
                if (dropStale(head, now)) {
                    continue;
                }
                if (now < notBefore) {
                    await(notBefore - now, false);
                    continue;
                }
                List<HookMessage> messages = new ArrayList<>(head.size());
                List<Long> ids = new ArrayList<>(head.size());
                List<Long> unreadable = new ArrayList<>();
                for (HookStore.Queued q : head) {
                    try {
                        messages.add(mapper.readValue(q.body(), HookMessage.class));
                        ids.add(q.id());
                    } catch (IOException e) {
                        unreadable.add(q.id());
                    }
                }
                if (!unreadable.isEmpty()) {
                    store.remove(unreadable);
                    queued = Math.max(0, queued - unreadable.size());
                    drop("unreadable", unreadable.size());
                    continue;
                }
                HookPayloads.Batch batch = HookPayloads.build(mapper, hook.format(), messages,
                        singles > 0 ? 1 : Integer.MAX_VALUE);
                List<Long> batchIds = ids.subList(0, batch.count());
                Outcome o = post(batch.body());
                if (!running && o.code == 0) {
                    break;      // cancelled by close(): the batch stays queued for the next start
                }
                now = clock.millis();
                if (o.code >= 200 && o.code < 300) {
                    store.remove(batchIds);
                    queued = Math.max(0, queued - batch.count());   // before the count: whoever sees it sent sees it gone
                    sent.addAndGet(batch.count());
                    attempt = 0;
                    singles = Math.max(0, singles - batch.count());
                    notBefore = o.bucketWaitMillis > 0 ? now + Math.min(o.bucketWaitMillis, MAX_BUCKET_WAIT_MILLIS) : 0;
                } else if (o.code == 0 || o.code == 429 || o.code >= 500) {
                    retried.incrementAndGet();
                    long delay = backoff.delayMillis(attempt, o.retryAfterMillis);
                    attempt++;
                    notBefore = now + delay;
                    LOG.info("hook {}: {} for {} alert(s), next try in {} ms", hook.name(), o.describe(),
                            batch.count(), delay);
                } else if ((o.code == 400 || o.code == 413) && batch.count() > 1) {
                    singles = batch.count();    // one of them may be what the platform refuses: find it, keep the others
                } else {
                    store.remove(batchIds);
                    queued = Math.max(0, queued - batch.count());
                    drop("HTTP " + o.code, batch.count());
                    attempt = 0;
                    singles = Math.max(0, singles - batch.count());
                    LOG.warn("hook {}: HTTP {} for {} alert(s): dropped", hook.name(), o.code, batch.count());
                }
            } catch (RuntimeException e) {
                // the store failed (the database is closing, or full): nothing is lost, try again a little later
                if (running) {
                    LOG.warn("hook {}: {}", hook.name(), e.toString());
                    await(1_000, false);
                }
            }
        }
    }

    /** Removes and counts the alerts older than the stale age; true when some were. */
    private boolean dropStale(List<HookStore.Queued> head, long now) {
        if (staleMillis <= 0) {
            return false;
        }
        List<Long> stale = new ArrayList<>();
        for (HookStore.Queued q : head) {
            if (now - q.createdMillis() > staleMillis) {
                stale.add(q.id());
            }
        }
        if (stale.isEmpty()) {
            return false;
        }
        store.remove(stale);
        drop("stale", stale.size());
        return true;
    }

    private void await(long millis, boolean wakeable) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (signal) {
            if (wakeable && woken) {
                woken = false;
                return;
            }
            while (running) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    return;
                }
                if (wakeable && woken) {
                    break;
                }
            }
            woken = false;
        }
    }

    // ------------------------------------------------------------------ one request

    private record Outcome(int code, long retryAfterMillis, long bucketWaitMillis, String failure) {
        String describe() {
            return code == 0 ? failure : "HTTP " + code;
        }
    }

    private Outcome post(String body) {
        Request req = new Request.Builder().url(hook.url()).post(RequestBody.create(body, JSON)).build();
        okhttp3.Call call = http.newCall(req);
        inFlight = call;
        if (!running) {
            call.cancel();
        }
        try (Response r = call.execute()) {
            long now = clock.millis();
            long retryAfter = Backoff.retryAfterMillis(r.header("Retry-After"), now);
            String text = r.body() == null ? "" : r.body().string();
            if (r.code() == 429 && retryAfter < 0) {
                retryAfter = discordRetryAfter(text);
            }
            long bucket = 0;
            String remaining = r.header("X-RateLimit-Remaining");
            if ("0".equals(remaining == null ? null : remaining.strip())) {
                bucket = secondsHeader(r.header("X-RateLimit-Reset-After"));
            }
            return new Outcome(r.code(), retryAfter, bucket, null);
        } catch (IOException | RuntimeException e) {
            // the exception's message may name the address: only its kind is reported
            return new Outcome(0, -1, 0, e.getClass().getSimpleName());
        } finally {
            inFlight = null;
        }
    }

    private long discordRetryAfter(String body) {
        try {
            var n = mapper.readTree(body);
            if (n != null && n.has("retry_after") && n.get("retry_after").isNumber()) {
                return Math.max(0, (long) Math.ceil(n.get("retry_after").asDouble() * 1000));
            }
        } catch (IOException | RuntimeException ignored) {
            // not Discord's JSON: the backoff applies
        }
        return -1;
    }

    private static long secondsHeader(String h) {
        if (h == null) {
            return 0;
        }
        try {
            return Math.max(0, (long) Math.ceil(Double.parseDouble(h.strip()) * 1000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Posts one body now, outside the queue ({@code hook test}); the HTTP status, or an exception. */
    int postOnce(String body) throws IOException {
        Request req = new Request.Builder().url(hook.url()).post(RequestBody.create(body, JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            return r.code();
        }
    }
}
