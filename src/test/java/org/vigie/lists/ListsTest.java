package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListsTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private final Lists lists = new Lists();

    static Entry entry(ListKind kind, String wiki, String item, long expires) {
        return new Entry(kind, wiki, item, "Op", "because", NOW - 1000, expires, Entry.Source.OPERATOR);
    }

    @Test
    void aUserIsFoundUnderAnyWrittenFormOfTheName() {
        Entry e = entry(ListKind.BL, Entry.GLOBAL, "vandale_123", Entry.NEVER);
        lists.put(e);
        assertSame(e, lists.find(ListKind.BL, "fr.wikipedia", "Vandale 123", NOW));
        assertSame(e, lists.find(ListKind.BL, "fr.wikipedia", "vandale_123", NOW));
        assertNull(lists.find(ListKind.BL, "fr.wikipedia", "Vandale 123".toUpperCase(), NOW));
        assertNull(lists.find(ListKind.WL, "fr.wikipedia", "Vandale 123", NOW));
    }

    @Test
    void anIPv6EntryMatchesTheFormTheFeedSends() {
        lists.put(entry(ListKind.BL, Entry.GLOBAL, "2001:db8::bad", Entry.NEVER));
        assertEquals("2001:db8::bad", lists.find(ListKind.BL, "en.wikipedia", "2001:DB8:0:0:0:0:0:BAD", NOW).item());
    }

    @Test
    void globalEntriesApplyToEveryWikiAndTheWikisOwnComesFirst() {
        Entry global = entry(ListKind.CVP, Entry.GLOBAL, "Tour Eiffel", Entry.NEVER);
        Entry fr = new Entry(ListKind.CVP, "fr.wikipedia", "Tour Eiffel", "Op2", "fr", NOW, Entry.NEVER,
                Entry.Source.OPERATOR);
        lists.put(global);
        assertSame(global, lists.find(ListKind.CVP, "de.wikipedia", "Tour Eiffel", NOW));
        lists.put(fr);
        assertSame(fr, lists.find(ListKind.CVP, "fr.wikipedia", "Tour_Eiffel", NOW));
        assertSame(global, lists.find(ListKind.CVP, "de.wikipedia", "Tour Eiffel", NOW));
        assertSame(global, lists.find(ListKind.CVP, Entry.GLOBAL, "Tour Eiffel", NOW));
    }

    @Test
    void aWikiEntryDoesNotLeakToOtherWikis() {
        lists.put(entry(ListKind.AL, "fr.wikipedia", "Admin", Entry.NEVER));
        assertEquals("Admin", lists.find(ListKind.AL, "fr.wikipedia", "Admin", NOW).item());
        assertNull(lists.find(ListKind.AL, "en.wikipedia", "Admin", NOW));
    }

    @Test
    void anExpiredEntryStopsMatchingAtOnceAndTheSweepRemovesIt() {
        lists.put(entry(ListKind.BL, Entry.GLOBAL, "Temp", NOW + HOUR));
        lists.put(entry(ListKind.BNU, Entry.GLOBAL, "troll", NOW + HOUR));
        lists.put(entry(ListKind.BL, Entry.GLOBAL, "Forever", Entry.NEVER));
        assertEquals("Temp", lists.find(ListKind.BL, "fr.wikipedia", "Temp", NOW + HOUR - 1).item());
        assertNull(lists.find(ListKind.BL, "fr.wikipedia", "Temp", NOW + HOUR));
        assertNull(lists.findWord(ListKind.BNU, "fr.wikipedia", "Trolleur", NOW + HOUR));
        assertEquals(3, lists.size());
        assertEquals(2, lists.sweep(NOW + HOUR));
        assertEquals(1, lists.size());
        assertEquals(0, lists.sweep(NOW + HOUR));
    }

    @Test
    void anExpiredWikiEntryFallsBackToTheGlobalOne() {
        lists.put(entry(ListKind.BL, "fr.wikipedia", "Foo", NOW + HOUR));
        Entry global = entry(ListKind.BL, Entry.GLOBAL, "Foo", Entry.NEVER);
        lists.put(global);
        assertSame(global, lists.find(ListKind.BL, "fr.wikipedia", "Foo", NOW + 2 * HOUR));
    }

    @Test
    void wordListsMatchTheWikisWordsFirstThenTheGlobalOnes() {
        lists.put(entry(ListKind.BNA, Entry.GLOBAL, "caca", Entry.NEVER));
        lists.put(entry(ListKind.BNA, "fr.wikipedia", "/pro?ut/", Entry.NEVER));
        lists.put(entry(ListKind.BNA, "fr.wikipedia", "caca", Entry.NEVER));
        WordMatch fr = lists.findWord(ListKind.BNA, "fr.wikipedia", "Caca prout", NOW);
        assertEquals("fr.wikipedia", fr.entry().wiki());
        assertEquals("caca", fr.entry().item());
        assertEquals(Entry.GLOBAL, lists.findWord(ListKind.BNA, "de.wikipedia", "Caca", NOW).entry().wiki());
        assertNull(lists.findWord(ListKind.BNA, "de.wikipedia", "Prout", NOW));
        assertEquals("prout", lists.findWord(ListKind.BNA, "fr.wikipedia", "xprout", NOW).matched());
        assertNull(lists.findWord(ListKind.BES, "fr.wikipedia", "caca", NOW));
    }

    @Test
    void aWordListIsRecompiledWhenItChanges() {
        lists.put(entry(ListKind.BES, Entry.GLOBAL, "nul", Entry.NEVER));
        assertEquals("nul", lists.findWord(ListKind.BES, "fr.wikipedia", "c'est NUL", NOW).entry().item());
        lists.put(entry(ListKind.BES, Entry.GLOBAL, "/idiot/", Entry.NEVER));
        assertEquals("/idiot/", lists.findWord(ListKind.BES, "fr.wikipedia", "idiot", NOW).entry().item());
        assertEquals("nul", lists.remove(ListKind.BES, Entry.GLOBAL, "NUL").item());
        assertNull(lists.findWord(ListKind.BES, "fr.wikipedia", "c'est nul", NOW));
        lists.remove(ListKind.BES, Entry.GLOBAL, "/idiot/");
        assertNull(lists.findWord(ListKind.BES, "fr.wikipedia", "idiot", NOW));
    }

    @Test
    void anInvalidExpressionIsRefusedAndTheListIsUnchanged() {
        lists.put(entry(ListKind.BNU, Entry.GLOBAL, "vandal", Entry.NEVER));
        assertThrows(IllegalArgumentException.class,
                () -> lists.put(entry(ListKind.BNU, Entry.GLOBAL, "/[a-/", Entry.NEVER)));
        assertEquals(1, lists.size(ListKind.BNU));
        assertEquals("vandal", lists.findWord(ListKind.BNU, "x", "Vandal", NOW).entry().item());
    }

    @Test
    void replacingAnEntryReturnsThePreviousOne() {
        Entry a = entry(ListKind.WL, Entry.GLOBAL, "Gentil", Entry.NEVER);
        Entry b = new Entry(ListKind.WL, Entry.GLOBAL, "gentil", "Op2", "again", NOW, Entry.NEVER, Entry.Source.OPERATOR);
        assertNull(lists.put(a));
        assertSame(a, lists.put(b));
        assertEquals(1, lists.size());
    }

    @Test
    void accountsCompareWithoutCase() {
        lists.put(entry(ListKind.ACLO, Entry.GLOBAL, "SomeOp", Entry.NEVER));
        assertEquals("SomeOp", lists.find(ListKind.ACLO, Entry.GLOBAL, "someop", NOW).item());
    }

    @Test
    void entriesForCollectsEveryListOfAUserOnEveryWiki() {
        lists.put(entry(ListKind.BL, Entry.GLOBAL, "Foo", Entry.NEVER));
        lists.put(entry(ListKind.AL, "fr.wikipedia", "Foo", Entry.NEVER));
        lists.put(entry(ListKind.WL, "de.wikipedia", "Foo", NOW - 1));
        lists.put(entry(ListKind.BNU, Entry.GLOBAL, "foo", Entry.NEVER));
        List<Entry> found = lists.entriesFor("foo", NOW);
        assertEquals(3, found.size());
        assertTrue(found.stream().anyMatch(e -> e.kind() == ListKind.BNU), "the word lists too, for show");
        assertTrue(found.stream().anyMatch(e -> e.kind() == ListKind.AL));
        assertTrue(found.stream().anyMatch(e -> e.kind() == ListKind.BL));
    }

    @Test
    void snapshotsAreCopies() {
        lists.put(entry(ListKind.ACLO, Entry.GLOBAL, "a", Entry.NEVER));
        List<Entry> snap = lists.entries(ListKind.ACLO);
        lists.put(entry(ListKind.ACLO, Entry.GLOBAL, "b", Entry.NEVER));
        assertEquals(1, snap.size());
        assertEquals(2, lists.entries(ListKind.ACLO).size());
        assertEquals(1, lists.entries(ListKind.ACLO, Entry.GLOBAL).size() - 1);
    }

    @Test
    void theSameNameAskedAgainSeesEveryChangeInBetween() {
        String user = new String("Récidiviste");    // one instance, as the patrol asks about one editor
        assertNull(lists.find(ListKind.BL, "fr.wikipedia", user, NOW));
        Entry black = entry(ListKind.BL, "fr.wikipedia", "récidiviste", Entry.NEVER);
        lists.put(black);
        assertSame(black, lists.find(ListKind.BL, "fr.wikipedia", user, NOW));
        lists.remove(ListKind.BL, "fr.wikipedia", "Récidiviste");
        assertNull(lists.find(ListKind.BL, "fr.wikipedia", user, NOW));
        lists.putAll(List.of(black));
        assertSame(black, lists.find(ListKind.BL, "fr.wikipedia", user, NOW));
        lists.clear(ListKind.BL, "fr.wikipedia");
        assertNull(lists.find(ListKind.BL, "fr.wikipedia", user, NOW));
    }

    @Test
    void oneNameOnSeveralListsAndWikisKeepsEachEntryApart() {
        Entry grey = entry(ListKind.GL, Entry.GLOBAL, "Multi", Entry.NEVER);
        Entry blackFr = entry(ListKind.BL, "fr.wikipedia", "Multi", Entry.NEVER);
        Entry blackAll = entry(ListKind.BL, Entry.GLOBAL, "Multi", NOW + HOUR);
        Entry watched = entry(ListKind.CVP, Entry.GLOBAL, "Multi", Entry.NEVER);
        lists.putAll(List.of(grey, blackFr, blackAll, watched));
        assertSame(blackFr, lists.find(ListKind.BL, "fr.wikipedia", "Multi", NOW));
        assertSame(blackAll, lists.find(ListKind.BL, "de.wikipedia", "Multi", NOW));
        assertNull(lists.find(ListKind.BL, "de.wikipedia", "Multi", NOW + HOUR));
        assertSame(grey, lists.find(ListKind.GL, "de.wikipedia", "Multi", NOW));
        assertSame(watched, lists.find(ListKind.CVP, "de.wikipedia", "Multi", NOW));
        assertNull(lists.find(ListKind.WL, "fr.wikipedia", "Multi", NOW));
        assertEquals(4, lists.size());
        assertEquals(2, lists.size(ListKind.BL));
        assertEquals(List.of(blackFr), lists.entries(ListKind.BL, "fr.wikipedia"));
        assertEquals(1, lists.sweep(NOW + HOUR));
        assertEquals(1, lists.size(ListKind.BL));
        assertSame(blackFr, lists.remove(ListKind.BL, "fr.wikipedia", "multi"));
        assertEquals(0, lists.size(ListKind.BL));
        assertSame(grey, lists.find(ListKind.GL, "fr.wikipedia", "Multi", NOW));
        assertEquals(2, lists.size());
    }

    @Test
    void aReaderAnswersLikeTheListsAndSeesEveryLaterChange() {
        ListView reader = lists.reader();
        String user = new String("Récidiviste");
        Entry black = entry(ListKind.BL, "fr.wikipedia", "récidiviste", Entry.NEVER);
        Entry page = entry(ListKind.CVP, Entry.GLOBAL, "Récidiviste", Entry.NEVER);
        Entry word = entry(ListKind.BNU, Entry.GLOBAL, "vandale", Entry.NEVER);
        assertNull(reader.find(ListKind.BL, "fr.wikipedia", user, NOW));
        lists.putAll(List.of(black, page, word));
        assertSame(black, reader.find(ListKind.BL, "fr.wikipedia", user, NOW));
        assertSame(page, reader.find(ListKind.CVP, "fr.wikipedia", user, NOW));
        assertNull(reader.find(ListKind.WL, "fr.wikipedia", user, NOW));
        assertSame(word, reader.findWord(ListKind.BNU, "fr.wikipedia", "un Vandale ici", NOW).entry());
        lists.remove(ListKind.BL, "fr.wikipedia", "Récidiviste");
        assertNull(reader.find(ListKind.BL, "fr.wikipedia", user, NOW));
        assertSame(page, reader.find(ListKind.CVP, "fr.wikipedia", user, NOW));
        assertSame(page, lists.find(ListKind.CVP, "fr.wikipedia", user, NOW));
    }
}
