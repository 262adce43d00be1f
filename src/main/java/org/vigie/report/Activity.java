package org.vigie.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * What the engine saw, for the daily reports: per wiki, changes read, changes that raised events and how many raised
 * each event; and for each change that some destination took (alerted), its wiki, editor, page and events. Written on
 * the engine thread (one writer), taken by {@link #drain} on another thread (one reader), once a minute.
 *
 * <p>Cost per change: one identity lookup in a small direct-mapped table of wiki names (the parsers hand out one
 * instance per wiki) and one release store. Per change that raised events: a release store per event in that wiki's
 * counters — no allocation, and nothing of the change is kept, so the collector never has to copy a change that
 * alerted nowhere (keeping every raised change until the next drain made each young collection copy them all: about
 * 100 ns a line of collector pauses in {@code bench}). Per alerted change: one small {@link Raised} record (its wiki,
 * editor and page, not the change: the change, its verdict and score die young instead of being copied by every young
 * collection until the drain, once a minute), an array store and one release store in a single-producer
 * single-consumer ring (no lock); when the ring is full the alert is counted as overflow instead.
 */
public final class Activity {

    /** An alerted change: its wiki, editor, page (a log entry's target) and events. */
    public record Raised(String wiki, String user, String title, long events, boolean alerted) {
    }

    /**
     * What {@link #drain} took since the last drain: per wiki, changes read, changes that raised events and, per event
     * key, changes that raised it; the alerted changes in order; alerts lost to a full ring.
     */
    public record Drained(Map<String, Long> changes, Map<String, Long> raised, Map<String, Map<String, Long>> events,
                          List<Raised> alerted, long overflow) {
    }

    private static final Event[] EVENTS = Event.values();
    /** Counter indexes: changes read, changes that raised events, then one per event (by ordinal). */
    private static final int READ = 0;
    private static final int RAISED = 1;
    private static final int FIRST_EVENT = 2;

    private static final class Counter {
        final AtomicLongArray n = new AtomicLongArray(FIRST_EVENT + EVENTS.length);
        final long[] drained = new long[FIRST_EVENT + EVENTS.length];     // drain thread only
    }

    private static final int SLOTS = 256;
    private static final int RING = 1 << 16;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    // engine thread only: wiki name (by identity) -> its counters
    private final String[] slotWiki = new String[SLOTS];
    private final Counter[] slotCounter = new Counter[SLOTS];

    private final Raised[] ring = new Raised[RING];
    private final AtomicLong head = new AtomicLong();   // next slot to drain (drain thread writes)
    private final AtomicLong tail = new AtomicLong();   // next slot to fill (engine thread writes)
    private long headSeen;                              // engine thread's last reading of head
    private final AtomicLong overflow = new AtomicLong();
    private long overflowDrained;
    /** Held changes delivered later, from Lift Wing's thread or the timer ({@link #alertedLater}). */
    private final java.util.Queue<Verdict> late = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private static Raised raised(Verdict v) {
        var e = v.change();
        String title = e.isLog() && e.log() != null && e.log().target() != null ? e.log().target() : e.title();
        return new Raised(e.wiki(), e.user(), title, v.events(), true);
    }

    /** The counters of a wiki (engine thread). */
    private Counter counter(String wiki) {
        String w = wiki == null ? "" : wiki;
        int slot = System.identityHashCode(w) & (SLOTS - 1);
        Counter c = slotWiki[slot] == w ? slotCounter[slot] : null;
        if (c == null) {
            c = counters.computeIfAbsent(w, k -> new Counter());
            slotWiki[slot] = w;
            slotCounter[slot] = c;
        }
        return c;
    }

    private static void increment(AtomicLongArray a, int i) {
        a.lazySet(i, a.get(i) + 1);
    }

    /** A change was read (engine thread). */
    public void read(String wiki) {
        increment(counter(wiki).n, READ);
    }

    /** A change raised events; {@code alerted}: some destination took it (engine thread). */
    public void raised(Verdict v, boolean alerted) {
        AtomicLongArray n = counter(v.change().wiki()).n;
        increment(n, RAISED);
        for (long b = v.events(); b != 0; b &= b - 1) {
            increment(n, FIRST_EVENT + Long.numberOfTrailingZeros(b));
        }
        if (!alerted) {
            return;
        }
        long t = tail.get();
        if (t - headSeen >= RING) {
            headSeen = head.get();
            if (t - headSeen >= RING) {
                overflow.lazySet(overflow.get() + 1);
                return;
            }
        }
        ring[(int) (t & (RING - 1))] = raised(v);
        tail.lazySet(t + 1);        // publishes the slot to the drain
    }

    /**
     * A change held back (Lift Wing) and delivered later to some destination, from whatever thread delivered it: it
     * was counted by {@link #raised} as not alerted when it was held. Rare (only held changes), so a concurrent queue.
     */
    public void alertedLater(Verdict v) {
        late.add(v);
    }

    /** Takes what was seen since the last call (one draining thread at a time). */
    public synchronized Drained drain() {
        Map<String, Long> read = new LinkedHashMap<>();
        Map<String, Long> raised = new LinkedHashMap<>();
        Map<String, Map<String, Long>> events = new LinkedHashMap<>();
        counters.forEach((wiki, c) -> {
            for (int i = 0; i < c.drained.length; i++) {
                long now = c.n.get(i);
                long d = now - c.drained[i];
                if (d <= 0) {
                    continue;
                }
                c.drained[i] = now;
                if (i == READ) {
                    read.put(wiki, d);
                } else if (i == RAISED) {
                    raised.put(wiki, d);
                } else {
                    events.computeIfAbsent(wiki, k -> new LinkedHashMap<>()).put(EVENTS[i - FIRST_EVENT].key(), d);
                }
            }
        });
        List<Raised> out = new ArrayList<>();
        long h = head.get();
        long t = tail.get();
        for (; h < t; h++) {
            int i = (int) (h & (RING - 1));
            out.add(ring[i]);
            ring[i] = null;
        }
        head.lazySet(h);            // hands the slots back to the engine thread
        for (Verdict v; (v = late.poll()) != null; ) {
            out.add(raised(v));
        }
        long o = overflow.get();
        long newOverflow = o - overflowDrained;
        overflowDrained = o;
        return new Drained(read, raised, events, out, newOverflow);
    }
}
