package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testutil.Await;

/**
 * An operator known only by services account, sharing no channel with the bot, mistypes a command by private
 * message: they are told it is unknown, as any operator is. A stranger who sends unknown commands gets no answer and
 * costs no more WHOIS than the strangers' budget (3 answers showing no operator a minute per host).
 */
class MistypedCommandAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final String ALICE_HOST = "alice.example.org";
    private static final String MALLORY_HOST = "mallory.example.net";

    @Test
    void anOperatorByAccountIsToldOfAnUnknownCommandAndAStrangerIsNot(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir)) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, "boss");
            net.op("Boss", AbuseNet.CONTROL);
            net.loggedIn("Alice", "alice");
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie aclo add Alice");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("alice") && t.contains("operator list"));

            m = net.mark();
            net.say("Alice", ALICE_HOST, AbuseNet.NICK, "bl ad Xavier");
            String told = net.await(m, "Alice", t -> t.contains("bl"));
            assertTrue(told.contains("Usage") || told.contains("Unknown"), told);
            net.say("Alice", ALICE_HOST, AbuseNet.NICK, "frobnicate");
            net.await(m, "Alice", t -> t.contains("Unknown command") && t.contains("frobnicate"));

            int mallory = net.mark();
            for (int i = 0; i < 10; i++) {
                net.say("Mallory", MALLORY_HOST, AbuseNet.NICK, "frobnicate " + i);
                Await.pause(50);
            }
            int check = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl show Foo");
            net.await(check, AbuseNet.CONTROL, t -> t.contains("Foo"));
            long whois = net.net.lines().stream().filter(l -> l.equals("WHOIS Mallory")).count();
            System.out.println("[abuse mistyped] operator by account told of an unknown command; stranger's 10 unknown"
                    + " commands: " + net.sent(mallory, "Mallory").size() + " answers, " + whois + " WHOIS");
            assertEquals(List.of(), net.sent(mallory, "Mallory"), "a stranger gets no answer");
            assertTrue(whois <= 3, whois + " WHOIS about Mallory");
        }
    }
}
