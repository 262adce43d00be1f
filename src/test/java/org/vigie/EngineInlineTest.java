package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;
import org.vigie.i18n.Templates;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Patrol;

/**
 * A feed reader's few changes run on its own thread when the engine is idle; otherwise they are queued for the engine
 * thread, in order, and the reader never waits for the engine.
 */
class EngineInlineTest {

    /** One alert seen by the sink: which change (its revision) and on which thread. */
    private record Seen(long rev, String thread) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private volatile CountDownLatch hold;
    private volatile CountDownLatch holding;
    private volatile Thread lastThread;
    private Engine engine;

    @AfterEach
    void close() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static RcEvent ipEdit(long rev) {
        return new RcEvent("fr.wikipedia", RcEvent.Kind.EDIT, "Paris", 0, "10.0.0." + (rev % 250), false, false, false,
                120, rev, rev - 1, 0, "https://fr.wikipedia.org/w/index.php?diff=" + rev, "ajout", null,
                RcEvent.SummaryKind.NONE, null, false);
    }

    private Engine engine(int capacity) throws java.io.IOException {
        Settings settings = Settings.defaults();
        Templates t = Templates.loadResource("en");
        Patrol patrol = new Patrol(new Lists().reader(), () -> settings, new BlockConflicts(), new AutoList(t));
        Dispatcher d = new Dispatcher(null);
        d.add("#vigie", "ip repeat=0"); // one alert per change: no editor's repeat held back (alert/Repeats)
        engine = new Engine(patrol, d, new AlertFormatter(t), (a, v) -> {
            CountDownLatch h = hold;
            if (h != null && holding != null) {
                holding.countDown();
                try {
                    h.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lastThread = Thread.currentThread();
            synchronized (seen) {
                seen.add(new Seen(v.change().revId(), Thread.currentThread().getName()));
                seen.notifyAll();
            }
        }, (en, v) -> { }, Clock.systemUTC(), capacity);
        return engine;
    }

    private List<Seen> awaitSeen(int n) throws InterruptedException {
        synchronized (seen) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen.size() < n && System.nanoTime() < deadline) {
                seen.wait(100);
            }
            return new ArrayList<>(seen);
        }
    }

    private static RcEvent[] edits(long from, int n) {
        RcEvent[] a = new RcEvent[n];
        for (int i = 0; i < n; i++) {
            a[i] = ipEdit(from + i);
        }
        return a;
    }

    @Test
    void aFewChangesMeetingAnIdleEngineRunOnTheReadersThreadBeforeTheHandOffReturns() throws Exception {
        Engine e = engine(100);
        e.start();
        assertEquals(3, e.offerAll(edits(1, 3), 3));
        // done when offerAll returned, on this thread: nothing was queued, the engine thread was not needed
        List<Seen> s;
        synchronized (seen) {
            s = new ArrayList<>(seen);
        }
        assertEquals(3, s.size(), "every change raised its alert during the hand-off: " + s);
        for (int i = 0; i < 3; i++) {
            assertEquals(1 + i, s.get(i).rev());
            assertEquals(Thread.currentThread().getName(), s.get(i).thread());
        }
        assertEquals(3, e.changes());
        assertEquals(0, e.queueDepth());
    }

    @Test
    void aLargeHandOffGoesToTheEngineThreadInOrder() throws Exception {
        Engine e = engine(1_000);
        e.start();
        int n = Engine.INLINE_MAX + 1;
        assertEquals(n, e.offerAll(edits(1, n), n));
        List<Seen> s = awaitSeen(n);
        assertEquals(n, s.size());
        for (int i = 0; i < n; i++) {
            assertEquals(1 + i, s.get(i).rev(), "arrival order kept");
            assertEquals("engine", s.get(i).thread());
        }
    }

    @Test
    void whileTheEngineThreadIsBusyTheReaderQueuesAndNeverWaitsAndOrderIsKept() throws Exception {
        Engine e = engine(1_000);
        e.start();
        hold = new CountDownLatch(1);
        holding = new CountDownLatch(1);
        int big = Engine.INLINE_MAX + 1;
        e.offerAll(edits(1, big), big);          // to the engine thread, which stops in the sink at the first alert
        assertTrue(holding.await(20, TimeUnit.SECONDS), "the engine thread took the first batch");
        holding = null;
        // the engine thread is inside its batch: a small hand-off must not run here (that would run two changes at
        // once, or out of order), nor wait; it is queued behind
        assertEquals(2, e.offerAll(edits(1_000, 2), 2));
        synchronized (seen) {
            assertTrue(seen.isEmpty(), "nothing ran on this thread while the engine thread was busy: " + seen);
        }
        hold.countDown();
        List<Seen> s = awaitSeen(big + 2);
        assertEquals(big + 2, s.size());
        for (int i = 0; i < big; i++) {
            assertEquals(1 + i, s.get(i).rev());
        }
        assertEquals(1_000, s.get(big).rev());
        assertEquals(1_001, s.get(big + 1).rev());
        for (Seen x : s) {
            assertEquals("engine", x.thread(), "queued changes run on the engine thread");
        }
    }

    @Test
    void aReaderWhoseSocketMayHoldMoreHandsOffEvenToAnIdleEngine() throws Exception {
        Engine e = engine(100);
        e.start();
        e.acceptAll(edits(1, 2), 2, true);
        List<Seen> s = awaitSeen(2);
        assertEquals(2, s.size());
        for (Seen x : s) {
            assertEquals("engine", x.thread(), "the reader got back to its socket at once");
        }
    }

    @Test
    void withInlineOffEveryChangeGoesThroughTheEngineThread() throws Exception {
        Engine e = engine(100).inline(false);
        e.start();
        e.offerAll(edits(1, 2), 2);
        e.offer(ipEdit(3));
        List<Seen> s = awaitSeen(3);
        assertEquals(3, s.size());
        for (Seen x : s) {
            assertEquals("engine", x.thread());
        }
    }

    @Test
    void beforeStartChangesAreQueuedAndRunOnceStarted() throws Exception {
        Engine e = engine(100);
        e.offerAll(edits(1, 2), 2);
        synchronized (seen) {
            assertTrue(seen.isEmpty());
        }
        assertEquals(2, e.queueDepth());
        e.start();
        List<Seen> s = awaitSeen(2);
        assertEquals(2, s.size());
        assertEquals("engine", s.get(0).thread());
    }

    @Test
    void closeWakesTheIdleEngineThreadWhichWaitsWithoutATimeOut() throws Exception {
        Engine e = engine(100);
        e.start();
        int big = Engine.INLINE_MAX + 1;
        e.offerAll(edits(1, big), big);
        assertEquals(big, awaitSeen(big).size());
        Thread t = lastThread;
        assertEquals("engine", t.getName());
        e.close();
        t.join(10_000);
        assertFalse(t.isAlive(), "the engine thread ended at close");
        // after close, a hand-off is queued (and dropped at the end), not run on the caller's thread
        e.offerAll(edits(1_000, 1), 1);
        assertEquals(big, awaitSeen(big).size());
    }
}
