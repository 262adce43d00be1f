package org.vigie.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.vigie.alert.Alert;
import org.vigie.alert.AlertSink;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * The alerts on their way to the web page: a tap on what the engine emits, the last {@link #KEPT} alerts for a page
 * (re)load, and the live viewers.
 *
 * <p>On the patrol thread, {@link #send} only counts and offers the verdict to a bounded queue: when the queue is
 * full the alert is dropped for the page (and counted), the patrol never waits. A thread of its own turns verdicts into
 * {@link LiveAlert}s (looking every {@link #LOOK_NANOS}, never woken by the patrol) and offers each to every viewer's
 * own bounded queue; a viewer that does not keep up misses alerts
 * (counted, and told), the others are not slowed. At most {@code maxViewers} viewers at once.
 */
public final class LiveAlerts implements AlertSink, AutoCloseable {

    /** Alerts kept for a page that is (re)loaded. */
    public static final int KEPT = 200;
    /** Verdicts waiting for the web thread; beyond, the page misses alerts (the patrol never waits). */
    static final int INBOX = 256;
    /**
     * Alerts per second passed on to the page at most (with a burst of {@link #BURST}): more than anyone can read,
     * and a flood (a replayed day, a bot run) costs the web side a bounded share of the machine, not the patrol's.
     */
    static final int MAX_PER_SECOND = 100;
    static final int BURST = 50;
    /** How often the web thread looks for new alerts while they come (the page is that much behind the channel at most). */
    static final long LOOK_NANOS = 100_000_000L;
    /** How often after a minute without any. */
    static final long QUIET_LOOK_NANOS = 1_000_000_000L;
    static final long QUIET_AFTER_NANOS = 60_000_000_000L;
    /** Alerts waiting for one viewer; beyond, that viewer misses alerts. */
    static final int PER_VIEWER = 256;

    private record Pending(Verdict verdict, long atMillis) {
    }

    /**
     * An alert and its Server-Sent Events frame, serialised once for every viewer, and only once someone may read it:
     * with nobody watching, an alert costs no JSON (the frame is made when a page asks for the kept ones).
     */
    static final class Framed {
        private final LiveAlert alert;
        private volatile byte[] frame;

        Framed(LiveAlert alert) {
            this.alert = alert;
        }

        LiveAlert alert() {
            return alert;
        }

        /** The frame; made at the first call (two threads may both make it: the same bytes). */
        byte[] frame() {
            byte[] f = frame;
            if (f == null) {
                String data;
                try {
                    // Jackson escapes line breaks inside strings: the data stays on one line
                    data = "id: " + alert.id() + "\nevent: alert\ndata: " + JSON.writeValueAsString(alert) + "\n\n";
                } catch (java.io.IOException | RuntimeException e) {
                    // one odd change must not stop the page: an SSE comment line, which pages ignore
                    data = ": alert " + alert.id() + " could not be written\n\n";
                }
                f = data.getBytes(StandardCharsets.UTF_8);
                frame = f;
            }
            return f;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Clock clock;
    private final int maxViewers;
    private final ArrayBlockingQueue<Pending> inbox = new ArrayBlockingQueue<>(INBOX);
    private final ArrayDeque<Framed> recent = new ArrayDeque<>(KEPT);
    private final CopyOnWriteArrayList<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final AtomicInteger viewerCount = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong inboxDropped = new AtomicLong();
    private final AtomicLong viewerDropped = new AtomicLong();
    private final AtomicLong alerted = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLongArray> byWiki = new ConcurrentHashMap<>();
    private final MinuteSeries minutes = new MinuteSeries(60);
    private final Thread thread;
    private long nextId = 1;
    /** The engine sends one alert per destination of a verdict: the page shows the verdict once. Engine thread only. */
    private Verdict last;
    private volatile boolean closed;

    public LiveAlerts(Clock clock, int maxViewers) {
        this.clock = clock;
        this.maxViewers = maxViewers;
        this.thread = new Thread(this::run, "web-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    // ------------------------------------------------------------------ patrol thread

    /** Called by the engine for each alert it sends; never blocks. */
    @Override
    public void send(Alert alert, Verdict verdict) {
        if (verdict == last) {
            return;
        }
        last = verdict;
        long now = clock.millis();
        alerted.incrementAndGet();
        minutes.add(now);
        String wiki = verdict.change().wiki() == null ? "" : verdict.change().wiki();
        AtomicLongArray counts = byWiki.get(wiki);
        if (counts == null) {
            // no lambda: its class would be spun at this call site's first call, during the first alert
            counts = new AtomicLongArray(Event.values().length);
            AtomicLongArray had = byWiki.putIfAbsent(wiki, counts);
            if (had != null) {
                counts = had;
            }
        }
        long bits = verdict.events();
        while (bits != 0) {
            counts.incrementAndGet(Long.numberOfTrailingZeros(bits));
            bits &= bits - 1;
        }
        if (!inbox.offer(new Pending(verdict, now))) {
            inboxDropped.incrementAndGet();
        }
    }

    // ------------------------------------------------------------------ web thread

    private void run() {
        long interval = 1_000_000_000L / MAX_PER_SECOND;
        long next = System.nanoTime();
        long lastAlert = System.nanoTime();      // the first minute counts as busy: a page opened at start sees alerts soon
        while (!closed) {
            // never woken by the patrol thread: it offers to the inbox while nobody waits on it, so its offer costs no
            // system call, and the moment an alert is sent (the outbox, the server, the readers) keeps the cores; this
            // thread looks at the inbox every LOOK_NANOS while alerts come, every QUIET_LOOK_NANOS after a quiet spell
            Pending p = inbox.poll();
            if (p == null) {
                long now = System.nanoTime();
                java.util.concurrent.locks.LockSupport.parkNanos(
                        now - lastAlert < QUIET_AFTER_NANOS ? LOOK_NANOS : QUIET_LOOK_NANOS);
                if (Thread.interrupted()) {
                    return;             // close()
                }
                continue;
            }
            lastAlert = System.nanoTime();
            Framed f;
            try {
                f = new Framed(LiveAlert.of(nextId++, p.atMillis(), p.verdict()));
                if (!viewers.isEmpty()) {
                    f.frame();          // once, here, for every viewer
                }
            } catch (RuntimeException e) {
                continue;   // one odd change must not stop the page; it is still counted above
            }
            synchronized (recent) {
                if (recent.size() == KEPT) {
                    recent.removeLast();
                }
                recent.addFirst(f);
            }
            for (Viewer v : viewers) {
                if (!v.queue.offer(f)) {
                    v.missed.incrementAndGet();
                    viewerDropped.incrementAndGet();
                }
            }
            // the pace: beyond MAX_PER_SECOND the inbox fills and the patrol's offers fail, cheaply
            long now = System.nanoTime();
            next = Math.max(next + interval, now - BURST * interval);
            if (next > now) {
                java.util.concurrent.locks.LockSupport.parkNanos(next - now);
            }
        }
    }

    /** The alerts kept, newest first. */
    public List<LiveAlert> recent() {
        List<LiveAlert> out = new ArrayList<>(KEPT);
        synchronized (recent) {
            for (Framed f : recent) {
                out.add(f.alert());
            }
        }
        return out;
    }

    /** The frames of the kept alerts newer than {@code id}, oldest first (what a reconnecting page missed). */
    List<Framed> since(long id) {
        List<Framed> out = new ArrayList<>();
        synchronized (recent) {
            for (Framed f : recent) {
                if (f.alert().id() > id) {
                    out.add(0, f);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ viewers

    /** One live page: its own bounded queue. */
    public final class Viewer implements AutoCloseable {
        private final ArrayBlockingQueue<Framed> queue = new ArrayBlockingQueue<>(PER_VIEWER);
        private final AtomicLong missed = new AtomicLong();
        private boolean closedViewer;

        /**
         * Waits at most {@code millis} for alerts and moves those waiting (at most {@code max}) into {@code into};
         * nothing once the tap is closed.
         */
        int next(long millis, List<Framed> into, int max) throws InterruptedException {
            if (closed) {
                return 0;
            }
            Framed first = queue.poll(millis, TimeUnit.MILLISECONDS);
            if (first == null) {
                return 0;
            }
            into.add(first);
            return 1 + queue.drainTo(into, max - 1);
        }

        /** Alerts this viewer missed since the last call (it did not keep up). */
        public long takeMissed() {
            return missed.getAndSet(0);
        }

        @Override
        public synchronized void close() {
            if (!closedViewer) {
                closedViewer = true;
                viewers.remove(this);
                viewerCount.decrementAndGet();
            }
        }
    }

    /** A new viewer, or {@code null} (counted) when {@code maxViewers} are already watching. */
    public Viewer subscribe() {
        while (true) {
            int n = viewerCount.get();
            if (n >= maxViewers || closed) {
                refused.incrementAndGet();
                return null;
            }
            if (viewerCount.compareAndSet(n, n + 1)) {
                break;
            }
        }
        Viewer v = new Viewer();
        viewers.add(v);
        return v;
    }

    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ figures

    public int viewers() {
        return viewerCount.get();
    }

    public int maxViewers() {
        return maxViewers;
    }

    /** Viewers turned away because {@code maxViewers} were watching. */
    public long refused() {
        return refused.get();
    }

    /** Alerts the page missed: the web thread's queue was full, or a viewer did not keep up. */
    public long dropped() {
        return inboxDropped.get() + viewerDropped.get();
    }

    /** Changes that alerted since start (one per change, whatever the number of channels). */
    public long alerted() {
        return alerted.get();
    }

    /** Alerted changes by wiki, then by event: {@code fr.wikipedia → {black → 3}}. */
    public Map<String, Map<Event, Long>> countsByWiki() {
        Map<String, Map<Event, Long>> out = new TreeMap<>();
        byWiki.forEach((wiki, counts) -> {
            Map<Event, Long> m = new TreeMap<>();
            for (Event e : Event.values()) {
                long n = counts.get(e.ordinal());
                if (n > 0) {
                    m.put(e, n);
                }
            }
            out.put(wiki, m);
        });
        return out;
    }

    /** Alerted changes per minute over the last hour, oldest first; the last is the current minute. */
    public long[] perMinute() {
        return minutes.series(clock.millis());
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** Counts per minute in a ring of {@code size} minutes; written by one thread, read by any. */
    static final class MinuteSeries {
        private final AtomicLongArray minute;
        private final AtomicLongArray count;
        private final int size;

        MinuteSeries(int size) {
            this.size = size;
            this.minute = new AtomicLongArray(size);
            this.count = new AtomicLongArray(size);
        }

        void add(long nowMillis) {
            long m = nowMillis / 60_000;
            int i = (int) Math.floorMod(m, (long) size);
            if (minute.get(i) != m) {
                count.set(i, 0);
                minute.set(i, m);
            }
            count.incrementAndGet(i);
        }

        long[] series(long nowMillis) {
            long now = nowMillis / 60_000;
            long[] out = new long[size];
            for (int k = 0; k < size; k++) {
                long m = now - (size - 1) + k;
                int i = (int) Math.floorMod(m, (long) size);
                out[k] = minute.get(i) == m ? count.get(i) : 0;
            }
            return out;
        }
    }
}
