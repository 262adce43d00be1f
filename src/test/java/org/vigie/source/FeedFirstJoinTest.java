package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcEvent;
import org.vigie.irc.ConnectionSettings;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * {@link IrcFeed#beforeFirstJoin}, on a real ngIRCd: the work Vigie does just before the feed's lines flow (it settles
 * its heap there) runs once, on the reader thread, after the registration and before the JOIN — and not again when
 * the connection is opened again. The reader thread runs at the highest priority.
 */
class FeedFirstJoinTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RcEvent event(String wiki, String text) {
        return new RcEvent(wiki, RcEvent.Kind.EDIT, text, 0, "u", false, false, false, 1, 1, 0, 0, "", "", null,
                RcEvent.SummaryKind.NONE, null, false);
    }

    private static boolean joined(String line) {
        return line.startsWith(":VigieFeed") && (line.endsWith(" JOIN #fr.wikipedia")
                || line.endsWith(" JOIN :#fr.wikipedia"));
    }

    @Test
    void runsOnceOnTheReaderBeforeTheFirstJoinAndNotAtAReconnection() throws Exception {
        try (NgircdServer server = NgircdServer.start();
             TestClient rc = TestClient.connect(server, "rc-pmtpa")) {
            rc.join("#fr.wikipedia");
            List<String> seen = new CopyOnWriteArrayList<>();
            IrcFeed feed = new IrcFeed(ConnectionSettings.of("feed", server.host(), server.port(), "VigieFeed")
                    .withChannels(List.of("#fr.wikipedia")).withReconnect(50, 100), "rc-pmtpa",
                    (wiki, text) -> {
                        seen.add(text);
                        return event(wiki, text);
                    });
            AtomicInteger runs = new AtomicInteger();
            AtomicLong endedNanos = new AtomicLong();
            List<String> where = new CopyOnWriteArrayList<>();
            feed.beforeFirstJoin(() -> {
                runs.incrementAndGet();
                where.add(Thread.currentThread().getName() + " priority=" + Thread.currentThread().getPriority()
                        + " joined=" + feed.joined("#fr.wikipedia")
                        + " registered=" + feed.stats().connected());
                try {
                    Thread.sleep(300);      // work that takes a while: the JOIN must wait for its end
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                endedNanos.set(System.nanoTime());
            });
            try {
                feed.start(e -> { });
                rc.awaitLine(FeedFirstJoinTest::joined, WAIT);
                long joinSeen = System.nanoTime();
                assertEquals(1, runs.get());
                assertEquals(List.of("irc-feed priority=10 joined=false registered=true"), where,
                        "on the reader thread (highest priority), registered, not joined yet");
                assertTrue(endedNanos.get() != 0 && joinSeen - endedNanos.get() >= 0,
                        "the JOIN came after the work had ended");
                rc.privmsg("#fr.wikipedia", "first");
                Await.until("the first line is read", WAIT, () -> seen.contains("first"));

                int mark = rc.lines().size();
                feed.reset();
                Await.until("joined again after the reconnection", WAIT,
                        () -> rc.lines().subList(mark, rc.lines().size()).stream()
                                .anyMatch(FeedFirstJoinTest::joined));
                assertEquals(1, feed.stats().reconnects());
                assertEquals(1, runs.get(), "not run again at a reconnection");
                rc.privmsg("#fr.wikipedia", "second");
                Await.until("lines are read after the reconnection", WAIT, () -> seen.contains("second"));
                assertFalse(seen.isEmpty());
            } finally {
                feed.close();
            }
        }
    }
}
