package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.indexOf;
import static org.vigie.e2e.LiveBot.isAlert;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vigie.testirc.TestClient;

/**
 * One alert per editor per hour in the default channel, on a real IRC server (ngIRCd): a logged-out editor's second
 * edit is counted, not sent; a blacklisted editor's edit always goes out; {@code repeat=0} sends every alert again.
 */
class RepeatE2eTest extends LiveBotCase {

    /** {@code silent} did not alert: {@code marker}, fed after it, did, and alerts go out in feed order. */
    private void assertNoAlertBefore(long silent, long marker) {
        bot.awaitAlert(marker);
        int s = indexOf(bot.watcher, 0, l -> isAlert(l, ALERTS, "diff=" + silent + "&"));
        assertEquals(-1, s, () -> "change " + silent + " alerted: " + bot.watcher.lines().get(s));
    }

    @Test
    void aRepeatIsCountedNotSentButBlackAlwaysGoesAndRepeatZeroSendsEveryAlert() throws IOException {
        bot = LiveBot.start(dir);
        TestClient op = bot.newOperator("op-repeat");
        bot.awaitAlert(bot.edit("Lyon", "198.51.100.61", 20, "ajout"));
        long again = bot.edit("Lyon", "198.51.100.61", 25, "ajout encore");
        assertNoAlertBefore(again, bot.marker());
        String status = said(ask(op, "status", t -> t.startsWith("Repeats held back")), CONTROL).text();
        assertTrue(status.contains(ALERTS + " 1"), status);

        // blacklisted now: every edit of theirs is a black alert, never held back
        ask(op, "bl add 198.51.100.61 r=vandalisme", t -> t.startsWith("Added:"));
        String black = said(bot.probeUntilAlert("198.51.100.61"), ALERTS).text();
        assertTrue(black.contains("Blacklisted"), black);

        // the channel asks for every alert: the same kind of repeat goes out
        bot.awaitAlert(bot.edit("Nancy", "198.51.100.62", 20, "ajout"));
        String reply = said(ask(op, "dest add " + ALERTS + " repeat=0", t -> t.contains(ALERTS + " now receives")),
                CONTROL).text();
        assertTrue(reply.contains("repeat=0"), reply);
        bot.awaitAlert(bot.edit("Nancy", "198.51.100.62", 25, "ajout encore"));
    }
}
