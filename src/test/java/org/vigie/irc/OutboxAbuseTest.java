package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Priority;
import org.vigie.i18n.Templates;

/**
 * Abuse cases 2, 4 and 6 at the outbox (issue 13), step by step with a fake clock: the alerts' guaranteed share of the
 * pace, bounded lanes, one editor's flood coalesced, the nicks of the channel broken in alerts.
 */
class OutboxAbuseTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<String> wire = new ArrayList<>();
    private long now = 1_000 * MS;

    private Outbox outbox(OutboxSettings settings) {
        return new Outbox("test", settings, wire::add, n -> "[" + n + " dropped]", () -> now);
    }

    /** Sends what the pace allows now, then moves the clock one interval, {@code steps} times. */
    private void run(Outbox o, int steps, long intervalMillis) {
        for (int i = 0; i < steps; i++) {
            while (o.step() == 0) {
                // everything allowed right now
            }
            now += intervalMillis * MS;
        }
    }

    @Test
    void highAlertsKeepTheirShareWhateverRepliesAndProtocolLinesWait() {
        Outbox o = outbox(OutboxSettings.DEFAULT.withPace(1, 700));
        for (int i = 0; i < 30; i++) {
            o.control("WHOIS stranger" + i);
            o.send(Priority.REPLY, "#vigie", "answer " + i);
        }
        for (int i = 0; i < 10; i++) {
            o.send(Priority.HIGH, "#alerts", "black " + i);
        }
        run(o, 20, 700);
        long high = wire.stream().filter(l -> l.startsWith("PRIVMSG #alerts :black")).count();
        System.out.println("[abuse 2] outbox: " + high + " of 10 black alerts in the first 20 lines, behind 60 lines"
                + " of WHOIS and answers");
        assertEquals(10, high, "every other line is an alert while alerts wait: " + wire);
        assertEquals("PRIVMSG #alerts :black 0", wire.get(1));
    }

    @Test
    void answersToNonOperatorsComeAfterEveryAlertAndTheirLaneIsSmall() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        for (int i = 0; i < Outbox.MAX_PUBLIC + 5; i++) {
            o.send(Priority.PUBLIC, "#vigie", "status " + i);
        }
        o.send(Priority.NORMAL, "#alerts", "ip edit");
        o.send(Priority.HIGH, "#alerts", "black");
        assertEquals(5, o.publicDropped());
        assertEquals(0, o.dropped(), "answers to strangers are counted apart from alerts");
        run(o, 1, 0);
        assertEquals("PRIVMSG #alerts :black", wire.get(0));
        assertEquals("PRIVMSG #alerts :ip edit", wire.get(1));
        assertEquals(Outbox.MAX_PUBLIC + 2, wire.size());
    }

    @Test
    void everyLaneIsBoundedAndWhatIsDroppedIsCounted() {
        Outbox o = outbox(OutboxSettings.UNPACED.withHigh(5, 2));
        for (int i = 0; i < 8; i++) {
            assertEquals(i < 5, o.send(Priority.HIGH, "#alerts", "black " + i));
        }
        for (int i = 0; i < Outbox.MAX_REPLY + 2; i++) {
            o.send(Priority.REPLY, "#vigie", "r" + i);
        }
        for (int i = 0; i < Outbox.MAX_CONTROL + 1; i++) {
            assertEquals(i < Outbox.MAX_CONTROL, o.control("WHOIS n" + i));
        }
        assertEquals(3 + 2, o.dropped());
        assertEquals(5 + Outbox.MAX_REPLY + Outbox.MAX_CONTROL, o.queued());
    }

    @Test
    void oneEditorsFloodIsCoalescedIntoOneLineThatSaysHowManyMore() {
        Outbox o = outbox(OutboxSettings.DEFAULT.withPace(1, 700));
        for (int i = 0; i < 5_000; i++) {
            o.sendAlert(Priority.HIGH, "#alerts", "black edit " + i, "fr.wikipedia|Vandale Rafale", "Vandale Rafale");
            if (i % 100 == 0) {
                now += 12 * MS;       // 5,000 edits in 0.6 s of feed
            }
        }
        o.sendAlert(Priority.HIGH, "#alerts", "black other", "fr.wikipedia|Autre", "Autre");
        assertTrue(o.queued() <= Outbox.COALESCE_AFTER + 1, "queued: " + o.queued());
        run(o, 6, 700);
        assertEquals(List.of("PRIVMSG #alerts :black edit 0", "PRIVMSG #alerts :black edit 1",
                "PRIVMSG #alerts :black edit 2", "PRIVMSG #alerts :black other",
                "PRIVMSG #alerts :Vandale Rafale: 4997 more edits in 1 s"), wire);
        assertEquals(4_997, o.coalesced());
        assertEquals(0, o.dropped());
        System.out.println("[abuse 4] outbox: 5,000 alerts by one editor -> " + wire.size() + " lines (the other"
                + " editor's alert 4th), " + o.coalesced() + " coalesced, " + o.dropped() + " dropped");
    }

    @Test
    void aFloodThatGoesOnGivesOneCoalescedLineEachTimeTheWaitingOnesAreOut() {
        Outbox o = outbox(OutboxSettings.DEFAULT.withPace(1, 1_000));
        int sent = 0;
        for (int second = 0; second < 20; second++) {
            for (int k = 0; k < 10; k++) {
                o.sendAlert(Priority.HIGH, "#alerts", "edit " + sent++, "w|V", "V");
            }
            run(o, 1, 1_000);
        }
        run(o, 10, 1_000);
        int shown = 0;
        int counted = 0;
        for (String l : wire) {
            if (l.startsWith("PRIVMSG #alerts :edit ")) {
                shown++;
            } else {
                String n = l.replaceFirst("PRIVMSG #alerts :V: (\\d+) more edits in \\d+ s", "$1");
                counted += Integer.parseInt(n);
            }
        }
        assertEquals(200, shown + counted, "every alert is either shown or counted: " + wire);
        assertTrue(wire.size() < 40, "a bounded number of lines: " + wire.size());
    }

    @Test
    void alertsCountedBehindLinesThatWentStaleAreDroppedWithThem() {
        Outbox o = outbox(OutboxSettings.DEFAULT.withPace(1, 700).withStaleMillis(2_000));
        o.send(Priority.NORMAL, "#alerts", "first");            // takes the only token
        run(o, 1, 0);
        for (int i = 0; i < 10; i++) {
            o.sendAlert(Priority.NORMAL, "#alerts", "ip " + i, "w|203.0.113.9", "203.0.113.9");
        }
        assertEquals(7, o.coalesced());
        now += 3_000 * MS;                                     // all three waiting lines go stale
        o.send(Priority.NORMAL, "#alerts", "fresh");
        run(o, 2, 700);
        assertEquals(List.of("PRIVMSG #alerts :first", "PRIVMSG #alerts :[10 dropped] fresh"), wire);
        assertEquals(10, o.dropped());
    }

    @Test
    void theCoalescedLineComesFromTheMessageFiles() throws Exception {
        Templates fr = Templates.load(Path.of("messages"), "fr");
        Templates en = Templates.load(Path.of("messages"), "en");
        assertEquals("\u000314Vandale Rafale : encore 37 modifications en 60 s\u000f",
                Outbox.coalesceNote(fr).render("Vandale Rafale", 37, 60));
        assertEquals("\u000314Vandale Rafale: 37 more edits in 60 s\u000f",
                Outbox.coalesceNote(en).render("Vandale Rafale", 37, 60));
        assertEquals("\u000314Vandale Rafale : encore 1 modification en 2 s\u000f",
                Outbox.coalesceNote(fr).render("Vandale Rafale", 1, 2));
    }

    @Test
    void alertsGoThroughTheFilterAndOtherLinesDoNot() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        o.alertFilter((channel, text) -> NickBreaker.breakNicks(text, Set.of("alice", "bob")));
        o.send(Priority.HIGH, "#alerts", "Alice Bob");
        o.send(Priority.REPLY, "#vigie", "Alice Bob");
        o.send(Priority.NORMAL, "Alice", "Alice Bob");        // not a channel
        run(o, 1, 0);
        assertEquals(List.of("PRIVMSG #vigie :Alice Bob", "PRIVMSG #alerts :A\u200Blice B\u200Bob",
                "PRIVMSG Alice :Alice Bob"), wire);
        assertFalse(wire.get(1).contains("Alice"));
    }
}
