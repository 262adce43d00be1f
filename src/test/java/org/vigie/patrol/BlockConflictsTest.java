package org.vigie.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockConflictsTest {

    private static final long HOUR = 3_600_000L;
    private static final long WINDOW = 24 * HOUR;
    private static final String FR = "fr.wikipedia";

    private final BlockConflicts bc = new BlockConflicts();

    @Test
    void differentAdminWithinTheWindowConflicts() {
        assertNull(bc.observe(FR, "Vandal", "AdminA", "block", 0, WINDOW));
        BlockConflicts.Conflict c = bc.observe(FR, "Vandal", "AdminB", "unblock", 5 * HOUR, WINDOW);
        assertEquals(new BlockConflicts.Conflict(FR, "Vandal", "AdminA", "block", 0, "AdminB", "unblock", 5 * HOUR),
                c);
    }

    @Test
    void exactlyAtTheEdgeOfTheWindowStillConflicts() {
        bc.observe(FR, "Vandal", "AdminA", "block", 0, WINDOW);
        assertNotNull(bc.observe(FR, "Vandal", "AdminB", "reblock", WINDOW, WINDOW));
    }

    @Test
    void outsideTheWindowNoConflict() {
        bc.observe(FR, "Vandal", "AdminA", "block", 0, WINDOW);
        assertNull(bc.observe(FR, "Vandal", "AdminB", "reblock", WINDOW + 1, WINDOW));
    }

    @Test
    void sameAdminChangingTheirMindIsNoConflict() {
        bc.observe(FR, "Vandal", "AdminA", "block", 0, WINDOW);
        assertNull(bc.observe(FR, "Vandal", "AdminA", "unblock", HOUR, WINDOW));
    }

    @Test
    void otherWikiOrOtherTargetIsNoConflict() {
        bc.observe(FR, "Vandal", "AdminA", "block", 0, WINDOW);
        assertNull(bc.observe("en.wikipedia", "Vandal", "AdminB", "block", HOUR, WINDOW));
        assertNull(bc.observe(FR, "Vandal2", "AdminB", "block", HOUR, WINDOW));
    }

    @Test
    void targetNamesFollowMediaWikiCaseRules() {
        bc.observe(FR, "vandal_boy", "AdminA", "block", 0, WINDOW);
        assertNotNull(bc.observe(FR, "Vandal boy", "AdminB", "block", HOUR, WINDOW));
    }

    @Test
    void aThirdAdminConflictsWithTheSecond() {
        bc.observe(FR, "V", "A", "block", 0, WINDOW);
        bc.observe(FR, "V", "B", "unblock", HOUR, WINDOW);
        assertEquals("B", bc.observe(FR, "V", "C", "block", 2 * HOUR, WINDOW).firstAdmin());
    }

    @Test
    void zeroWindowTurnsDetectionOff() {
        bc.observe(FR, "V", "A", "block", 0, 0);
        assertNull(bc.observe(FR, "V", "B", "block", 1, 0));
        assertEquals(0, bc.size());
    }

    @Test
    void oldRecordsAreEvictedAndTheTableIsCapped() {
        BlockConflicts small = new BlockConflicts(3, 2);
        for (int i = 0; i < 10; i++) {
            small.observe(FR, "T" + i, "A", "block", i, WINDOW);
        }
        assertEquals(3, small.size());
        small.observe(FR, "Late", "A", "block", 10 * WINDOW, WINDOW);
        assertEquals(1, small.size());
    }

    @Test
    void recentListsTheLastConflictsNewestFirst() {
        BlockConflicts b = new BlockConflicts(100, 2);
        for (int i = 0; i < 3; i++) {
            b.observe(FR, "T" + i, "A", "block", i, WINDOW);
            b.observe(FR, "T" + i, "B", "unblock", i + 1, WINDOW);
        }
        List<BlockConflicts.Conflict> r = b.recent(10);
        assertEquals(List.of("T2", "T1"), r.stream().map(BlockConflicts.Conflict::target).toList());
        assertEquals(1, b.recent(1).size());
        assertEquals(0, b.recent(0).size());
    }
}
