package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testutil.Await;

/**
 * Abuse case 1 (issue 13.1): a services account learned by WHOIS is trusted only while its holder shares a channel
 * with the bot, because only then would NICK, QUIT and ACCOUNT reach the bot. Otherwise the bot asks again, or reads
 * the {@code account} tag of the message itself when the server offers account-tag.
 */
class StaleAccountAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final String ALICE_HOST = "alice.example.org";
    private static final String MALLORY_HOST = "mallory.example.net";

    @Test
    void aStrangerTakingAnOperatorsNickOutsideSharedChannelsIsNotAnOperator(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir)) {
            // Boss is channel operator of the control channel; Alice is logged in as "alice" and shares no channel.
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, "boss");
            net.op("Boss", AbuseNet.CONTROL);
            net.loggedIn("Alice", "alice");
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie aclo add Alice");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("alice") && t.contains("operator list"));

            // Alice, by private message: asked by WHOIS, an operator.
            m = net.mark();
            net.say("Alice", ALICE_HOST, AbuseNet.NICK, "bl add Xavier");
            net.await(m, "Alice", t -> t.contains("Xavier") && t.contains("blacklist"));

            // Alice leaves unseen (no shared channel); Mallory, not logged in, takes the nick.
            net.notLoggedIn("Alice");
            int whoisBefore = countWhois(net, "Alice");
            m = net.mark();
            net.say("Alice", MALLORY_HOST, AbuseNet.NICK, "bl add Victim");
            // the bot must ask again: it cannot know that this Alice is the same person
            waitForWhois(net, "Alice", whoisBefore + 1);
            int check = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl show Victim");
            String answer = net.await(check, AbuseNet.CONTROL, t -> t.contains("Victim"));
            assertTrue(answer.contains("not on"), "the impostor's entry must not exist: " + answer);
            List<String> toImpostor = net.sent(m, "Alice");
            assertEquals(List.of(), toImpostor, "the impostor gets no answer at all");
            System.out.println("[abuse 1] impostor by private message: acknowledged=" + toImpostor.size()
                    + ", WHOIS asked again=" + (countWhois(net, "Alice") > whoisBefore));
        }
    }

    @Test
    void theAccountTagOnTheMessageDecidesWithoutWhois(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.startWithCaps(dir, AbuseNet.CAPS + " account-tag")) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, "boss");
            net.op("Boss", AbuseNet.CONTROL);
            net.loggedIn("Alice", "alice");
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie aclo add Alice");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("alice") && t.contains("operator list"));
            int whoisBefore = countWhois(net, "Alice");

            m = net.mark();
            net.net.send("@account=alice :Alice!~alice@" + ALICE_HOST + " PRIVMSG " + AbuseNet.NICK + " :bl add Xavier");
            net.await(m, "Alice", t -> t.contains("Xavier") && t.contains("blacklist"));

            // the same nick without the tag: not logged in, whatever was learned before
            m = net.mark();
            net.net.send(":Alice!~alice@" + MALLORY_HOST + " PRIVMSG " + AbuseNet.NICK + " :bl add Victim");
            int check = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl show Victim");
            String answer = net.await(check, AbuseNet.CONTROL, t -> t.contains("Victim"));
            assertTrue(answer.contains("not on"), answer);
            assertEquals(List.of(), net.sent(m, "Alice"));
            assertEquals(whoisBefore, countWhois(net, "Alice"), "with account-tag, no WHOIS is needed");
        }
    }

    private static int countWhois(AbuseNet net, String nick) {
        return (int) net.net.lines().stream().filter(l -> l.equalsIgnoreCase("WHOIS " + nick)).count();
    }

    private static void waitForWhois(AbuseNet net, String nick, int count) {
        Await.until("WHOIS " + nick + " #" + count, AbuseNet.WAIT, () -> countWhois(net, nick) >= count);
    }
}
