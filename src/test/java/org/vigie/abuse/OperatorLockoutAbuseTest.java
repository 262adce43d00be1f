package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testutil.Await;

/**
 * Abuse case 3 (issue 13.3): three strangers sending {@code bl add} every 0.3 s, two in the control channel and one by
 * private message, while services never answer their WHOIS. The operator's command is answered at once: access is
 * resolved without blocking the command thread, and strangers are throttled before any WHOIS.
 */
class OperatorLockoutAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";

    @Test
    void anOperatorIsAnsweredWhileStrangersFloodCommandsThatNeedAWhois(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir, "irc.rate", "700")) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, null);
            net.op("Boss", AbuseNet.CONTROL);
            net.loggedIn("Alice", "alice");
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie aclo add Alice");     // an account on the list
            net.await(m, AbuseNet.CONTROL, t -> t.contains("operator list"));
            String[] strangers = {"Troll1", "Troll2", "Troll3"};
            for (int i = 0; i < 3; i++) {
                net.whoisUnanswered(strangers[i]);                 // lagging services: no answer at all
                if (i < 2) {
                    net.join(strangers[i], "troll" + i + ".example.net", AbuseNet.CONTROL, null);
                }
            }
            AtomicBoolean attacking = new AtomicBoolean(true);
            Thread attack = new Thread(() -> {
                for (int round = 0; round < 30 && attacking.get(); round++) {
                    net.say(strangers[0], "troll0.example.net", AbuseNet.CONTROL, "Vigie bl add Victim" + round);
                    net.say(strangers[1], "troll1.example.net", AbuseNet.CONTROL, "Vigie bl add Victim" + round);
                    net.say(strangers[2], "troll2.example.net", AbuseNet.NICK, "bl add Victim" + round);
                    Await.pause(300);
                }
            }, "attack");
            attack.start();
            try {
                Await.pause(2_000);                          // the attack is under way
                int before = net.mark();
                long t0 = System.nanoTime();
                net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl show Foo");
                net.await(before, AbuseNet.CONTROL, t -> t.contains("Foo"), Duration.ofSeconds(60));
                long delayMillis = (System.nanoTime() - t0) / 1_000_000;
                long whois = net.net.lines().stream().filter(l -> l.startsWith("WHOIS Troll")).count();
                System.out.println("[abuse 3] operator answered in " + delayMillis + " ms under 3 strangers' bl add"
                        + " every 0.3 s (target 2,000 ms); WHOIS about strangers so far: " + whois);
                assertTrue(delayMillis < 5_000, "operator answered after " + delayMillis + " ms");
                assertTrue(whois <= 6, "strangers are throttled before any WHOIS: " + whois + " WHOIS");
            } finally {
                attacking.set(false);
                attack.join();
            }
        }
    }
}
