package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.feed.Feed;
import org.vigie.feed.RcEvent;
import org.vigie.irc.ConnectionSettings;

/**
 * The lean feed reader's byte handling, without a socket: bytes go in as the socket would deliver them, and what
 * reaches the parser, the sink and the wire is checked.
 */
class FeedReaderTest {

    private static final String FEED = ":rc-pmtpa!~rc-pmtpa@special.user PRIVMSG #fr.wikipedia :";

    private final List<String> parsed = new ArrayList<>();
    private final List<Integer> handOffs = new ArrayList<>();
    private final List<RcEvent> delivered = new ArrayList<>();
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private IrcFeed feed;
    private boolean saturated;
    private int droppedBySink;

    private static RcEvent event(String wiki, String text) {
        return new RcEvent(wiki, RcEvent.Kind.EDIT, text, 0, "u", false, false, false, 1, 1, 0, 0, "", "", null,
                RcEvent.SummaryKind.NONE, null, false);
    }

    @BeforeEach
    void setUp() {
        feed = newFeed("rc-pmtpa!~rc-pmtpa@special.user");
    }

    private IrcFeed newFeed(String sender) {
        IrcFeed f = new IrcFeed(ConnectionSettings.of("feed", "irc.example", 6667, "VigieFeed")
                .withChannels(List.of("#fr.wikipedia", "#en.wikipedia")), sender, (wiki, text) -> {
                    parsed.add(wiki + "|" + text);
                    return text.startsWith("bad") ? null : event(wiki, text);
                });
        f.sink(new Feed.Sink() {
            @Override
            public void accept(RcEvent e) {
                throw new AssertionError("changes must be handed over by batch");
            }

            @Override
            public void acceptAll(RcEvent[] events, int n) {
                handOffs.add(n);
                for (int i = 0; i < n; i++) {
                    delivered.add(events[i]);
                }
            }

            @Override
            public boolean saturated() {
                return saturated;
            }

            @Override
            public void dropped(int n) {
                droppedBySink += n;
            }
        });
        f.output(wire);
        f.registeredAs("VigieFeed");
        return f;
    }

