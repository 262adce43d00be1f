package org.vigie.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;

class BehaviourTest {

    private static final long T0 = 1_441_065_600_000L;
    private final Behaviour b = new Behaviour();
    private final Behaviour.Limits l = Behaviour.Limits.DEFAULTS;

    static RcEvent edit(String user, String title) {
        return new RcEvent("fr.wikipedia", RcEvent.Kind.EDIT, title, 0, user, false, false, false, 10, 1, 0, 0, "",
                "", null, RcEvent.SummaryKind.NONE, null, false);
    }

    static RcEvent newPage(String user, String title) {
        return new RcEvent("fr.wikipedia", RcEvent.Kind.NEW, title, 0, user, false, false, false, 10, 1, 0, 0, "",
                "", null, RcEvent.SummaryKind.NONE, null, false);
    }

    static RcEvent rollback(String admin, String title, String reverted) {
        return new RcEvent("fr.wikipedia", RcEvent.Kind.EDIT, title, 0, admin, true, false, false, -10, 1, 0, 0, "",
                "Révocation des modifications de " + reverted, null, RcEvent.SummaryKind.ROLLBACK, reverted, false);
    }

    static RcEvent created(String creator, String account) {
        LogAction log = new LogAction("newusers", "create2", "Utilisateur:" + account, null, null,
                LogAction.UNKNOWN, java.util.List.of(), null, true);
        return new RcEvent("fr.wikipedia", RcEvent.Kind.LOG, "Spécial:Journal/newusers", -1, creator, false, false,
                false, RcEvent.NO_SIZE, 0, 0, 0, "", "", log, RcEvent.SummaryKind.NONE, null, false);
    }

    private int observe(RcEvent e, boolean anonymous, long at) {
        b.observe(e, anonymous, at, l);
        return b.events;
    }

