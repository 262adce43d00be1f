package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcEvent;
import org.vigie.irc.ConnectionSettings;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * The feed connection on a real ngIRCd when the feed dies or is abused (issue 13, points 5 and 7): a server that
 * answers our keep-alive but sends no feed line is a dead feed; a kick is answered at once; the sender is a mask.
 */
class FeedSurvivalTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RcEvent event(String wiki, String text) {
        return new RcEvent(wiki, RcEvent.Kind.EDIT, text, 0, "u", false, false, false, 1, 1, 0, 0, "", "", null,
                RcEvent.SummaryKind.NONE, null, false);
    }

    private static boolean joined(String line, String nick, String channel) {
        return line.startsWith(":" + nick + "!") && (line.endsWith(" JOIN " + channel)
                || line.endsWith(" JOIN :" + channel));
    }

    /** Before: the PONG to the bot's own PING counted as activity, so a feed without lines was never reopened. */
    @Test
    void aFeedWithoutLinesIsReopenedThoughThePongsKeepComing() throws Exception {
        try (NgircdServer server = NgircdServer.start();
             TestClient rc = TestClient.connect(server, "rc-pmtpa")) {
            rc.join("#fr.wikipedia");
            // watchdog 2 s; our keep-alive PING after 0.4 s of silence, answered by the server every time
            IrcFeed feed = new IrcFeed(ConnectionSettings.of("feed", server.host(), server.port(), "VigieFeed")
                    .withChannels(List.of("#fr.wikipedia")).withWatchdog(2_000, 400).withReconnect(50, 100),
                    "rc-pmtpa", FeedSurvivalTest::event);
            try {
                feed.start(e -> { });
                rc.awaitLine(l -> joined(l, "VigieFeed", "#fr.wikipedia"), WAIT);
                Await.until("a connection without feed lines is reopened", WAIT, () -> feed.stats().reconnects() >= 1);
                assertEquals(0, feed.stats().lastLineMillis(), "PING/PONG and server lines are no feed lines");
                assertTrue(feed.watchdogCloses() >= 1);
                // and once lines flow, the feed is alive and stays so
                // a JOIN seen after the mark (awaitLine would find the first one again: a line said before the
                // feed is back in the channel is lost, and the test then waited in vain under load)
                int mark = rc.lines().size();
                Await.until("the feed joined again", WAIT, () -> rc.lines().stream().skip(mark)
                        .anyMatch(l -> joined(l, "VigieFeed", "#fr.wikipedia")));
                rc.privmsg("#fr.wikipedia", "a change");
                Await.until("a feed line is seen", WAIT, () -> feed.stats().lastLineMillis() > 0);
            } finally {
                feed.close();
            }
        }
    }

    /** Before: a kicked feed waited for the periodic rejoin check (5 minutes by default). */
    @Test
    void aKickedFeedJoinsAgainAtOnceAndReadsOn() throws Exception {
        try (NgircdServer server = NgircdServer.start();
             TestClient rc = TestClient.connect(server, "rc-pmtpa")) {
            rc.join("#fr.wikipedia");       // first in: channel operator, may kick
            List<String> seen = new ArrayList<>();
            IrcFeed feed = new IrcFeed(ConnectionSettings.of("feed", server.host(), server.port(), "VigieFeed")
                    .withChannels(List.of("#fr.wikipedia")), "rc-pmtpa",
                    (wiki, text) -> {
                        synchronized (seen) {
                            seen.add(text);
                        }
                        return event(wiki, text);
                    });
            try {
                feed.start(e -> { });
                rc.awaitLine(l -> joined(l, "VigieFeed", "#fr.wikipedia"), WAIT);
                int mark = rc.lines().size();
                long kickedAt = System.nanoTime();
                rc.raw("KICK #fr.wikipedia VigieFeed :test");
                String again = LiveBotLess.after(rc, mark, l -> joined(l, "VigieFeed", "#fr.wikipedia"), WAIT);
                long millis = (System.nanoTime() - kickedAt) / 1_000_000;
                assertTrue(millis < 5_000, "joined again " + millis + " ms after the kick: " + again);
                assertEquals(1, feed.kicks());
                rc.privmsg("#fr.wikipedia", "after the kick");
                Await.until("lines are read again after the rejoin", WAIT, () -> {
                    synchronized (seen) {
                        return seen.contains("after the kick");
                    }
                });
            } finally {
                feed.close();
            }
        }
    }

    /** Before: the sender was a nick, so anyone holding it was believed. */
    @Test
    void theSendersNickFromAnotherHostIsDroppedAndCountedAsSpoofed() throws Exception {
        try (NgircdServer server = NgircdServer.start();
             TestClient rc = TestClient.connect(server, "rc-pmtpa")) {
            rc.join("#fr.wikipedia");
            List<String> seen = new ArrayList<>();
            // the real feed's mask: this loopback client holding the nick is not it
            IrcFeed strict = new IrcFeed(ConnectionSettings.of("feed", server.host(), server.port(), "VigieFeed")
                    .withChannels(List.of("#fr.wikipedia")), "rc-pmtpa!~rc-pmtpa@special.user",
                    (wiki, text) -> {
                        synchronized (seen) {
                            seen.add("strict " + text);
                        }
                        return event(wiki, text);
                    });
            // this server's view of the same client: believed
            IrcFeed local = new IrcFeed(ConnectionSettings.of("feed", server.host(), server.port(), "LocalFeed")
                    .withChannels(List.of("#fr.wikipedia")), "rc-pmtpa!*rc-pmtpa@127.0.0.1",
                    (wiki, text) -> {
                        synchronized (seen) {
                            seen.add("local " + text);
                        }
                        return event(wiki, text);
                    });
            try {
                strict.start(e -> { });
                local.start(e -> { });
                rc.awaitLine(l -> joined(l, "VigieFeed", "#fr.wikipedia"), WAIT);
                rc.awaitLine(l -> joined(l, "LocalFeed", "#fr.wikipedia"), WAIT);
                rc.privmsg("#fr.wikipedia", "forged?");
                Await.until("one feed drops the line as spoofed, the other reads it", WAIT,
                        () -> strict.spoofed() == 1 && local.stats().parsed() == 1);
                synchronized (seen) {
                    assertEquals(List.of("local forged?"), seen);
                }
                assertEquals(0, strict.stats().parsed());
                assertEquals(0, strict.stats().lastLineMillis(), "a spoofed line is no feed activity");
            } finally {
                strict.close();
                local.close();
            }
        }
    }

    /** Waits on a test client's lines from a mark (as LiveBot does, without a whole bot). */
    static final class LiveBotLess {
        static String after(TestClient c, int mark, java.util.function.Predicate<String> p, Duration timeout) {
            return Await.value("a matching line", timeout, () -> {
                List<String> lines = c.lines();
                for (int i = mark; i < lines.size(); i++) {
                    if (p.test(lines.get(i))) {
                        return lines.get(i);
                    }
                }
                return null;
            });
        }
    }
}
