package org.vigie;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.alert.Alert;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Destination;
import org.vigie.alert.Dispatcher;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.patrol.Event;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.Verdict;

/**
 * The hot path: one thread at a time takes changes in arrival order and runs parse-free patrol → auto-list → dispatch →
 * format on each. Feeds hand changes in through {@link #offer}/{@link #offerAll} (a bounded queue: a full queue drops
 * and counts, it never blocks a feed reader). That thread is the engine thread, or — when nothing is queued and the
 * engine is idle — the feed reader itself for the few changes of one socket read ({@link #INLINE_MAX}): one thread
 * woken per line instead of two. Either way a single thread runs the patrol at any moment, and the queue's lock orders
 * one's writes before the next one's reads. {@link #process} is the same work done synchronously, for replay and the
 * benchmark.
 *
 * <p>Nothing here logs, formats or touches SQL for a change that raises nothing.
 */
public final class Engine implements AutoCloseable, org.vigie.feed.Feed.Sink, org.vigie.service.EngineFigures {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** Where alerts go (the network outbox, or the replay printer). Called by the thread running the patrol. */
    @FunctionalInterface
    public interface AlertSink {
        void send(Alert alert, Verdict verdict);
    }

    /**
     * Holds a verdict back for a while (Lift Wing's revert risk) and delivers it later, once, from another thread.
     * Returns false when it does not hold it: the engine then delivers it at once.
     */
    @FunctionalInterface
    public interface Hold {
        boolean hold(Verdict v, java.util.function.Consumer<Verdict> deliver);
    }

    /** Where automatic list entries go (the store's writer, off this thread). */
    @FunctionalInterface
    public interface AutoEntrySink {
        void add(Entry entry, Verdict cause);
    }

    private final Patrol patrol;
    private final Dispatcher dispatcher;
    private final AlertFormatter formatter;
    private final AlertSink alerts;
    private final AutoEntrySink autoEntries;
    private final Clock clock;
    private final EventQueue queue;
    private final AtomicLong dropped = new AtomicLong();
    private static final ThreadLocal<RcEvent[]> SINGLE = ThreadLocal.withInitial(() -> new RcEvent[1]);
    private final long[] eventCounts = new long[Event.values().length];
    // One thread writes these counters and readers (status) only need to see them soon: lazySet is a release store,
    // a plain store on common hardware, where a volatile store would cost a full fence on every change.
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong verdicts = new AtomicLong();
    private final AtomicLong alertsSent = new AtomicLong();
    private final AtomicLong lastChangeMillis = new AtomicLong();
    /** What the daily reports count; {@code null} when nothing counts. Set before the engine runs. */
    private org.vigie.report.Activity activity;
    private volatile boolean running;
    private volatile Hold hold;
    private final org.vigie.alert.AlertRates rates;
    private Thread thread;
    /** At most this many waiting changes are taken at once, at one clock reading. */
    public static final int BATCH = 256;
    /**
     * A feed reader's hand-off of at most this many changes is run on the reader's own thread when the engine is idle
     * and nothing waits (one thread woken per socket read instead of two, and no hand-off on the way to an alert);
     * larger ones, or any while the engine thread is busy, are queued. A few changes cost the reader microseconds.
     */
    public static final int INLINE_MAX = 64;
    private volatile boolean inline = true;

    public Engine(Patrol patrol, Dispatcher dispatcher, AlertFormatter formatter, AlertSink alerts,
                  AutoEntrySink autoEntries, Clock clock, int queueCapacity) {
        this.patrol = patrol;
        this.dispatcher = dispatcher;
        this.formatter = formatter;
        this.alerts = alerts;
        this.autoEntries = autoEntries;
        this.clock = clock;
        this.queue = new EventQueue(queueCapacity);
        this.rates = new org.vigie.alert.AlertRates(clock);
    }

    /**
     * Whether a feed reader may run a few changes itself when the engine is idle ({@link #INLINE_MAX}); false: every
     * change goes through the engine thread (config {@code engine.inline}).
     */
    public Engine inline(boolean on) {
        this.inline = on;
        return this;
    }

    /** Holds verdicts back before they are routed (Lift Wing); {@code null}: none. */
    public void holdWith(Hold h) {
        this.hold = h;
    }

    /** Alerts held back as repeats since start, per channel ({@code status}). */
    @Override
    public java.util.Map<String, Long> repeatsHeld() {
        return dispatcher.repeatsHeld();
    }

    /** Alerts sent per channel in the last hour ({@code status}). */
    public java.util.Map<String, Long> alertsLastHour() {
        return rates.lastHour();
    }

    /** Counts what this engine sees for the reports. Call before {@link #start} (or before the first process). */
    public Engine observe(org.vigie.report.Activity a) {
        this.activity = a;
        return this;
    }

    /** Hands a change to the engine thread; false (and counted) when the queue is full. Never blocks. */
    public boolean offer(RcEvent e) {
        if (e == null) {
            return true;
        }
        RcEvent[] single = SINGLE.get();
        single[0] = e;
        try {
            return offerAll(single, 1) == 1;
        } finally {
            single[0] = null;
        }
    }

    /**
     * Hands {@code events[0, n)} to the engine thread in one go (one lock, at most one wake-up); what does not fit
     * in the queue is dropped and counted. Never blocks. Returns how many were queued.
     */
    public int offerAll(RcEvent[] events, int n) {
        return offerAll(events, n, false);
    }

