package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigie.testirc.FakeIrcServer;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * A nick taken at registration (the ghost of the last session, usually) is taken back once free, on a real server;
 * logged in with SASL, NickServ is asked for it too.
 */
class IrcNickReclaimTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theConfiguredNickIsTakenBackWhenItsHolderLeaves() throws Exception {
        try (NgircdServer server = NgircdServer.start()) {
            TestClient ghost = TestClient.connect(server, "VigieNick");
            TestClient watcher = TestClient.connect(server, "watcher");
            watcher.join("#room");
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(ConnectionSettings.of("network", server.host(), server.port(),
                    "VigieNick").withChannels(List.of("#room")).withRejoinMillis(200), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                String first = bot.currentNick();
                assertNotEquals("VigieNick", first, "the nick is held: the bot registers under another");
                // refused while the holder is there: the bot keeps its other nick, and does not pile up suffixes.
                // Barrier: two more tries sent (NICK each rejoin check, 200 ms), then a WHOIS after them on the same
                // connection: its answer comes after the server's refusals, so once it is in they were all read.
                long sent = bot.outbox().sent();
                Await.until("two more tries to take the nick back", WAIT, () -> bot.outbox().sent() >= sent + 2);
                bot.accountOf("watcher", Duration.ofMinutes(5)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(first, bot.currentNick());

                ghost.close();
                Await.until("nick taken back", WAIT, () -> bot.currentNick().equals("VigieNick"));
                watcher.awaitLine(l -> l.startsWith(":" + first + "!") && l.contains(" NICK ")
                        && l.endsWith("VigieNick"), WAIT);
            } finally {
                bot.close("bye");
                watcher.close();
            }
        }
    }

    @Test
    void loggedInWithSaslNickServIsAskedOnceASession() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER, "sasl", true)) {
            fake.nickInUse("VigieNick");
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(ConnectionSettings.of("network", fake.host(), fake.port(),
                    "VigieNick").withSasl("vigie", "secret").withRejoinMillis(100), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                FakeIrcServer.Conn c = fake.awaitConnection(1, WAIT);
                Await.until("NICK tried again at each check", WAIT,
                        () -> c.lines().stream().filter(l -> l.equals("NICK VigieNick")).count() >= 3);
                assertEquals(1, c.lines().stream().filter(l -> l.equals("PRIVMSG NickServ :REGAIN VigieNick")).count(),
                        c.lines().toString());
                assertTrue(c.lines().stream().noneMatch(l -> l.contains("secret") && !l.startsWith("AUTHENTICATE")),
                        "the password is only in the SASL exchange");
            } finally {
                bot.close("bye");
            }
        }
    }
}
