package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.feed.FeedStats;
import org.vigie.feed.RcEvent;
import org.vigie.irc.ConnectionSettings;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/** The feed connection on a real ngIRCd: only rc-pmtpa is read, and its text reaches the parser untouched. */
class IrcFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A real line shape: colour codes around every field, a bold size, a summary that starts with a digit. */
    private static final String RC_LINE = "\u000314[[\u000307Utilisateur:Exemple\u000314]]\u00034 !N\u000310 "
            + "\u000302https://fr.wikipedia.org/w/index.php?oldid=123&rcid=456\u0003 \u00035*\u0003 "
            + "\u000303~2025-12345-67\u0003 \u00035*\u0003 (\u0002-600\u0002) \u000310,5 mots \u00e9t\u00e9 ôtés\u0003";

    private record Seen(String wiki, String text) {
    }

    private static RcEvent event(String wiki, String title) {
        return new RcEvent(wiki, RcEvent.Kind.EDIT, title, 0, "u", false, false, false, 1, 1, 0, 0, "", "", null,
                RcEvent.SummaryKind.NONE, null, false);
    }

    @Test
    void onlyTheFeedNickIsParsedWithColoursIntactAndBadLinesAreCounted() throws Exception {
        try (NgircdServer server = NgircdServer.start();
             TestClient rc = TestClient.connect(server, "rc-pmtpa");
             TestClient intruder = TestClient.connect(server, "intruder")) {
            rc.join("#fr.wikipedia");
            rc.join("#en.wikipedia");
            intruder.join("#fr.wikipedia");

            List<Seen> seen = new ArrayList<>();
            List<RcEvent> delivered = new ArrayList<>();
            IrcFeed feed = new IrcFeed(ConnectionSettings.of("feed", server.host(), server.port(), "VigieFeed")
                    .withChannels(List.of("#fr.wikipedia", "#en.wikipedia")), "rc-pmtpa",
                    (wiki, text) -> {
                        synchronized (seen) {
                            seen.add(new Seen(wiki, text));
                        }
                        return text.startsWith("\u000314[[") ? event(wiki, text) : null;
                    });
            try {
                feed.start(e -> {
                    synchronized (delivered) {
                        delivered.add(e);
                        delivered.notifyAll();
                    }
                });
                rc.awaitLine(l -> l.startsWith(":VigieFeed!") && l.endsWith("#fr.wikipedia"), WAIT);
                rc.awaitLine(l -> l.startsWith(":VigieFeed!") && l.endsWith("#en.wikipedia"), WAIT);

                intruder.privmsg("#fr.wikipedia", "\u000314[[\u000307Fake\u000314]] forged line");
                rc.privmsg("#fr.wikipedia", RC_LINE);
                rc.privmsg("#en.wikipedia", "not a change line");
                rc.privmsg("#en.wikipedia", RC_LINE.replace("Utilisateur", "User"));

                Await.until("two events delivered", WAIT, () -> {
                    synchronized (delivered) {
                        return delivered.size() >= 2;
                    }
                });
                Await.until("the bad line is counted", WAIT, () -> feed.stats().skipped() == 1);

                synchronized (seen) {
                    assertEquals(List.of(new Seen("fr.wikipedia", RC_LINE),
                            new Seen("en.wikipedia", "not a change line"),
                            new Seen("en.wikipedia", RC_LINE.replace("Utilisateur", "User"))), seen,
                            "the intruder's line never reaches the parser; rc-pmtpa's text is byte for byte");
                }
                assertEquals(2, delivered.size());
                assertEquals("fr.wikipedia", delivered.get(0).wiki());
                assertEquals(1, feed.ignored());
                FeedStats stats = feed.stats();
                assertTrue(stats.connected());
                assertEquals(4, stats.lines());
                assertEquals(2, stats.parsed());
                assertEquals(1, stats.skipped());
                assertEquals(0, stats.reconnects());
                assertTrue(stats.lastLineMillis() > 0);
                assertEquals("irc " + server.host() + ":" + server.port(), stats.name());
            } finally {
                feed.close();
            }
            assertTrue(!feed.stats().connected());
        }
    }

    @Test
    void aParserExceptionIsCountedAndTheReaderGoesOn() throws Exception {
        try (NgircdServer server = NgircdServer.start();
             TestClient rc = TestClient.connect(server, "rc-pmtpa")) {
            rc.join("#de.wikipedia");
            List<RcEvent> delivered = new ArrayList<>();
            IrcFeed feed = new IrcFeed(ConnectionSettings.of("feed", server.host(), server.port(), "VigieFeed")
                    .withChannels(List.of("#de.wikipedia")), "rc-pmtpa",
                    (wiki, text) -> {
                        if (text.equals("boom")) {
                            throw new IllegalStateException("parser bug");
                        }
                        return event(wiki, text);
                    });
            try {
                feed.start(e -> {
                    synchronized (delivered) {
                        delivered.add(e);
                    }
                });
                rc.awaitLine(l -> l.startsWith(":VigieFeed!") && l.endsWith("#de.wikipedia"), WAIT);
                rc.privmsg("#de.wikipedia", "boom");
                rc.privmsg("#de.wikipedia", "fine");
                Await.until("the next line is parsed", WAIT, () -> feed.stats().parsed() == 1);
                assertEquals(1, feed.stats().skipped());
                synchronized (delivered) {
                    assertEquals("fine", delivered.get(0).title());
                }
            } finally {
                feed.close();
            }
        }
    }
}
