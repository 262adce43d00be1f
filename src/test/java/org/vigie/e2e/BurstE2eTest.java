package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.FEED;
import static org.vigie.e2e.LiveBot.FEED_NICK;
import static org.vigie.e2e.LiveBot.NICK;
import static org.vigie.e2e.LiveBot.after;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcLineWriter;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * A burst on the feed with a paced output (one line every 50 ms after a burst of 4; low-priority alerts stale after
 * 2 s): Vigie stays connected, alerts about listed users jump the queue (one editor's repeats coalesced into one line
 * that counts them), and what goes stale is dropped and counted.
 */
class BurstE2eTest extends LiveBotCase {

    static final int LINES = 2_000;
    static final int BLACK_EVERY = 200;
    static final Pattern STATUS = Pattern.compile("\\| (\\d+) changes, (\\d+) alerts sent, (\\d+) dropped[ ,]");
    static final Pattern NOTE = Pattern.compile("\\((\\d+) stale alerts? dropped\\)");
    static final Pattern MORE = Pattern.compile("Vandale Rafale: (\\d+) more edits? in \\d+ s");

    @Test
    void burstOfTwoThousandChangesKeepsVigieConnectedSendsListedUsersFirstAndCountsDrops() throws IOException {
        bot = LiveBot.start(dir, "irc.rate", "50", "irc.burst", "4", "irc.stale", "2");
        TestClient op = bot.newOperator("op-rafale");
        ask(op, "bl add Vandale Rafale r=rafale", t -> t.startsWith("Added:"));
        // a flood of alerts is what this test is about: the channel sends every repeat of the 250 IPs (repeat=0), or the
        // one-alert-per-editor-per-hour window would hold back most of the burst before the outbox sees it
        ask(op, "dest add " + ALERTS + " repeat=0", t -> t.contains(ALERTS + " now receives"));

        int mark = bot.watcher.lines().size();
        Set<Long> blackDiffs = new HashSet<>();
        Set<Long> otherDiffs = new HashSet<>();
        List<String> burst = new ArrayList<>(LINES);
        for (int i = 1; i <= LINES; i++) {
            long diff = LiveBot.nextDiff();
            boolean black = i % BLACK_EVERY == 0;
            (black ? blackDiffs : otherDiffs).add(diff);
            burst.add(RcLineWriter.edit("Rafale " + i, false, true, false, false, LiveBot.diffUrl(diff),
                    black ? "Vandale Rafale" : "203.0.113." + (i % 250), 10, "rafale " + i));
        }
        for (String text : burst) {
            bot.feeder.privmsg(FEED, text);
        }

        // every black alert arrives or is counted in the line that coalesces one editor's repeats (issue 13.4), each
        // before most of the logged-out editors' alerts that were made before it
        String noteLine = after(bot.watcher, mark, l -> {
            TestClient.Received r = said(l, ALERTS);
            return r != null && MORE.matcher(r.text()).find();
        });
        Matcher more = MORE.matcher(said(noteLine, ALERTS).text());
        assertTrue(more.find());
        int lastBlack = bot.watcher.lines().indexOf(noteLine);
        int shown = 0;
        for (long diff : blackDiffs) {
            int i = LiveBot.indexOf(bot.watcher, mark, l -> LiveBot.isAlert(l, ALERTS, "diff=" + diff + "&"));
            if (i >= 0) {
                shown++;
                lastBlack = Math.max(lastBlack, i);
            }
        }
        assertEquals(blackDiffs.size(), shown + Integer.parseInt(more.group(1)), "black alerts shown or counted");
        int othersBefore = 0;
        for (String l : bot.watcher.lines().subList(mark, lastBlack)) {
            TestClient.Received r = said(l, ALERTS);
            if (r != null && r.text().startsWith("\u000304\u0002IP")) {
                othersBefore++;
            }
        }
        int madeBefore = LINES - BLACK_EVERY - (blackDiffs.size() - 1);
        assertTrue(othersBefore < madeBefore / 10, othersBefore + " low-priority alerts went out before the last "
                + "black one, of " + madeBefore + " made before it");

        // the backlog goes stale: the next line sent to the channel carries the count of what was dropped
        int droppedNoted = Await.value("a line noting the dropped alerts", LiveBot.WAIT, () -> {
            // a marker by an editor absent from the burst (each marker is a new IPv6 editor)
            long marker = bot.edit("Bac à sable", "198.51.100.77", 3, "marker");
            after(bot.watcher, mark, l -> LiveBot.isAlert(l, ALERTS, "diff=" + marker + "&"));
            int noted = 0;
            for (String l : bot.watcher.lines().subList(mark, bot.watcher.lines().size())) {
                TestClient.Received r = said(l, ALERTS);
                Matcher note = r == null ? null : NOTE.matcher(r.text());
                if (note != null && note.find()) {
                    noted += Integer.parseInt(note.group(1));
                }
            }
            return noted > 0 ? noted : null;
        });
        // the alerts coalesced behind lines that went stale are counted as dropped with them
        assertTrue(droppedNoted > LINES / 2, "most of the backlog went stale and was noted: " + droppedNoted);

        String status = said(ask(bot.stranger, "status", t -> t.startsWith("Feed: ")), CONTROL).text();
        Matcher m = STATUS.matcher(status);
        assertTrue(m.find(), status);
        assertTrue(Long.parseLong(m.group(1)) >= LINES, status);
        assertTrue(Long.parseLong(m.group(3)) >= droppedNoted, droppedNoted + " noted; " + status);
        assertTrue(status.contains(" connected, "), status);

        // neither connection was dropped during the burst
        assertEquals(-1, LiveBot.indexOf(bot.watcher, 0, l -> l.startsWith(":" + NICK + "!") && l.contains(" QUIT ")));
        assertEquals(-1, LiveBot.indexOf(bot.feeder, 0,
                l -> l.startsWith(":" + FEED_NICK + "!") && (l.contains(" QUIT ") || l.contains(" PART "))));
    }
}
