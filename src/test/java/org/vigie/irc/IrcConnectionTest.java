package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Priority;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/** IrcConnection against a real ngIRCd on loopback: one server, one bot, an operator and a stranger. */
class IrcConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ROOM = "#room";

    private static NgircdServer server;
    private static TestClient op;
    private static TestClient stranger;
    private static RecordingHandler handler;
    private static IrcConnection bot;

    @BeforeAll
    static void setUp() throws Exception {
        server = NgircdServer.start();
        op = TestClient.connect(server, "oper");
        op.join(ROOM);                       // first in: channel operator
        stranger = TestClient.connect(server, "stranger");
        stranger.join(ROOM);
        handler = new RecordingHandler();
        bot = new IrcConnection(ConnectionSettings.of("network", server.host(), server.port(), "VigieBot")
                .withChannels(List.of(ROOM))
                .withReconnect(100, 1_000)
                .withOutbox(OutboxSettings.UNPACED), handler);
        bot.start();
        handler.awaitConnects(1, WAIT);
        op.awaitLine(l -> l.startsWith(":VigieBot!") && l.contains(" JOIN ") && l.endsWith(ROOM), WAIT);
    }

    @AfterAll
    static void tearDown() {
        if (bot != null) {
            bot.close("bye");
        }
        if (op != null) {
            op.close();
        }
        if (stranger != null) {
            stranger.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void channelMessageArrivesWithSenderNickLoginAndHost() {
        op.privmsg(ROOM, "hello \u000304bot\u000f");
        IrcMessage m = handler.awaitMessage(x -> x.text().startsWith("hello"), WAIT);
        assertEquals(ROOM, m.channel());
        assertEquals("oper", m.nick());
        assertEquals("~oper", m.login());
        assertEquals("127.0.0.1", m.host());
        assertEquals("hello \u000304bot\u000f", m.text(), "colours stay in the text");
        assertFalse(m.isNotice());
        assertNull(m.account());
        assertTrue(handler.threads().stream().allMatch(t -> t.equals("irc-network")),
                "handler runs on the reader thread");
    }

    @Test
    void privateMessageAndNoticeArriveWithoutChannel() {
        op.privmsg("VigieBot", "psst");
        IrcMessage m = handler.awaitMessage(x -> x.text().equals("psst"), WAIT);
        assertNull(m.channel());
        assertTrue(m.isPrivate());
        assertEquals("oper!~oper@127.0.0.1", m.hostmask());

        op.notice("VigieBot", "a notice");
        IrcMessage n = handler.awaitMessage(x -> x.text().equals("a notice"), WAIT);
        assertTrue(n.isNotice());
    }

    @Test
    void ctcpRequestsAreNeitherAnsweredNorDelivered() {
        op.privmsg("VigieBot", "\u0001VERSION\u0001");
        op.privmsg("VigieBot", "after ctcp");
        handler.awaitMessage(x -> x.text().equals("after ctcp"), WAIT);
        assertTrue(handler.messages().stream().noneMatch(x -> x.text().contains("VERSION")));
        assertTrue(op.lines().stream().noneMatch(l -> l.contains("NOTICE oper :\u0001VERSION")));
    }

    @Test
    void channelCreatorIsOpAndStrangerIsNotUntilOpped() {
        stranger.privmsg(ROOM, "stranger speaks");
        handler.awaitMessage(x -> x.text().equals("stranger speaks"), WAIT);
        assertTrue(bot.isOp(ROOM, "oper"));
        assertTrue(bot.isOp("#ROOM", "OPER"), "channel and nick compare case-insensitively");
        assertFalse(bot.isOp(ROOM, "stranger"));
        assertFalse(bot.isOp(ROOM, "nobody-here"));
        assertFalse(bot.isOp("#elsewhere", "oper"));

        op.mode(ROOM, "+o stranger");
        Await.until("stranger is op", WAIT, () -> bot.isOp(ROOM, "stranger"));
        op.mode(ROOM, "-o stranger");
        Await.until("stranger is no longer op", WAIT, () -> !bot.isOp(ROOM, "stranger"));
    }

    @Test
    void longAccentedMessageIsSplitByBytesAndTheConnectionSurvives() {
        String text = "é".repeat(300) + "€".repeat(150) + "😀".repeat(80) + "end";   // 600 + 450 + 320 + 3 bytes
        assertTrue(bot.outbox().send(Priority.NORMAL, ROOM, text));
        bot.outbox().send(Priority.NORMAL, ROOM, "after the long one");
        op.awaitMessage(r -> r.text().equals("after the long one"), WAIT);

        List<TestClient.Received> pieces = op.messages().stream()
                .filter(r -> r.nick().equals("VigieBot") && !r.text().equals("after the long one")
                        && (r.text().startsWith("é") || r.text().startsWith("€") || r.text().startsWith("😀")
                        || r.text().equals("end") || r.text().endsWith("end")))
                .toList();
        assertTrue(pieces.size() >= 4, "split into several lines: " + pieces.size());
        assertEquals(text, pieces.stream().map(TestClient.Received::text).collect(Collectors.joining()));
        for (TestClient.Received r : pieces) {
            assertTrue(r.raw().getBytes(StandardCharsets.UTF_8).length <= 510, "relayed line within 510 bytes");
        }
        assertTrue(bot.connected());
        assertFalse(server.log().contains("Request too long"));
    }

    @Test
    void pacedOutboxPutsRepliesBeforeHighBeforeNormalOnTheWire() {
        RecordingHandler h = new RecordingHandler();
        IrcConnection paced = new IrcConnection(ConnectionSettings.of("paced", server.host(), server.port(),
                "VigiePaced").withChannels(List.of(ROOM)).withOutbox(new OutboxSettings(1, 600, 0, 400, 1_000)), h);
        try {
            paced.start();
            h.awaitConnects(1, WAIT);
            op.awaitLine(l -> l.startsWith(":VigiePaced!") && l.contains(" JOIN "), WAIT);
            paced.outbox().send(Priority.REPLY, ROOM, "blocker");
            op.awaitMessage(r -> r.nick().equals("VigiePaced") && r.text().equals("blocker"), WAIT);
            // the only token is spent: what is queued now goes out one by one, by priority
            paced.outbox().send(Priority.NORMAL, ROOM, "n1");
            paced.outbox().send(Priority.NORMAL, ROOM, "n2");
            paced.outbox().send(Priority.HIGH, ROOM, "h1");
            paced.outbox().send(Priority.REPLY, ROOM, "r1");
            paced.outbox().send(Priority.HIGH, ROOM, "h2");
            op.awaitMessage(r -> r.nick().equals("VigiePaced") && r.text().equals("n2"), WAIT);
            List<String> order = op.messages().stream().filter(r -> r.nick().equals("VigiePaced"))
                    .map(TestClient.Received::text).toList();
            assertEquals(List.of("blocker", "r1", "h1", "h2", "n1", "n2"), order);
            Await.until("the JOIN and six messages counted", WAIT, () -> paced.outbox().sent() == 7);
        } finally {
            paced.close("bye");
        }
    }

    @Test
    void crlfInjectionArrivesAsOneHarmlessMessage() {
        bot.outbox().send(Priority.REPLY, ROOM, "hello\r\nQUIT :bye");
        TestClient.Received r = op.awaitMessage(x -> x.text().startsWith("hello"), WAIT);
        assertEquals("hello  QUIT :bye", r.text());
        bot.outbox().send(Priority.REPLY, ROOM, "still here");
        op.awaitMessage(x -> x.text().equals("still here"), WAIT);
        assertTrue(bot.connected());
        assertTrue(op.lines().stream().noneMatch(l -> l.startsWith(":VigieBot!") && l.split(" ")[1].equals("QUIT")),
                "no QUIT command reached the server");
    }

    @Test
    void accountOfUserWithoutServicesAccountIsEmpty() throws Exception {
        Optional<String> account = bot.accountOf("stranger").get();
        assertEquals(Optional.empty(), account);
        assertEquals(Optional.empty(), bot.accountOf("no-such-nick").get());
    }

    @Test
    void joinAndPartChangeTheWantedChannels() {
        bot.join("#second");
        op.join("#second-watch");   // unrelated channel: just proves the server still answers us
        assertTrue(bot.channels().contains("#second"));
        Await.until("bot created and opped in #second", WAIT, () -> bot.isOp("#second", "VigieBot"));
        bot.part("#second");
        assertFalse(bot.channels().contains("#second"));
        Await.until("bot left #second", WAIT, () -> !bot.isOp("#second", "VigieBot"));
        assertEquals("VigieBot", bot.currentNick());
    }
}
