package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.Changes;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

class DestinationTest {

    static Verdict verdict(EditorClass editor, Event... events) {
        long bits = 0;
        for (Event e : events) {
            bits |= e.bit();
        }
        RcEvent change = Changes.edit("Paris", "Someone", -900).build();
        return new Verdict(change, editor, bits, List.of(), List.of());
    }

    @Test
    void specWithEventsAndFiltersIsParsed() {
        Destination d = Destination.parse("#vigie-fr", "black,grey,cvp,-admin,-white");
        assertEquals(Event.BLACK.bit() | Event.GREY.bit() | Event.CVP.bit(), d.events());
        assertTrue(d.noAdmin());
        assertTrue(d.noWhite());
        assertFalse(d.noBot());
        assertFalse(d.cmds());
        assertEquals("black,grey,cvp,-admin,-white", d.spec());
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "BLACK, Grey            | black,grey",
            "cvp black              | black,cvp",
            "wwuser                 | bnu",
            "bnu,wwuser             | bnu",
            "all                    | all",
            "ALL,-bot               | all,-bot",
            "-bot,cmdsq,ip          | ip,-bot,cmdsq",
            "cmds                   | cmds",
            "blockconflict,tinynew  | tinynew,blockconflict",
    })
    void specsAreCaseInsensitiveAndComeBackCanonical(String spec, String canonical) {
        Destination d = Destination.parse("#c", spec);
        assertEquals(canonical, d.spec());
        assertEquals(d, Destination.parse("#c", d.spec()));
    }

    @Test
    void allMeansEveryEvent() {
        Destination d = Destination.parse("#c", "all");
        for (Event e : Event.values()) {
            assertTrue((d.events() & e.bit()) != 0, e.key());
        }
    }

    @Test
    void unknownWordIsNamedInTheError() {
        Destination.UnknownWord e = assertThrows(Destination.UnknownWord.class,
                () -> Destination.parse("#c", "black,blak,grey"));
        assertEquals("blak", e.word());
        assertTrue(e.getMessage().contains("blak"));
        assertThrows(Destination.UnknownWord.class, () -> Destination.parse("#c", "-admins"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ",,"})
    void emptySpecIsRefused(String spec) {
        assertThrows(IllegalArgumentException.class, () -> Destination.parse("#c", spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#a b", "#a,#b", "#a\r\nQUIT"})
    void unusableChannelNameIsRefused(String channel) {
        assertThrows(IllegalArgumentException.class, () -> Destination.parse(channel, "black"));
    }

    @Test
    void presetChannelIsStoredAsIs() {
        Destination d = Destination.parse("!fr-patrol", "black");
        assertEquals("!fr-patrol", d.channel());
        assertTrue(d.isPreset());
        assertFalse(Destination.parse("#fr", "black").isPreset());
    }

    @ParameterizedTest(name = "{0} by {1} taken: {2}")
    @CsvSource({
            "all;-admin, ADMIN, false",
            "all;-admin, WHITE, true",
            "all;-white, WHITE, false",
            "all;-white, USER, true",
            "all;-bot, BOT, false",
            "all;-bot, ANON, true",
            "all;-admin;-white;-bot, BLACK, true",
            "all, ADMIN, true",
    })
    void filtersLeaveOutTheirEditors(String spec, EditorClass editor, boolean taken) {
        Destination d = Destination.parse("#c", spec.replace(';', ','));
        assertEquals(taken, d.takes(verdict(editor, Event.BIGREMOVE)));
    }

    @Test
    void destinationTakesOnlyItsEvents() {
        Destination d = Destination.parse("#c", "black,cvp");
        assertTrue(d.takes(verdict(EditorClass.BLACK, Event.BLACK, Event.BIGREMOVE)));
        assertFalse(d.takes(verdict(EditorClass.USER, Event.BIGREMOVE)));
        assertFalse(Destination.parse("#c", "cmds").takes(verdict(EditorClass.USER, Event.BIGREMOVE)));
    }

    @Test
    void mergeAndMinus() {
        Destination a = Destination.parse("#c", "black,grey,-admin");
        Destination b = Destination.parse("#c", "grey,cvp,cmds");
        assertEquals("black,grey,cvp,-admin,cmds", a.merge(b).spec());
        assertEquals("black,-admin", a.minus(b).spec());
        assertTrue(a.minus(Destination.parse("#c", "black,grey")).isEmpty());
    }
}