    @Test
    void anIpBurstIsReportedOnceWithItsCountAtTheSixthEditInAMinute() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, observe(edit("10.0.0.1", "Page " + i), true, T0 + i * 1000));
        }
        assertEquals(Behaviour.BURST, observe(edit("10.0.0.1", "Page 5"), true, T0 + 5000));
        assertEquals(6, b.count);
        assertTrue((b.features & Feature.BURST.bit()) != 0);
        // the seventh edit of the same burst says nothing more, but still carries the feature
        assertEquals(0, observe(edit("10.0.0.1", "Page 6"), true, T0 + 6000));
        assertTrue((b.features & Feature.BURST.bit()) != 0);
    }

    @Test
    void aRegisteredEditorNeedsTenEditsAndThreeCreationsCountOnlyForIpsAndNewAccounts() {
        for (int i = 0; i < 9; i++) {
            assertEquals(0, observe(newPage("Régulier", "Page " + i), false, T0 + i * 1000));
        }
        assertEquals(Behaviour.BURST, observe(edit("Régulier", "Page 9"), false, T0 + 9000));
        assertEquals(0, observe(newPage("10.0.0.2", "A"), true, T0));
        assertEquals(0, observe(newPage("10.0.0.2", "B"), true, T0 + 1000));
        assertEquals(Behaviour.BURST, observe(newPage("10.0.0.2", "C"), true, T0 + 2000));
    }

    @Test
    void aBurstWindowClosesAfterSixtySeconds() {
        for (int i = 0; i < 5; i++) {
            observe(edit("10.0.0.3", "P"), true, T0 + i * 1000);
        }
        // the sixth edit comes after the window: a new window, no burst
        assertEquals(0, observe(edit("10.0.0.3", "P"), true, T0 + 61_000));
    }

    @Test
    void threeDistinctIpsOnOnePageWithinFifteenMinutesAreABrigade() {
        assertEquals(0, observe(edit("10.0.0.1", "Cible"), true, T0));
        assertEquals(0, observe(edit("10.0.0.1", "Cible"), true, T0 + 60_000));
        assertEquals(0, observe(edit("10.0.0.2", "Cible"), true, T0 + 120_000));
        assertEquals(0, observe(edit("Régulier", "Cible"), false, T0 + 130_000));
        assertEquals(Behaviour.BRIGADE, observe(edit("10.0.0.3", "Cible"), true, T0 + 180_000));
        assertEquals(3, b.count);
        assertEquals(0, observe(edit("10.0.0.4", "Cible"), true, T0 + 200_000), "once per window");
        // too spread out: no brigade on another page
        observe(edit("10.0.0.1", "Autre"), true, T0);
        observe(edit("10.0.0.2", "Autre"), true, T0 + 16 * 60_000);
        assertEquals(0, observe(edit("10.0.0.3", "Autre"), true, T0 + 32 * 60_000));
    }

    @Test
    void accountsCreatedTogetherByOneCreatorOrOnOneNamePatternAreABrigade() {
        assertEquals(0, observe(created("Créateur", "Alpha"), false, T0));
        assertEquals(0, observe(created("Créateur", "Beta"), false, T0 + 1000));
        assertEquals(Behaviour.BRIGADE, observe(created("Créateur", "Gamma"), false, T0 + 2000));
        assertEquals(0, observe(created("A", "Dormeur12"), false, T0));
        assertEquals(0, observe(created("B", "Dormeur345"), false, T0 + 1000));
        assertEquals(Behaviour.BRIGADE, observe(created("C", "dormeur7"), false, T0 + 2000));
    }

    @Test
    void aNewAccountIsKnownAsSuchForTheDay() {
        observe(created("Créateur", "Nouveau"), false, T0);
        observe(edit("Nouveau", "P"), false, T0 + 3_600_000);
        assertTrue((b.features & Feature.NEWACCOUNT.bit()) != 0);
        observe(edit("Nouveau", "P"), false, T0 + 25 * 3_600_000L);
        assertEquals(0, b.features & Feature.NEWACCOUNT.bit());
    }

    @Test
    void threeRevertsOfOnePageWithinAnHourAreAnEditWar() {
        assertEquals(0, observe(rollback("A", "Guerre", "X"), false, T0));
        assertEquals(0, observe(rollback("B", "Guerre", "Y"), false, T0 + 600_000));
        assertEquals(Behaviour.EDITWAR, observe(rollback("A", "Guerre", "Y"), false, T0 + 1_200_000)
                & Behaviour.EDITWAR);
        RcEvent later = edit("Z", "Guerre");
        observe(later, false, T0 + 1_300_000);
        assertTrue(b.pageReverted(later), "a page reverted within the hour (read only when scored)");
        RcEvent other = edit("Z", "Paix");
        observe(other, false, T0 + 1_300_000);
        assertTrue(!b.pageReverted(other));
        RcEvent much = edit("Z", "Guerre");
        observe(much, false, T0 + 2 * 3_600_000L);
        assertTrue(!b.pageReverted(much), "more than an hour later");
        observe(edit("10.1.1.1", "Guerre"), true, T0 + 1_400_000);
        assertTrue((b.features & Feature.PAGEREVERTED.bit()) != 0, "a change that touches the page has it at once");
    }

    @Test
    void anEditorRevertedEditsAgainIsReportedOnceAndTheRevertOnlyCountsAfterIt() {
        observe(edit("10.9.9.9", "P"), true, T0);
        assertEquals(0, b.features & Feature.REVERTEDTODAY.bit(), "not reverted yet");
        observe(rollback("Admin", "P", "10.9.9.9"), false, T0 + 1000);
        assertEquals(Behaviour.REVERTED, observe(edit("10.9.9.9", "P"), true, T0 + 60_000));
        assertTrue((b.features & Feature.REVERTEDTODAY.bit()) != 0);
        assertEquals(0, observe(edit("10.9.9.9", "Q"), true, T0 + 120_000), "once per revert");
        assertTrue((b.features & Feature.REVERTEDTODAY.bit()) != 0);
    }

    @Test
    void theFirstChangeOfTheDayIsMarked() {
        observe(edit("Quelqu'un", "P"), false, T0);
        assertTrue((b.features & Feature.FIRSTSEEN.bit()) != 0);
        observe(edit("Quelqu'un", "P"), false, T0 + 1000);
        assertEquals(0, b.features & Feature.FIRSTSEEN.bit());
    }

    @Test
    void memoryIsBoundedAndStaleEditorsAreDroppedWhenTheTableGrows() {
        Behaviour small = new Behaviour(16, 1024, 1024);
        for (int i = 0; i < 10_000; i++) {
            small.observe(edit("10.1." + (i >> 8) + "." + (i & 255), "P" + i), true, T0 + i * 1000L, l);
        }
        assertTrue(small.slots() <= 2048, "slots " + small.slots());
        assertTrue(small.editors() <= 512, "editors " + small.editors());
        // a day later, the old editors are gone at the next growth, the newest are still known
        Behaviour b2 = new Behaviour(16, 1 << 16, 1 << 16);
        for (int i = 0; i < 100; i++) {
            b2.observe(edit("Ancien " + i, "P"), false, T0, l);
        }
        for (int i = 0; i < 100; i++) {
            b2.observe(edit("Nouveau " + i, "P"), false, T0 + 2 * 86_400_000L, l);
        }
        assertEquals(100, b2.editors(), "the editors unseen for a day were dropped when the table grew");
        b2.observe(edit("Ancien 0", "P"), false, T0 + 2 * 86_400_000L + 1000, l);
        assertTrue((b2.features & Feature.FIRSTSEEN.bit()) != 0, "an editor unseen for a day is new again");
    }

    @Test
    void pagesKeepTheirStateWhenTheTableGrowsAndPagesUntouchedForADayAreDropped() {
        Behaviour small = new Behaviour(16, 1 << 16, 1 << 16);
        small.observe(rollback("Admin", "Guerre", "Vandale"), false, T0, l);
        small.observe(rollback("Admin", "Guerre", "Vandale2"), false, T0 + 1000, l);
        // 200 pages touched by logged-out editors: the page table (16 slots at first) grows several times
        for (int i = 0; i < 200; i++) {
            small.observe(edit("10.2.0." + (i & 255), "Autre " + i), true, T0 + 2000 + i, l);
        }
        assertTrue(small.pages() >= 201, "pages " + small.pages());
        small.observe(rollback("Admin", "Guerre", "Vandale3"), false, T0 + 10_000, l);
        assertEquals(Behaviour.EDITWAR, small.events & Behaviour.EDITWAR, "the two earlier reverts survived the growth");
        small.observe(edit("10.3.0.1", "Guerre"), true, T0 + 11_000, l);
        assertTrue((small.features & Feature.PAGEREVERTED.bit()) != 0);
        // two days later, a page table growth drops every page untouched since
        int before = small.pages();
        for (int i = 0; i < 10_000; i++) {
            small.observe(edit("10.4.0." + (i & 255), "Neuve " + i), true, T0 + 2 * 86_400_000L + i, l);
            if (small.pages() < before) {
                break;
            }
        }
        assertTrue(small.pages() < before, "stale pages dropped at the growth: " + small.pages() + " of " + before);
        small.observe(edit("10.5.0.1", "Guerre"), true, T0 + 2 * 86_400_000L + 200_000, l);
        assertEquals(0, small.features & Feature.PAGEREVERTED.bit(), "the dropped page starts afresh");
    }
}
