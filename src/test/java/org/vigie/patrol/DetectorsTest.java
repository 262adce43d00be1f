package org.vigie.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.WordMatch;

class DetectorsTest {

    private static final String FR = "fr.wikipedia";
    private static final long NOW = 1_700_000_000_000L;

    private final MemoryLists lists = new MemoryLists();

    private Patrol patrol(Detector... detectors) {
        DetectorSet set = DetectorSet.of(detectors);
        return new Patrol(lists, Settings::defaults, new BlockConflicts(), AutoList.english(), () -> set);
    }

    /** A test detector: declares some events, raises others, or throws. */
    private record Scripted(String name, long events, List<Event> raises, String matched) implements Detector {
        @Override
        public void inspect(RcEvent change, Context ctx, Findings out) {
            if (raises == null) {
                throw new IllegalStateException("boom");
            }
            for (Event e : raises) {
                out.raise(e, null, matched);
            }
        }
    }

    @Test
    void builtInDetectorsHaveTheNamesOperatorsType() {
        assertEquals(List.of("anonymous", "lists", "words", "logs", "sizes", "blockconflict"),
                DetectorSet.builtIns().names());
    }

    @Test
    void everyEventIsRaisedByExactlyOneBuiltInDetector() {
        long seen = 0;
        for (Detector d : DetectorSet.builtIns().detectors()) {
            assertEquals(0, seen & d.events(), d.name() + " shares an event with another built-in");
            seen |= d.events();
        }
        // burst, brigade, editwar, reverted and suspect come from the patrol's scorer, not from a detector
        long scorer = Event.BURST.bit() | Event.BRIGADE.bit() | Event.EDITWAR.bit() | Event.REVERTED.bit()
                | Event.SUSPECT.bit();
        assertEquals(DetectorSet.allEvents() & ~scorer, seen);
    }

    @Test
    void serviceFileListsTheBuiltInsInTheirRunningOrder() {
        List<String> found = new ArrayList<>();
        ServiceLoader.load(Detector.class, Detector.class.getClassLoader()).forEach(d -> found.add(d.name()));
        assertEquals(DetectorSet.builtIns().names(), found);
    }

    @Test
    void raiseOutsideTheDeclaredEventsIsIgnored() {
        Patrol p = patrol(new Scripted("liar", Event.BES.bit(), List.of(Event.BLACK, Event.BES), "x"));
        assertEquals(Event.BES.bit(), p.check(Changes.edit("Paris", "Alice", 1).build(), NOW).events());
    }

    @Test
    void firstRaiseOfAnEventWins() {
        Patrol p = patrol(new Scripted("first", Event.BES.bit(), List.of(Event.BES), "one"),
                new Scripted("second", Event.BES.bit(), List.of(Event.BES), "two"));
        Verdict v = p.check(Changes.edit("Paris", "Alice", 1).build(), NOW);
        assertEquals(1, v.reasons().size());
        assertEquals("one", v.reasons().get(0).matched());
    }

    @Test
    void reasonsComeInEventOrderWhateverTheDetectorOrder() {
        Patrol p = patrol(new SizesDetector(), new AnonymousDetector());
        Verdict v = p.check(Changes.edit("Paris", "1.2.3.4", -900).build(), NOW);
        assertEquals(List.of(Event.IP, Event.BIGREMOVE), v.reasons().stream().map(Verdict.Reason::event).toList());
    }

    @Test
    void throwingDetectorIsCountedAndTheOthersStillRun() {
        Patrol p = patrol(new Scripted("boom", Event.BES.bit(), null, null), new SizesDetector());
        Verdict v = p.check(Changes.edit("Paris", "Alice", -900).build(), NOW);
        assertEquals(Event.BIGREMOVE.bit(), v.events());
        assertEquals(1, p.detectorFailures());
        assertEquals("boom", p.lastFailedDetector());
    }

    @Test
    void setRefusesDetectorsThatClaimNothingOrCannotBeTyped() {
        assertThrows(IllegalArgumentException.class, () -> DetectorSet.of(new Scripted("mute", 0, List.of(), null)));
        assertThrows(IllegalArgumentException.class,
                () -> DetectorSet.of(new Scripted("Big Space", Event.BES.bit(), List.of(), null)));
        assertThrows(IllegalArgumentException.class,
                () -> DetectorSet.of(new SizesDetector(), new SizesDetector()));
    }

    @Test
    void withoutDetectorsTheRollbackAndBlockRulesStillList() {
        lists.add(ListKind.AL, FR, "Sysop", "");
        Patrol p = patrol();
        Verdict rollback = p.check(Changes.edit("Paris", "Sysop", -300)
                .reverts(RcEvent.SummaryKind.ROLLBACK, "1.2.3.4").build(), NOW);
        assertEquals(0, rollback.events());
        assertEquals("1.2.3.4", rollback.autoEntries().get(0).item());
        Verdict block = p.check(Changes.block("block", "Sysop", "User:Vandal", "31 hours", 31 * 3600).build(), NOW);
        assertEquals(0, block.events());
        assertEquals(ListKind.BL, block.autoEntries().get(0).kind());
    }

    @Test
    void bnuRuleFollowsTheBnuEventSoItStopsWithTheWordsDetector() {
        lists.add(ListKind.BNU, Entry.GLOBAL, "vandal", "");
        RcEvent created = Changes.log("newusers", "create", "Vandal2000", null).build();
        assertEquals("Vandal2000", patrol(new WordsDetector()).check(created, NOW).autoEntries().get(0).item());
        assertEquals(List.of(), patrol(new LogsDetector()).check(created, NOW).autoEntries());
    }

    @Test
    void cnvpSilencesPluginDetectorsToo() {
        lists.add(ListKind.CNVP, FR, "Bac à sable", "");
        Patrol p = patrol(new Scripted("always", Event.BES.bit(), List.of(Event.BES), "x"));
        assertNull(p.check(Changes.edit("Bac à sable", "Alice", 1).build(), NOW));
    }

    @Test
    void quietChangeAllocatesNothing() {
        ListView empty = new ListView() {
            @Override
            public Entry find(ListKind kind, String wiki, String item, long nowMillis) {
                return null;
            }

            @Override
            public WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis) {
                return null;
            }
        };
        Settings settings = Settings.defaults();
        DetectorSet all = DetectorSet.builtIns();
        Patrol p = new Patrol(empty, () -> settings, new BlockConflicts(), AutoList.english(), () -> all);
        RcEvent[] quiet = {
                Changes.edit("Paris", "Alice", 120).summary("typo").build(),
                Changes.newPage("Lyon", "Alice", 300).summary("new").build(),
                Changes.log("patrol", "patrol", "Alice", "Paris").build(),
                Changes.edit("Modèle:Palette", "Bob", -3).ns(RcEvent.NS_UNKNOWN).build(),
        };
        // a minute apart, so that the behaviour windows see no burst (they would, rightly, at one instant)
        for (int i = 0; i < 20_000; i++) {
            assertNull(p.check(quiet[i & 3], NOW + i * 61_000L));
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        int n = 100_000;
        int raised = 0;
        for (int i = 0; i < n; i++) {
            if (p.check(quiet[i & 3], NOW + (20_000L + i) * 61_000L) != null) {
                raised++;
            }
        }
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, raised);
        // any per-change object (16 bytes at least) would make this 1.6 MB
        assertTrue(bytes < n / 10, "quiet changes allocated " + bytes + " bytes");
    }
}
