package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.testirc.FakeIrcServer;
import org.vigie.testutil.Await;

/** A feed channel that does not exist yet (403) is tried again until it can be joined. */
class IrcRejoinTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static long joins(FakeIrcServer.Conn c, String channel) {
        return c.lines().stream()
                .filter(l -> l.startsWith("JOIN ") && List.of(l.substring(5).split(",")).contains(channel))
                .count();
    }

    @Test
    void channelRefusedAtConnectIsJoinedLater() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER)) {
            fake.refuseJoin("#new.wikipedia");
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(ConnectionSettings.of("feed", fake.host(), fake.port(), "VigieFeed")
                    .withChannels(List.of("#fr.wikipedia", "#new.wikipedia"))
                    .withRejoinMillis(200), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                FakeIrcServer.Conn c = fake.awaitConnection(1, WAIT);
                Await.until("joined fr", WAIT, () -> bot.isOp("#fr.wikipedia", "VigieFeed"));
                Await.until("the refused channel is tried again", WAIT, () -> joins(c, "#new.wikipedia") >= 2);
                assertFalse(bot.isOp("#new.wikipedia", "VigieFeed"));
                assertTrue(joins(c, "#fr.wikipedia") == 1,
                        "a joined channel is not joined again");

                fake.allowJoin("#new.wikipedia");
                Await.until("joined at last", WAIT, () -> bot.isOp("#new.wikipedia", "VigieFeed"));
            } finally {
                bot.close("bye");
            }
        }
    }
}
