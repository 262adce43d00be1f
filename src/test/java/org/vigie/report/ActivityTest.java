package org.vigie.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.patrol.Changes;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

class ActivityTest {

    private static Verdict verdict(String title) {
        return new Verdict(Changes.edit(title, "Someone", 5).build(), EditorClass.ANON, Event.IP.bit(), List.of(),
                List.of());
    }

    @Test
    void changesAreCountedPerWikiWhateverTheInstanceOrTheCollisions() {
        Activity a = new Activity();
        for (int i = 0; i < 1000; i++) {
            a.read("wiki" + (i % 300));             // new instances, 300 wikis: more than the identity table's slots
            a.read("fr.wikipedia");
        }
        Activity.Drained d = a.drain();
        assertEquals(1000L, d.changes().get("fr.wikipedia"));
        assertEquals(4L, d.changes().get("wiki0"));
        assertEquals(3L, d.changes().get("wiki299"));
        assertEquals(301, d.changes().size());
        a.read("fr.wikipedia");
        assertEquals(Map.of("fr.wikipedia", 1L), a.drain().changes(), "a drain takes only what is new");
    }

    @Test
    void raisedChangesAreCountedPerWikiAndEventAndOnlyAlertedOnesAreKept() {
        Activity a = new Activity();
        for (int i = 0; i < 10; i++) {
            a.raised(new Verdict(Changes.edit("P" + i, "Someone", 5).build(), EditorClass.ANON,
                    Event.IP.bit() | (i < 3 ? Event.BIGREMOVE.bit() : 0), List.of(), List.of()), i == 4);
        }
        Activity.Drained d = a.drain();
        assertEquals(Map.of("fr.wikipedia", 10L), d.raised());
        assertEquals(Map.of("fr.wikipedia", Map.of("ip", 10L, "bigremove", 3L)), d.events());
        assertEquals(1, d.alerted().size(), "a change that alerted nowhere is counted, not kept");
        assertEquals("P4", d.alerted().get(0).title());
        assertEquals(Event.IP.bit(), d.alerted().get(0).events());
        Activity.Drained again = a.drain();
        assertTrue(again.raised().isEmpty() && again.events().isEmpty() && again.alerted().isEmpty(),
                "a drain takes only what is new");
    }

    @Test
    void alertedChangesComeOutInOrderAndAFullRingCountsInsteadOfBlocking() {
        Activity a = new Activity();
        int ring = 1 << 16;
        for (int i = 0; i < ring + 10; i++) {
            a.raised(verdict("P" + i), true);
        }
        Activity.Drained d = a.drain();
        assertEquals(ring, d.alerted().size());
        assertEquals(10, d.overflow());
        assertEquals((long) ring + 10, d.raised().get("fr.wikipedia"), "the counts miss nothing when the ring is full");
        assertEquals("P0", d.alerted().get(0).title());
        assertEquals("P" + (ring - 1), d.alerted().get(ring - 1).title());
        // room again after the drain, and the ring wraps around in order
        List<String> titles = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 40_000; i++) {
                a.raised(verdict("R" + round + "-" + i), true);
            }
            a.drain().alerted().forEach(r -> titles.add(r.title()));
        }
        assertEquals(120_000, titles.size());
        assertEquals("R2-39999", titles.get(119_999));
        assertEquals(0, a.drain().overflow());
    }
}
