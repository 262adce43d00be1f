package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;

/** The connection comes back by itself: server restart, reader reset, a server gone silent. */
class IrcReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private NgircdServer server;
    private IrcConnection bot;
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeEach
    void setUp() throws Exception {
        server = NgircdServer.start();
    }

    @AfterEach
    void tearDown() {
        if (bot != null) {
            bot.close("bye");
        }
        server.close();
    }

    private ConnectionSettings settings() {
        return ConnectionSettings.of("network", server.host(), server.port(), "VigieBot")
                .withChannels(List.of("#alpha", "#beta"))
                .withReconnect(100, 500)
                .withOutbox(OutboxSettings.UNPACED);
    }

    private void saysAndIsHeard(String channel, String text) throws Exception {
        try (TestClient c = TestClient.connect(server, "speaker" + Math.abs(text.hashCode() % 10_000))) {
            c.join(channel);
            // the bot is in the channel: named in NAMES, or seen joining after us (it may still be rejoining)
            c.awaitLine(l -> l.contains(" 353 ") && l.contains("VigieBot")
                    || l.startsWith(":VigieBot!") && l.contains(" JOIN "), WAIT);
            c.privmsg(channel, text);
            IrcMessage m = handler.awaitMessage(x -> x.text().equals(text), WAIT);
            assertEquals(channel, m.channel());
        }
    }

    @Test
    void serverRestartReconnectsRejoinsEveryChannelAndReceivesAgain() throws Exception {
        bot = new IrcConnection(settings(), handler);
        bot.join("#gamma");                      // added after construction: must survive the restart too
        bot.start();
        handler.awaitConnects(1, WAIT);
        saysAndIsHeard("#alpha", "before restart");

        server.restart();
        handler.awaitDisconnects(1, WAIT);
        handler.awaitConnects(2, WAIT);
        assertTrue(bot.reconnects() >= 1);
        assertEquals(Set.of("#alpha", "#beta", "#gamma"), bot.channels());

        saysAndIsHeard("#alpha", "after restart in alpha");
        saysAndIsHeard("#beta", "after restart in beta");
        saysAndIsHeard("#gamma", "after restart in gamma");
    }

    @Test
    void resetDropsTheConnectionAndComesBackAtOnce() throws Exception {
        bot = new IrcConnection(settings(), handler);
        bot.start();
        handler.awaitConnects(1, WAIT);
        bot.reset();
        handler.awaitDisconnects(1, WAIT);
        handler.awaitConnects(2, WAIT);
        assertEquals(1, bot.reconnects());
        saysAndIsHeard("#beta", "after reset");
    }

    @Test
    void watchdogClosesAFrozenServerConnectionAndTheBotReconnectsWhenItThaws() throws Exception {
        bot = new IrcConnection(settings().withWatchdog(1_500, 400), handler);
        bot.start();
        handler.awaitConnects(1, WAIT);
        long before = bot.lastInputMillis();
        assertTrue(before > 0);

        server.pause();                          // SIGSTOP: sockets stay open, nothing is answered
        try {
            handler.awaitDisconnects(1, WAIT);
            assertTrue(bot.watchdogCloses() >= 1);
        } finally {
            server.resume();
        }
        handler.awaitConnects(2, WAIT);
        saysAndIsHeard("#alpha", "after the freeze");
    }
}
