package org.vigie.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vigie.patrol.Verdict;

/**
 * What the engine saw, for the daily reports: changes read per wiki, and for each change that raised events, its
 * wiki, editor, page, events and whether any destination took it. Written on the engine thread (one writer), read
 * and written to the store by {@link #drain} on another thread, once a minute.
 *
 * <p>Per change: one reference comparison with the last wiki seen and one release store (the common feed watches
 * one wiki); a map lookup only when the wiki changes. Per change that raised events (a few in a hundred): one object
 * handed over a bounded queue, dropped and counted when full.
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

    private final Map<String, Counter> changes = new ConcurrentHashMap<>();
    private final BlockingQueue<Raised> raised = new ArrayBlockingQueue<>(50_000);
    private final AtomicLong overflow = new AtomicLong();
    private long overflowDrained;
    private String lastWiki;        // engine thread only
    private Counter lastCounter;    // engine thread only

    /** A change was read (engine thread). */
    public void read(String wiki) {
        Counter c;
        if (wiki == lastWiki && lastCounter != null) {
            c = lastCounter;
        } else {
            c = changes.computeIfAbsent(wiki == null ? "" : wiki, k -> new Counter());
            lastWiki = wiki;
            lastCounter = c;
        }
        c.n.lazySet(c.n.get() + 1);
    }

    /** A change raised events (engine thread). */
    public void raised(Verdict v, boolean alerted) {
        var e = v.change();
        if (!raised.offer(new Raised(e.wiki(), e.user(), e.isLog() && e.log() != null && e.log().target() != null
                ? e.log().target() : e.title(), v.events(), alerted))) {
            overflow.incrementAndGet();
        }
    }

    /** Takes what was seen since the last call (one draining thread). */
    public synchronized Drained drain() {
        Map<String, Long> read = new java.util.LinkedHashMap<>();
        changes.forEach((wiki, c) -> {
            long now = c.n.get();
            if (now > c.drained) {
                read.put(wiki, now - c.drained);
                c.drained = now;
            }
        });
        List<Raised> r = new ArrayList<>();
        raised.drainTo(r);
        long o = overflow.get();
        long newOverflow = o - overflowDrained;
        overflowDrained = o;
        return new Drained(read, r, newOverflow);
    }
}
