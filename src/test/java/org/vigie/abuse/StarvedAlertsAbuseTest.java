package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testutil.Await;

/**
 * Abuse case 2 (issue 13.2): three strangers asking {@code status} every 2.2 s (inside the flood guard) at the default
 * pace must not starve the blacklist alerts: {@code status} costs no WHOIS, answers to non-operators take what the
 * alerts leave, and alerts about listed users keep a guaranteed share of the pace.
 */
class StarvedAlertsAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final int EDITS = 12;

    @Test
    void blacklistAlertsFlowWhileStrangersAskForStatus(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir, "irc.rate", "700", "irc.burst", "4")) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, null);
            net.op("Boss", AbuseNet.CONTROL);
            net.loggedIn("Alice", "alice");
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie aclo add Alice");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("operator list"));
            m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl add Vandale");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("Vandale"));
            for (int i = 0; i < 3; i++) {
                net.join("Curieux" + i, "c" + i + ".example.net", AbuseNet.CONTROL, null);
            }
            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicInteger asked = new AtomicInteger();
            Thread attack = new Thread(() -> {
                while (attacking.get()) {
                    for (int i = 0; i < 3; i++) {
                        net.say("Curieux" + i, "c" + i + ".example.net", AbuseNet.CONTROL, "Vigie status");
                        asked.incrementAndGet();
                    }
                    Await.pause(2_200);
                }
            }, "attack");
            int start = net.mark();
            attack.start();
            List<Long> diffs = new ArrayList<>();
            try {
                Await.pause(1_000);
                for (int i = 0; i < EDITS; i++) {
                    diffs.add(net.edit("Page " + i, "Vandale", "edit " + i));
                    Await.pause(1_300);
                }
                // every alert must come while the attack goes on
                for (long d : diffs) {
                    net.await(start, AbuseNet.ALERTS, t -> t.contains("diff=" + d + "&"));
                }
            } finally {
                attacking.set(false);
                attack.join();
            }
            int delivered = 0;
            for (long d : diffs) {
                if (net.sent(start, AbuseNet.ALERTS).stream().anyMatch(t -> t.contains("diff=" + d + "&"))) {
                    delivered++;
                }
            }
            long answers = net.sent(start, AbuseNet.CONTROL).stream().filter(t -> t.contains("Feed:")).count();
            long whois = net.net.lines().stream().skip(start).filter(l -> l.startsWith("WHOIS Curieux")).count();
            System.out.println("[abuse 2] blacklist alerts delivered during the attack: " + delivered + " of " + EDITS
                    + "; strangers' status answered " + answers + " of " + asked.get() + "; WHOIS for them: " + whois);
            assertEquals(EDITS, delivered);
            assertEquals(0, whois, "status needs no WHOIS");
        }
    }
}
