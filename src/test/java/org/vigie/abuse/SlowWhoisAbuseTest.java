package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testirc.FakeIrcServer;
import org.vigie.testutil.Await;

/**
 * {@code aclo add <nick>} asks services who the nick is (WHOIS). When that answer does not come (lagging services, a
 * nick that vanished), the bot used to wait for it on the command thread, up to 10 s, and every other command waited
 * too. Now the command's rest runs when the answer comes: others are answered meanwhile, and the operator's own next
 * command follows the answer to the first.
 */
class SlowWhoisAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final String CAROL_HOST = "carol.example.org";

    @Test
    void aWhoisThatDoesNotComeBackHoldsNoOtherOperatorsCommand(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir)) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, null);
            net.op("Boss", AbuseNet.CONTROL);
            net.join("Carol", CAROL_HOST, AbuseNet.CONTROL, null);
            net.op("Carol", AbuseNet.CONTROL);
            net.whoisUnanswered("Ghost");

            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie aclo add Ghost");
            awaitLine(net, m, "WHOIS Ghost");
            long t0 = System.nanoTime();
            net.say("Carol", CAROL_HOST, AbuseNet.CONTROL, "Vigie bl show Foo");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("Foo"));
            long carolMillis = (System.nanoTime() - t0) / 1_000_000;
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl show Bar");
            List<String> meanwhile = net.sent(m, AbuseNet.CONTROL);
            System.out.println("[abuse slow-whois] another operator answered in " + carolMillis + " ms while a WHOIS"
                    + " went unanswered (the lookup waits up to 10,000 ms)");
            assertTrue(carolMillis < 5_000, "Carol answered after " + carolMillis + " ms");
            assertTrue(meanwhile.stream().noneMatch(t -> t.contains("Ghost") || t.contains("Bar")),
                    "Boss's commands wait for services: " + meanwhile);

            // services answer at last
            String server = ":" + FakeIrcServer.NAME + " ";
            net.net.send(server + "311 " + AbuseNet.NICK + " Ghost ~ghost ghost.example.org * :Ghost");
            net.net.send(server + "330 " + AbuseNet.NICK + " Ghost ghostacct :is logged in as");
            net.net.send(server + "318 " + AbuseNet.NICK + " Ghost :End of /WHOIS list.");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("Bar"));
            List<String> toBoss = net.sent(m, AbuseNet.CONTROL).stream()
                    .filter(t -> t.contains("ghostacct") || t.contains("Bar")).toList();
            assertEquals(2, toBoss.size(), toBoss.toString());
            assertTrue(toBoss.get(0).contains("ghostacct") && toBoss.get(0).contains("operator list"),
                    "the answer to aclo add comes first: " + toBoss);
            assertTrue(toBoss.get(1).contains("Bar"), toBoss.toString());
        }
    }

    private static void awaitLine(AbuseNet net, int mark, String line) {
        Await.until("'" + line + "'", AbuseNet.WAIT, () -> net.since(mark).contains(line));
    }
}
