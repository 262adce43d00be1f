package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vigie.testirc.FakeIrcServer;

/** A server that accepts and then never says a word: the watchdog must end it and the loop must try again. */
class IrcWatchdogTest {

    @Test
    void silentServerIsClosedByTheWatchdogAndReconnectedTo() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.SILENT)) {
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(ConnectionSettings.of("feed", fake.host(), fake.port(), "VigieFeed")
                    .withWatchdog(800, 300)
                    .withReconnect(50, 100), handler);
            try {
                bot.start();
                FakeIrcServer.Conn first = fake.awaitConnection(1, Duration.ofSeconds(10));
                first.awaitLine(l -> l.startsWith("USER "), Duration.ofSeconds(5));
                first.awaitClosed(Duration.ofSeconds(10));
                FakeIrcServer.Conn second = fake.awaitConnection(2, Duration.ofSeconds(10));
                second.awaitLine(l -> l.startsWith("NICK VigieFeed"), Duration.ofSeconds(5));
                assertTrue(bot.watchdogCloses() >= 1);
                assertTrue(bot.reconnects() >= 1);
                assertEquals(0, handler.connects(), "never registered with a silent server");
                // our own keep-alive PING went out on the read timeout before the watchdog fired
                assertTrue(first.lines().stream().anyMatch(l -> l.startsWith("PING ")), first.lines().toString());
            } finally {
                bot.close("bye");
            }
        }
    }
}
