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
 * A WHOIS answers about whoever holds the nick when the server reads it, which is later than the message that made
 * the bot ask (the WHOIS waits its turn in the outbox, the server may lag). Mallory takes the nick of an operator who
 * shares no channel with the bot, sends a command by private message and gives the nick up at once; the operator's
 * client takes its nick back (as keepnick or a NickServ regain does) before the WHOIS is read. The answer then names
 * the operator's account, but it is not about the sender: its user@host (311) is not the message's.
 */
class NickSwapAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final String ALICE_HOST = "alice.example.org";
    private static final String MALLORY_HOST = "mallory.example.net";

    @Test
    void aWhoisAnswerAboutAnotherHolderOfTheNickGivesTheSenderNoRights(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir)) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, "boss");
            net.op("Boss", AbuseNet.CONTROL);
            net.loggedIn("Alice", "alice");
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie aclo add Alice");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("alice") && t.contains("operator list"));

            // the real Alice, by private message: the WHOIS describes her own mask, she is obeyed
            m = net.mark();
            net.say("Alice", ALICE_HOST, AbuseNet.NICK, "bl add Xavier");
            net.await(m, "Alice", t -> t.contains("Xavier") && t.contains("blacklist"));

            // Mallory as "Alice"; the WHOIS is read by the server once Alice has her nick back
            net.whoisUnanswered("Alice");
            int whois = net.mark();
            m = net.mark();
            net.say("Alice", MALLORY_HOST, AbuseNet.NICK, "bl add Victim");
            awaitLine(net, whois, "WHOIS Alice");
            String server = ":" + FakeIrcServer.NAME + " ";
            net.net.send(server + "311 " + AbuseNet.NICK + " Alice ~alice " + ALICE_HOST + " * :Alice");
            net.net.send(server + "330 " + AbuseNet.NICK + " Alice alice :is logged in as");
            net.net.send(server + "318 " + AbuseNet.NICK + " Alice :End of /WHOIS list.");

            int check = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl show Victim");
            String answer = net.await(check, AbuseNet.CONTROL, t -> t.contains("Victim"));
            List<String> toMallory = net.sent(m, "Alice");
            System.out.println("[abuse nick-swap] Mallory's command under Alice's nick, WHOIS answered about Alice:"
                    + " acknowledged=" + toMallory.size() + ", entry stored=" + !answer.contains("not on"));
            assertTrue(answer.contains("not on"), "Mallory's entry must not exist: " + answer);
            assertEquals(List.of(), toMallory, "Mallory gets no answer at all");
        }
    }

    private static void awaitLine(AbuseNet net, int mark, String line) {
        Await.until("'" + line + "'", AbuseNet.WAIT, () -> net.since(mark).contains(line));
    }
}
