package org.vigie.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Alert;
import org.vigie.alert.Priority;
import org.vigie.patrol.Changes;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;
import org.vigie.testutil.Await;

/** The tap between the engine and the live pages: it never makes the patrol wait, and a slow viewer only hurts itself. */
class LiveAlertsTest {

    private static Verdict verdict(int n) {
        return new Verdict(Changes.edit("Page " + n, "192.0.2." + (n % 250), 10).build(), EditorClass.ANON,
                Event.IP.bit(), List.of(), List.of());
    }

    private static void send(LiveAlerts a, Verdict v) {
        a.send(new Alert("#x", "t", Priority.NORMAL, System.nanoTime()), v);
    }

    private static void awaitKept(LiveAlerts a, long id) {
        Await.until("alert " + id + " in the page's list", () -> !a.recent().isEmpty() && a.recent().get(0).id() >= id);
    }

    @Test
    void aFloodIsDroppedAndCountedWithoutEverBlockingThePatrol() {
        try (LiveAlerts a = new LiveAlerts(Clock.systemUTC(), 5)) {
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                send(a, verdict(i));       // returns at once: the web side takes 100 a second at most
            }
            assertEquals(n, a.alerted());
            assertTrue(a.dropped() >= n - LiveAlerts.INBOX - 2 * LiveAlerts.BURST, "dropped " + a.dropped());
            assertEquals(n, a.countsByWiki().get("fr.wikipedia").get(Event.IP));
            assertEquals(n, a.perMinute()[59] + a.perMinute()[58], "counted in the current minute (or the one before)");
        }
    }

    @Test
    void aVerdictSentToSeveralChannelsIsOneAlert() {
        try (LiveAlerts a = new LiveAlerts(Clock.systemUTC(), 5)) {
            Verdict v = verdict(1);
            send(a, v);
            send(a, v);
            send(a, v);
            send(a, verdict(2));
            awaitKept(a, 2);
            assertEquals(2, a.alerted());
            assertEquals(List.of("Page 2", "Page 1"), a.recent().stream().map(LiveAlert::title).toList());
        }
    }

    @Test
    void aViewerThatDoesNotReadMissesAlertsAndTheOtherGetsThemAll() throws Exception {
        try (LiveAlerts a = new LiveAlerts(Clock.systemUTC(), 2)) {
            LiveAlerts.Viewer reader = a.subscribe();
            LiveAlerts.Viewer sleeper = a.subscribe();
            assertNull(a.subscribe(), "the third is refused");
            assertEquals(1, a.refused());
            AtomicInteger got = new AtomicInteger();
            Thread t = new Thread(() -> {
                List<LiveAlerts.Framed> batch = new ArrayList<>();
                try {
                    while (!a.isClosed()) {
                        got.addAndGet(reader.next(100, batch, 64));
                        batch.clear();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            int total = LiveAlerts.PER_VIEWER + 44;
            for (int i = 1; i <= total; i++) {
                send(a, verdict(i));
                if (i % 100 == 0) {
                    awaitKept(a, i);      // stay below the inbox: only the viewer's own buffer is at stake here
                }
            }
            awaitKept(a, total);
            Await.until("the reading viewer to get all " + total, () -> got.get() >= total);
            // the web thread offers each alert to the reader, then to the sleeper: the last one may reach the
            // reader before the sleeper's refusal is counted
            Await.until("the sleeper's refusals to be counted", () -> a.dropped() >= 44);
            assertEquals(44, sleeper.takeMissed(), "the sleeper's buffer holds " + LiveAlerts.PER_VIEWER);
            assertEquals(0, reader.takeMissed());
            assertEquals(44, a.dropped());
            a.close();
            t.join(5_000);
            sleeper.close();
            reader.close();
            assertEquals(0, a.viewers());
        }
    }

    @Test
    void theScoreAndItsTwoStrongestReasonsReachThePage() {
        Verdict scored = verdict(7).withScore(new org.vigie.score.Score(72,
                List.of(org.vigie.score.Feature.IP, org.vigie.score.Feature.BIGREMOVAL),
                org.vigie.score.Feature.IP.bit() | org.vigie.score.Feature.BIGREMOVAL.bit(), Double.NaN));
        LiveAlert a = LiveAlert.of(1, 0, scored);
        assertEquals(72, a.score());
        assertEquals("score: ip, bigremoval", a.reasons().get(a.reasons().size() - 1));
        LiveAlert plain = LiveAlert.of(2, 0, verdict(8));
        assertNull(plain.score(), "a verdict without a score shows none");
        assertTrue(plain.reasons().stream().noneMatch(r -> r.startsWith("score:")));
    }

    @Test
    void perMinuteCountsRollOverTheHour() {
        LiveAlerts.MinuteSeries m = new LiveAlerts.MinuteSeries(60);
        long t0 = 1_000 * 60_000L;
        m.add(t0);
        m.add(t0 + 1_000);
        m.add(t0 + 60_000);
        long[] s = m.series(t0 + 60_000);
        assertEquals(2, s[58]);
        assertEquals(1, s[59]);
        m.add(t0 + 60 * 60_000);      // the slot of t0, an hour later: the old count is gone
        long[] later = m.series(t0 + 60 * 60_000);
        long[] expected = new long[60];
        expected[58] = 0;
        expected[59] = 1;
        expected[0] = 1;              // t0 + 1 min is still within the hour shown
        assertArrayEquals(expected, later);
    }
}
