package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts about listed users and watched pages that find their lane full ({@code irc.queue.high}) are dropped and
 * said so, as such: not as "stale", which they were not. {@code status} gives them apart from stale lines.
 */
class LaneFullAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final Pattern FULL = Pattern.compile("\\(queue full, lines dropped: (\\d+)\\)");

    @Test
    void alertsRefusedByAFullLaneAreNotCalledStale(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir, "irc.rate", "700", "irc.burst", "1", "irc.queue.high", "5")) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, null);
            net.op("Boss", AbuseNet.CONTROL);
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie cvp add Page sensible");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("Page sensible"));

            int start = net.mark();
            for (int i = 0; i < 30; i++) {          // thirty editors: nothing to coalesce
                net.edit("Page sensible", "Editeur" + i, "edit " + i);
            }
            String noted = net.await(start, AbuseNet.ALERTS, t -> FULL.matcher(t).find());
            Matcher fm = FULL.matcher(noted);
            assertTrue(fm.find());
            int dropped = Integer.parseInt(fm.group(1));
            m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie status");
            String status = net.await(m, AbuseNet.CONTROL, t -> t.contains("Feed:"));
            List<String> sent = net.sent(start, AbuseNet.ALERTS);
            System.out.println("[abuse lane-full] 30 watched-page alerts into a lane of 5 at 700 ms/line: note says "
                    + dropped + " dropped for a full queue; status: " + status);
            assertTrue(dropped > 0, noted);
            assertTrue(sent.stream().noneMatch(t -> t.contains("stale")), "nothing went stale: " + sent);
            assertTrue(status.contains(" over a full queue") && !status.contains(" 0 over a full queue"), status);
        }
    }
}