    private void in(String s) {
        feed.receivedBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void in(byte[] b) {
        feed.receivedBytes(b);
    }

    @Test
    void aLineSplitAcrossReadsIsParsedOnceWhole() {
        String text = "\u000314[[\u000307Été\u000314]]\u00034 M\u000310 \u000302https://x\u0003 \u00035*\u0003 A \u00035*\u0003 (+1) \u000310ok\u0003";
        byte[] all = (FEED + text + "\r\n").getBytes(StandardCharsets.UTF_8);
        // cut inside the prefix, inside a two-byte character (É), and between CR and LF
        int inChar = (FEED + "\u000314[[\u000307").getBytes(StandardCharsets.UTF_8).length + 1;
        int[] cuts = {10, inChar, all.length - 1, all.length};
        int from = 0;
        for (int cut : cuts) {
            byte[] piece = new byte[cut - from];
            System.arraycopy(all, from, piece, 0, piece.length);
            in(piece);
            from = cut;
        }
        assertEquals(List.of("fr.wikipedia|" + text), parsed);
        assertEquals(1, delivered.size());
        assertEquals(0, feed.malformed(), "a character cut between two reads is not malformed");
    }

    @Test
    void crLfCrLfAndEmptyLinesAllEndLines() {
        in(FEED + "a\r" + FEED + "b\n" + FEED + "c\r\n\r\n\n" + FEED + "d\n\r" + FEED + "e\r\n");
        assertEquals(List.of("fr.wikipedia|a", "fr.wikipedia|b", "fr.wikipedia|c", "fr.wikipedia|d",
                "fr.wikipedia|e"), parsed);
        assertEquals(5, feed.stats().lines());
    }

    @Test
    void aNulIsNoLineEndAndReachesTheParserWithTheRestOfTheLine() {
        in(FEED + "before\u0000after\r\n");
        assertEquals(List.of("fr.wikipedia|before\u0000after"), parsed);
    }

    @Test
    void theChangesOfOneReadGoToTheEngineInOneHandOff() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            b.append(FEED).append("line ").append(i).append("\r\n");
        }
        b.append(FEED).append("bad line\r\n");
        in(b.toString());
        assertEquals(List.of(100), handOffs);
        assertEquals(100, feed.stats().parsed());
        assertEquals(1, feed.stats().skipped());
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementAndCountedNotFatal() {
        byte[] head = (FEED + "caf").getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + 3];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xE9;                  // Latin-1 é: not UTF-8
        line[head.length + 1] = '\r';
        line[head.length + 2] = '\n';
        in(line);
        in(FEED + "a real \uFFFD is not malformed\r\n");
        in(FEED + "next\r\n");
        assertEquals(List.of("fr.wikipedia|caf\uFFFD", "fr.wikipedia|a real \uFFFD is not malformed",
                "fr.wikipedia|next"), parsed);
        assertEquals(1, feed.malformed());
        assertEquals(3, delivered.size());
    }

    @Test
    void aLineLongerThanTheBufferIsDroppedAndCountedAndTheNextOneRead() {
        String huge = FEED + "x".repeat(IrcFeed.BUFFER + 100);
        in(huge + "\r\n" + FEED + "after\r\n");
        assertEquals(List.of("fr.wikipedia|after"), parsed);
        assertEquals(1, feed.overlong());
    }

    @Test
    void pingIsAnsweredAtOnceAndNeitherPingNorPongCountsAsAFeedLine() {
        in("PING :irc.wikimedia.org\r\n");
        in(":irc.wikimedia.org PONG irc.wikimedia.org :keepalive\r\n");
        in(":irc.wikimedia.org NOTICE VigieFeed :server notice\r\n");
        assertEquals("PONG :irc.wikimedia.org\r\n", wire.toString(StandardCharsets.UTF_8));
        assertEquals(0, feed.stats().lastLineMillis(), "only a line from the feed's sender is feed activity");
        in(FEED + "a change\r\n");
        assertTrue(feed.stats().lastLineMillis() > 0);
    }

    @Test
    void theSendersNickFromAnotherUserAtHostIsSpoofedAndAnyoneElseIgnored() {
        in(":rc-pmtpa!~evil@203.0.113.9 PRIVMSG #fr.wikipedia :forged change\r\n");
        in(":RC-PMTPA!~rc-pmtpa@attacker.example PRIVMSG #fr.wikipedia :forged too\r\n");
        in(":someone!~x@host PRIVMSG #fr.wikipedia :chatter\r\n");
        in(":irc.wikimedia.org PRIVMSG #fr.wikipedia :from a server\r\n");
        in(":RC-pmtpa!~RC-PMTPA@Special.User PRIVMSG #FR.wikipedia :genuine\r\n");
        assertEquals(List.of("fr.wikipedia|genuine"), parsed);
        assertEquals(2, feed.spoofed());
        assertEquals(2, feed.ignored());
        assertEquals(0, feed.stats().lastLineMillis() == 0 ? 1 : 0, "the genuine line counts as feed activity");
    }

    @Test
    void aBareNickStillWorksForAnyUserAtHost() {
        feed = newFeed("rc-pmtpa");
        assertTrue(feed.sender().bareNick());
        in(":rc-pmtpa!whoever@wherever PRIVMSG #en.wikipedia :text\r\n");
        assertEquals(List.of("en.wikipedia|text"), parsed);
        assertEquals(0, feed.spoofed());
    }

    @Test
    void messageTagsAndAMissingColonAreTolerated() {
        in("@time=2025-01-01T00:00:00Z " + FEED + "tagged\r\n");
        in(":rc-pmtpa!~rc-pmtpa@special.user PRIVMSG #fr.wikipedia oneword\r\n");
        assertEquals(List.of("fr.wikipedia|tagged", "fr.wikipedia|oneword"), parsed);
    }

    @Test
    void aChannelNotAskedForStillNamesItsWiki() {
        in(":rc-pmtpa!~rc-pmtpa@special.user PRIVMSG #de.wikipedia :x\r\n");
        assertEquals(List.of("de.wikipedia|x"), parsed);
    }

    @Test
    void aKickIsAnsweredByAJoinAtOnce() {
        in(":op!~op@host KICK #fr.wikipedia VigieFeed :out\r\n");
        assertEquals("JOIN #fr.wikipedia\r\n", wire.toString(StandardCharsets.UTF_8));
        assertEquals(1, feed.kicks());
    }

    @Test
    void whileTheEngineIsFullTheLinesOfAReadAreCountedAsDroppedWithoutBeingParsed() {
        saturated = true;
        in(FEED + "one\r\n" + FEED + "two\r\n" + ":someone!~x@host PRIVMSG #fr.wikipedia :chatter\r\n");
        assertEquals(List.of(), parsed, "nothing parsed while the engine cannot take it");
        assertEquals(2, droppedBySink, "the feed's lines are counted as dropped; the chatter is only ignored");
        assertTrue(feed.stats().lastLineMillis() > 0, "they are feed activity all the same");
        saturated = false;
        in(FEED + "three\r\n");
        assertEquals(List.of("fr.wikipedia|three"), parsed);
        assertEquals(2, droppedBySink);
    }
}
