package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testutil.Await;

/**
 * Abuse case 4 (issue 13.4): one blacklisted user's flood of edits at the default pace. Their alerts are coalesced
 * ("Vandale: 497 more edits in 1 s"), so another listed user's alert is not stuck behind them, and nothing
 * disappears without being counted.
 */
class AlertFloodAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final int FLOOD = 500;
    private static final Pattern MORE = Pattern.compile("Vandale: (\\d+) more edits in \\d+ s");

    @Test
    void oneEditorsFloodIsCoalescedAndOtherAlertsAreNotStuckBehindIt(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir, "irc.rate", "700", "irc.burst", "4")) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, null);
            net.op("Boss", AbuseNet.CONTROL);
            for (String user : new String[] {"Vandale", "Autre"}) {
                int m = net.mark();
                net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl add " + user);
                net.await(m, AbuseNet.CONTROL, t -> t.contains(user));
            }
            int start = net.mark();
            for (int i = 0; i < FLOOD; i++) {
                net.edit("Page " + i, "Vandale", "flood " + i);
            }
            long t0 = System.nanoTime();
            long other = net.edit("Autre page", "Autre", "other");
            net.await(start, AbuseNet.ALERTS, t -> t.contains("diff=" + other + "&"), Duration.ofSeconds(60));
            long otherMillis = (System.nanoTime() - t0) / 1_000_000;
            String note = net.await(start, AbuseNet.ALERTS, t -> MORE.matcher(t).find());
            Matcher nm = MORE.matcher(note);
            assertTrue(nm.find());
            // every flood alert is either sent or counted in a note: wait until they add up
            Await.until("every flood alert sent or counted", AbuseNet.WAIT,
                    () -> shown(net, start) + counted(net, start) >= FLOOD);
            int shown = shown(net, start);
            int counted = counted(net, start);
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie status");
            String status = net.await(m, AbuseNet.CONTROL, t -> t.contains("Feed:"));
            System.out.println("[abuse 4] " + FLOOD + " edits by one blacklisted user at 700 ms/line: " + shown
                    + " alert lines + " + counted + " counted in notes; another listed user's alert after "
                    + otherMillis + " ms (was ~" + FLOOD * 700 / 1000 + " s); status: " + status);
            assertEquals(FLOOD, shown + counted, "every alert is sent or counted");
            assertTrue(shown < 10, "a flood is a few lines, not " + shown);
            assertTrue(otherMillis < 15_000, "another alert is not stuck behind the flood: " + otherMillis + " ms");
        }
    }

    private static int shown(AbuseNet net, int start) {
        return (int) net.sent(start, AbuseNet.ALERTS).stream().filter(t -> t.contains("Vandale") && t.contains("diff="))
                .count();
    }

    private static int counted(AbuseNet net, int start) {
        int counted = 0;
        for (String t : net.sent(start, AbuseNet.ALERTS)) {
            Matcher mm = MORE.matcher(t);
            if (mm.find()) {
                counted += Integer.parseInt(mm.group(1));
            }
        }
        return counted;
    }
}
