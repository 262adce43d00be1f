package org.vigie.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vigie.patrol.Verdict;

/**
 * What the engine saw, for the daily reports: changes read per wiki, and for each change that raised events, its
 * wiki, editor, page, events and whether any destination took it. Written on the engine thread (one writer), taken
 * by {@link #drain} on another thread (one reader), once a minute.
 *
 * <p>Cost per change: one identity lookup in a small direct-mapped table of wiki names (the parsers hand out one
 * instance per wiki) and one release store. Per change that raised events: two array stores and one release store in
 * a single-producer single-consumer ring (no lock, no allocation); when the ring is full the change is counted as
 * overflow instead.
 */
public final class Activity {

    /** A change that raised events. */
    public record Raised(String wiki, String user, String title, long events, boolean alerted) {
    }

    /** What {@link #drain} took: changes read per wiki since the last drain, and the changes that raised events. */
    public record Drained(Map<String, Long> changes, List<Raised> raised, long overflow) {
    }

    private static final class Counter {
        final AtomicLong n = new AtomicLong();
        long drained;       // drain thread only
    }

    private static final int SLOTS = 256;
    private static final int RING = 1 << 16;

    private final Map<String, Counter> changes = new ConcurrentHashMap<>();
    // engine thread only: wiki name (by identity) -> its counter
    private final String[] slotWiki = new String[SLOTS];
    private final Counter[] slotCounter = new Counter[SLOTS];

    private final Verdict[] ring = new Verdict[RING];
    private final boolean[] ringAlerted = new boolean[RING];
    private final AtomicLong head = new AtomicLong();   // next slot to drain (drain thread writes)
    private final AtomicLong tail = new AtomicLong();   // next slot to fill (engine thread writes)
    private long headSeen;                              // engine thread's last reading of head
    private final AtomicLong overflow = new AtomicLong();
    private long overflowDrained;

    /** A change was read (engine thread). */
    public void read(String wiki) {
        String w = wiki == null ? "" : wiki;
        int slot = System.identityHashCode(w) & (SLOTS - 1);
        Counter c = slotWiki[slot] == w ? slotCounter[slot] : null;
        if (c == null) {
            c = changes.computeIfAbsent(w, k -> new Counter());
            slotWiki[slot] = w;
            slotCounter[slot] = c;
        }
        c.n.lazySet(c.n.get() + 1);
    }

    /** A change raised events (engine thread). */
    public void raised(Verdict v, boolean alerted) {
        long t = tail.get();
        if (t - headSeen >= RING) {
            headSeen = head.get();
            if (t - headSeen >= RING) {
                overflow.lazySet(overflow.get() + 1);
                return;
            }
        }
        int i = (int) (t & (RING - 1));
        ring[i] = v;
        ringAlerted[i] = alerted;
        tail.lazySet(t + 1);        // publishes the slot to the drain
    }

    /** Takes what was seen since the last call (one draining thread at a time). */
    public synchronized Drained drain() {
        Map<String, Long> read = new LinkedHashMap<>();
        changes.forEach((wiki, c) -> {
            long now = c.n.get();
            if (now > c.drained) {
                read.put(wiki, now - c.drained);
                c.drained = now;
            }
        });
        List<Raised> out = new ArrayList<>();
        long h = head.get();
        long t = tail.get();
        for (; h < t; h++) {
            int i = (int) (h & (RING - 1));
            Verdict v = ring[i];
            ring[i] = null;
            var e = v.change();
            String title = e.isLog() && e.log() != null && e.log().target() != null ? e.log().target() : e.title();
            out.add(new Raised(e.wiki(), e.user(), title, v.events(), ringAlerted[i]));
        }
        head.lazySet(h);            // hands the slots back to the engine thread
        long o = overflow.get();
        long newOverflow = o - overflowDrained;
        overflowDrained = o;
        return new Drained(read, out, newOverflow);
    }
}
