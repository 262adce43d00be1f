package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;
import org.vigie.score.Feature;
import org.vigie.score.Score;

/** One alert per editor per window in a channel: what the dispatcher delivers, what it counts, what it never holds. */
class RepeatsTest {

    private static final long MIN = 60_000L;

    private static Verdict verdict(String wiki, String user, Event... events) {
        long bits = 0;
        for (Event e : events) {
            bits |= e.bit();
        }
        RcEvent e = new RcEvent(wiki, RcEvent.Kind.EDIT, "Paris", 0, user, false, false, false, 10, 2,
                1, 0, "", "", null, RcEvent.SummaryKind.NONE, null, false);
        return new Verdict(e, EditorClass.ANON, bits, List.of(), List.of(),
                new Score(80, List.of(Feature.IP), Feature.IP.bit(), Double.NaN));
    }

    private static List<String> channels(List<Destination> ds) {
        return ds.stream().map(Destination::channel).toList();
    }

    @Test
    void theDefaultChannelAlertsOnAnEditorOnceAnHourAndCountsTheRest() {
        Dispatcher d = new Dispatcher("#vigie");
        Verdict ip = verdict("fr.wikipedia", "10.0.0.1", Event.IP);
        assertEquals(List.of("#vigie"), channels(d.deliver(ip, 0)));
        assertEquals(List.of(), d.deliver(ip, 10 * MIN), "a repeat within the hour is held back");
        assertEquals(List.of(), d.deliver(ip, 60 * MIN - 1));
        assertEquals(Map.of("#vigie", 2L), d.repeatsHeld());
        // another editor, the same name on another wiki: their own windows
        assertEquals(List.of("#vigie"), channels(d.deliver(verdict("fr.wikipedia", "10.0.0.2", Event.IP), MIN)));
        assertEquals(List.of("#vigie"), channels(d.deliver(verdict("de.wikipedia", "10.0.0.1", Event.IP), MIN)));
        // held-back alerts do not extend the window: an hour after the one sent, the next goes
        assertEquals(List.of("#vigie"), channels(d.deliver(ip, 60 * MIN)));
        // routing alone takes no mark (a verdict held for Lift Wing is routed to be counted, then delivered)
        assertEquals(List.of("#vigie"), channels(d.route(ip)));
        assertEquals(Map.of("#vigie", 2L), d.repeatsHeld());
    }

    @Test
    void eventsAPatrollerAlwaysWantsAndBehaviourNewsAreNeverHeldBack() {
        for (Event always : List.of(Event.BLACK, Event.CVP, Event.BLOCK, Event.BLOCKCONFLICT, Event.BNU, Event.BNA,
                Event.BURST, Event.BRIGADE, Event.EDITWAR, Event.REVERTED)) {
            Dispatcher d = new Dispatcher("#vigie");
            Verdict ip = verdict("fr.wikipedia", "10.0.0.1", Event.IP);
            assertEquals(1, d.deliver(ip, 0).size());
            assertEquals(1, d.deliver(verdict("fr.wikipedia", "10.0.0.1", Event.IP, always), MIN).size(),
                    always.key());
            // and it took the mark: the next ordinary alert waits an hour from it
            assertEquals(0, d.deliver(ip, 60 * MIN).size(), always.key());
            assertEquals(1, d.deliver(ip, 61 * MIN).size(), always.key());
        }
    }

    @Test
    void eachChannelHasItsOwnWindowFromItsSpecOrTheConfigItem() {
        Dispatcher d = new Dispatcher(null);
        d.add("#a", "ip");
        d.add("#b", "ip repeat=5");
        d.add("#c", "ip repeat=0");
        long[] window = {60 * MIN};
        d.repeatWindow(() -> window[0]);
        Verdict ip = verdict("fr.wikipedia", "10.0.0.1", Event.IP);
        assertEquals(List.of("#a", "#b", "#c"), channels(d.deliver(ip, 0)));
        assertEquals(List.of("#c"), channels(d.deliver(ip, MIN)));
        assertEquals(List.of("#b", "#c"), channels(d.deliver(ip, 5 * MIN)));
        window[0] = 0; // config repeatminutes 0: every alert, read at delivery
        assertEquals(List.of("#a", "#c"), channels(d.deliver(ip, 6 * MIN)));
        assertEquals(Map.of("#a", 2L, "#b", 2L), d.repeatsHeld());
    }

    @Test
    void theRepeatWordIsParsedKeptInTheSpecMergedAndRemoved() {
        Destination d = Destination.parse("#p", "ip REPEAT=30");
        assertEquals(30, d.repeatMinutes());
        assertEquals("ip,repeat=30", d.spec());
        assertEquals("ip,repeat=0", Destination.parse("#p", "ip repeat=0").spec(), "0 (every alert) is kept");
        assertEquals(-1, Destination.parse("#p", "ip").repeatMinutes());
        assertEquals(10, d.merge(Destination.parse("#p", "repeat=10")).repeatMinutes());
        assertEquals(30, d.merge(Destination.parse("#p", "black")).repeatMinutes());
        assertEquals(-1, d.minus(Destination.parse("#p", "repeat=30")).repeatMinutes());
        assertEquals(30, d.on("#q").repeatMinutes());
        for (String bad : List.of("repeat=1441", "repeat=", "repeat=-1", "repeat=6x", "repeat=99999")) {
            Destination.UnknownWord e = assertThrows(Destination.UnknownWord.class,
                    () -> Destination.parse("#p", "ip " + bad), bad);
            assertEquals(bad, e.word());
        }
    }

    @Test
    void logEntriesAreNotRepeatsAndTakeNoMark() {
        Repeats r = new Repeats();
        long cvi = Event.CVI.bit();
        assertTrue(r.pass("#c", "w", "Uploader", cvi, true, 0, 3_600_000L));
        assertTrue(r.pass("#c", "w", "Uploader", cvi, true, MIN, 3_600_000L), "a second upload goes out too");
        assertTrue(r.pass("#c", "w", "Uploader", Event.IP.bit(), false, 2 * MIN, 3_600_000L), "no mark was taken");
        assertEquals(false, r.pass("#c", "w", "Uploader", Event.IP.bit(), false, 3 * MIN, 3_600_000L));
        assertEquals(Map.of("#c", 1L), r.held());
    }

    @Test
    void memoryIsBoundedByTheWindowAndTheCap() {
        Repeats r = new Repeats();
        for (int i = 0; i < 1000; i++) {
            assertTrue(r.pass("#c", "w", "u" + i, Event.IP.bit(), false, i * 1000L, 60_000L));
        }
        // editors whose window closed are forgotten as new ones come
        assertTrue(r.remembered("#c") <= 61, "remembered " + r.remembered("#c"));
        Repeats big = new Repeats();
        for (int i = 0; i < Repeats.MAX_EDITORS + 10; i++) {
            big.pass("#c", "w", "u" + i, Event.IP.bit(), false, 0, 3_600_000L);
        }
        assertEquals(Repeats.MAX_EDITORS, big.remembered("#c"));
    }
}