    /**
     * As {@link #offerAll(RcEvent[], int)}; with {@code moreWaiting} (the caller's socket may hold more bytes) the
     * changes are always queued, never run on the caller's thread: a reader that is behind gets back to reading.
     */
    public int offerAll(RcEvent[] events, int n, boolean moreWaiting) {
        if (n <= 0) {
            return 0;
        }
        if (!moreWaiting && n <= INLINE_MAX && inline && running && queue.claimIfIdle()) {
            try {
                long now = clock.millis();
                for (int i = 0; i < n; i++) {
                    processSafely(events[i], now);
                }
            } finally {
                queue.releaseInline();
            }
            return n;
        }
        int k = queue.offerAll(events, n);
        if (k < n) {
            dropped.addAndGet(n - k);
        }
        return k;
    }

    /** As a feed's sink: {@link #offer}. */
    @Override
    public void accept(RcEvent event) {
        offer(event);
    }

    /** As a feed's sink: {@link #offerAll}, one hand-off per batch. */
    @Override
    public void acceptAll(RcEvent[] events, int n) {
        offerAll(events, n);
    }

    /** As a feed's sink: {@link #offerAll(RcEvent[], int, boolean)}. */
    @Override
    public void acceptAll(RcEvent[] events, int n, boolean moreWaiting) {
        offerAll(events, n, moreWaiting);
    }

    /** As a feed's sink: the queue is full, what comes now would be dropped. */
    @Override
    public boolean saturated() {
        return queue.full();
    }

    /** As a feed's sink: lines a reader skipped while the queue was full, counted as dropped. */
    @Override
    public void dropped(int n) {
        if (n > 0) {
            dropped.addAndGet(n);
        }
    }

    /** Runs the whole engine on one change, on the caller's thread. Returns the verdict, or null when quiet. */
    public Verdict process(RcEvent e) {
        return process(e, clock.millis());
    }

    /**
     * As {@link #process(RcEvent)}, at a time the caller read: the engine thread reads the clock once for all the
     * changes waiting in its queue (a clock read costs as much as a tenth of a change's whole patrol).
     */
    public Verdict process(RcEvent e, long now) {
        changes.lazySet(changes.get() + 1);
        lastChangeMillis.lazySet(now);
        org.vigie.report.Activity a = activity;
        if (a != null) {
            a.read(e.wiki());
        }
        Verdict v = patrol.check(e, now);
        if (v == null) {
            return null;
        }
        verdicts.lazySet(verdicts.get() + 1);
        List<Entry> auto = v.autoEntries();
        for (int i = 0, n = auto.size(); i < n; i++) {
            autoEntries.add(auto.get(i), v);
        }
        long bits = v.events();
        if (bits == 0) {
            return v;
        }
        while (bits != 0) {
            int i = Long.numberOfTrailingZeros(bits);
            eventCounts[i]++;
            bits &= bits - 1;
        }
        Hold h = hold;
        if (h != null && h.hold(v, a == null ? this::deliver : later -> deliverHeld(later, a))) {
            if (a != null) {
                // raised now, on this thread (the activity's ring has one producer); alerted only once delivered: the
                // folded score or the repeat window may still keep it from every channel
                a.raised(v, false);
            }
            return v;
        }
        boolean alerted = deliver(v);
        if (a != null) {
            a.raised(v, alerted);
        }
        return v;
    }

    // A held verdict's delivery, from Lift Wing's thread or the timer: counted as alerted only when some channel took it.
    private void deliverHeld(Verdict v, org.vigie.report.Activity a) {
        if (deliver(v)) {
            a.alertedLater(v);
        }
    }

    // Routes, formats and sends: on the engine thread, or later from a Hold's thread (hence the atomic counter).
    // Returns whether some destination took the verdict.
    private boolean deliver(Verdict v) {
        List<Destination> ds = dispatcher.route(v);
        if (!ds.isEmpty()) {
            // one alert per editor per window in a channel: the mark is taken here, when the alert goes out
            ds = dispatcher.unrepeated(v, ds, clock.millis());
        }
        if (!ds.isEmpty()) {
            // The text is rendered once per change and shared by its destinations.
            List<Alert> out = formatter.format(v, ds, System.nanoTime());
            for (int i = 0, n = out.size(); i < n; i++) {
                Alert al = out.get(i);
                alertsSent.incrementAndGet();
                rates.count(al.channel());
                alerts.send(al, v);
            }
        }
        return !ds.isEmpty();
    }

    /** Starts the engine thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "engine");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        RcEvent[] batch = new RcEvent[BATCH];
        while (running) {
            int n;
            try {
                // All that waits (up to BATCH) is taken at once and checked at the same clock reading: under load
                // the batches grow, and a quiet feed still gets one change, one reading. No time-out: close() wakes it.
                n = queue.take(batch);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (n == 0) {
                break;
            }
            long now = clock.millis();
            for (int i = 0; i < n; i++) {
                RcEvent change = batch[i];
                batch[i] = null;
                processSafely(change, now);
            }
        }
        queue.doneTaking();
    }

    private void processSafely(RcEvent change, long now) {
        try {
            process(change, now);
        } catch (RuntimeException ex) {
            // One bad change must not stop the patrol; say which one, once.
            LOG.error("engine: change on {} [[{}]] by {} failed: {}", change.wiki(), change.title(),
                    change.user(), ex.toString(), ex);
        }
    }

    /** Stops after the change in hand; what is still queued is processed first, within a short deadline. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        queue.stop();
        try {
            thread.join(2000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    public long changes() { return changes.get(); }
    public long verdicts() { return verdicts.get(); }
    public long alertsSent() { return alertsSent.get(); }
    public long dropped() { return dropped.get(); }
    public int queueDepth() { return queue.size(); }
    public long lastChangeMillis() { return lastChangeMillis.get(); }

    /** How many changes raised each event since start (read racily by status: fine for counters). */
    public long eventCount(Event e) {
        return eventCounts[e.ordinal()];
    }
}
