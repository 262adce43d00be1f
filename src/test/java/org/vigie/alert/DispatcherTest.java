package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.alert.DestinationTest.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;

class DispatcherTest {

    private final Dispatcher d = new Dispatcher("#vigie");

    private static List<String> channels(List<Destination> ds) {
        return ds.stream().map(Destination::channel).toList();
    }

    @Test
    void defaultDestinationTakesEverythingButAdminsWhitesAndBots() {
        assertEquals(Dispatcher.DEFAULT_SPEC, d.get("#vigie").spec());
        assertEquals(List.of("#vigie"), channels(d.route(verdict(EditorClass.ANON, Event.IP))));
        assertEquals(List.of(), d.route(verdict(EditorClass.ADMIN, Event.BIGEDIT)));
        assertEquals(List.of(), d.route(verdict(EditorClass.WHITE, Event.BIGNEW)));
        assertEquals(List.of(), d.route(verdict(EditorClass.BOT, Event.BIGEDIT)));
    }

    @Test
    void adminOnlyActionsAreNotHiddenByMinusAdmin() {
        // Only administrators block, delete and protect: "-admin" hides their edits, not their admin actions,
        // or a channel with the default filters would never see a block.
        for (Event e : List.of(Event.BLOCK, Event.DELETE, Event.PROTECT, Event.BLOCKCONFLICT)) {
            assertEquals(List.of("#vigie"), channels(d.route(verdict(EditorClass.ADMIN, e))), e.key());
        }
        assertEquals(List.of(), d.route(verdict(EditorClass.ADMIN, Event.MOVE)));
        assertEquals(List.of(), d.route(verdict(EditorClass.BOT, Event.BLOCK)));
    }

    @Test
    void noDefaultChannelMeansAnEmptyTable() {
        assertEquals(List.of(), new Dispatcher(null).list());
        assertEquals(List.of(), new Dispatcher(" ").list());
    }

    @Test
    void oneAlertPerDestinationWhateverTheNumberOfEvents() {
        d.add("#black", "black,bigremove,cvp");
        d.add("#size", "bigremove");
        d.add("#newusers", "newuser");
        List<Destination> routed = d.route(verdict(EditorClass.BLACK, Event.BLACK, Event.CVP, Event.BIGREMOVE));
        assertEquals(List.of("#black", "#size", "#vigie"), channels(routed));
    }

    @Test
    void quietChannelGetsNothingUntilSpeak() {
        d.add("#other", "ip");
        d.quiet("#VIGIE");
        assertTrue(d.isQuiet("#vigie"));
        assertEquals(List.of("#other"), channels(d.route(verdict(EditorClass.ANON, Event.IP))));
        d.speak("#vigie");
        assertEquals(List.of("#other", "#vigie"), channels(d.route(verdict(EditorClass.ANON, Event.IP))));
    }

    @Test
    void quietallSilencesEveryChannelAndSpeakLiftsIt() {
        d.add("#other", "ip");
        d.quietAll();
        assertTrue(d.isQuietAll());
        assertTrue(d.isQuiet("#other"));
        assertEquals(List.of(), d.route(verdict(EditorClass.ANON, Event.IP)));
        d.speak("#other");
        assertFalse(d.isQuietAll());
        assertEquals(2, d.route(verdict(EditorClass.ANON, Event.IP)).size());
    }

    @Test
    void speakAllLiftsEveryQuiet() {
        d.quiet("#vigie");
        d.quietAll();
        d.speakAll();
        assertFalse(d.isQuiet("#vigie"));
    }

    @Test
    void addMergesIntoTheExistingSpec() {
        d.add("#c", "black");
        Destination now = d.add("#C", "grey,-admin");
        assertEquals("black,grey,-admin", now.spec());
        assertEquals("#c", d.get("#c").channel());
    }

    @Test
    void addWithABadWordChangesNothing() {
        d.add("#c", "black");
        assertThrows(Destination.UnknownWord.class, () -> d.add("#c", "grey,nonsense"));
        assertEquals("black", d.get("#c").spec());
    }

    @Test
    void delRemovesEventsAndDelAllRemovesTheDestination() {
        d.add("#c", "black,grey,cvp,cmds");
        assertEquals("grey,cvp,cmds", d.remove("#c", "black").spec());
        assertNull(d.remove("#c", "all"));
        assertNull(d.get("#c"));
    }

    @Test
    void removingTheLastEventRemovesTheDestination() {
        d.add("#c", "black,-admin");
        assertNull(d.remove("#c", "black"));
        assertNull(d.get("#c"));
        assertNull(d.remove("#unknown", "black"));
    }

    @Test
    void swapExchangesSpecs() {
        d.add("#a", "black");
        d.add("#b", "grey,cmds");
        assertTrue(d.swap("#a", "#b"));
        assertEquals("grey,cmds", d.get("#a").spec());
        assertEquals("black", d.get("#b").spec());
        assertTrue(d.swap("#a", "#new"));
        assertNull(d.get("#a"));
        assertEquals("grey,cmds", d.get("#new").spec());
        assertFalse(d.swap("#x", "#y"));
    }

    @Test
    void setCopiesOneSpecOntoAnother() {
        d.add("#src", "black,cvp,-white");
        d.add("#dst", "ip");
        assertEquals("black,cvp,-white", d.set("#dst", "#src").spec());
        assertEquals("black,cvp,-white", d.get("#src").spec());
        assertNull(d.set("#dst", "#nowhere"));
        assertEquals("black,cvp,-white", d.get("#dst").spec());
    }

    @Test
    void listIsSortedByChannel() {
        d.add("#zz", "ip");
        d.add("#aa", "ip");
        assertEquals(List.of("#aa", "#vigie", "#zz"), channels(d.list()));
    }

    @Test
    void specsAndLoadRoundTrip() {
        d.add("#a", "black,grey");
        d.add("!preset", "cvp,cmdsq");
        Map<String, String> stored = d.specs();
        assertEquals(Map.of("#a", "black,grey", "!preset", "cvp,cmdsq", "#vigie", Dispatcher.DEFAULT_SPEC), stored);
        Dispatcher restarted = new Dispatcher("#vigie");
        assertEquals(List.of(), restarted.load(stored));
        assertEquals(d.list(), restarted.list());
    }

    @Test
    void loadReplacesTheDefaultAndSkipsBadRows() {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("#a", "black");
        stored.put("#broken", "black,frobnicate");
        List<String> problems = d.load(stored);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("#broken") && problems.get(0).contains("frobnicate"));
        assertEquals(List.of("#a"), channels(d.list()));
    }

    @Test
    void loadingNothingBringsBackTheDefault() {
        d.load(Map.of("#a", "black"));
        d.load(Map.of());
        assertEquals(List.of("#vigie"), channels(d.list()));
    }

    @Test
    void commandFlags() {
        d.add("#loud", "cmds");
        d.add("#silent", "cmdsq,black");
        assertTrue(d.hearsCommands("#loud"));
        assertFalse(d.commandsSilent("#loud"));
        assertTrue(d.hearsCommands("#SILENT"));
        assertTrue(d.commandsSilent("#silent"));
        assertFalse(d.hearsCommands("#vigie"));
        assertFalse(d.hearsCommands("#nowhere"));
    }
}
