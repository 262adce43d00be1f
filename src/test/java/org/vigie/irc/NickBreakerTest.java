package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Abuse case 6 (issue 13.6): the nicks present are broken in wiki-supplied text, links stay usable. */
class NickBreakerTest {

    private static final Set<String> PRESENT = Set.of("alice", "bob", "fr", "[x]");
    private static final String Z = "\u200B";

    @Test
    void wholeWordsAreBrokenWhateverTheirCase() {
        assertEquals("A" + Z + "lice, b" + Z + "ob et B" + Z + "OB", NickBreaker.breakNicks("Alice, bob et BOB", PRESENT));
        assertEquals("[" + Z + "x]: hi", NickBreaker.breakNicks("[x]: hi", PRESENT));
    }

    @Test
    void partsOfLongerWordsAreLeftAlone() {
        String s = "Alicex bobby Alice_ xbob";
        assertSame(s, NickBreaker.breakNicks(s, PRESENT));
    }

    @Test
    void aColourCodeInFrontDoesNotHideANick() {
        assertEquals("\u000304A" + Z + "lice \u00034,12b" + Z + "ob", NickBreaker.breakNicks("\u000304Alice \u00034,12bob", PRESENT));
    }

    @Test
    void inALinkThePathIsPercentEncodedAndTheHostLeftAlone() {
        assertEquals("https://fr.wikipedia.org/wiki/Special:Contributions/%41lice ok",
                NickBreaker.breakNicks("https://fr.wikipedia.org/wiki/Special:Contributions/Alice ok", PRESENT));
        String encoded = "https://fr.wikipedia.org/wiki/Sp%C3%A9cial:x?title=%41lice";
        assertSame(encoded, NickBreaker.breakNicks(encoded, PRESENT));
    }

    @Test
    void sevenNicksInATitleHighlightNobody() {
        Set<String> seven = Set.of("ann", "ben", "cat", "dan", "eve", "fay", "gus");
        String out = NickBreaker.breakNicks("Ann Ben Cat Dan Eve Fay Gus", seven);
        for (String n : new String[] {"Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus"}) {
            assertEquals(-1, (" " + out + " ").indexOf(" " + n + " "), out);
        }
        assertEquals("Ann Ben Cat Dan Eve Fay Gus", out.replace(Z, ""));
    }

    @Test
    void nothingPresentCostsNothing() {
        String s = "Alice";
        assertSame(s, NickBreaker.breakNicks(s, Set.of()));
    }

    @Test
    void aWordWhoseHashIsANicksIsStillLeftAloneWhenItIsNoNick() {
        // "b[" and "az" have the same String.hashCode (3129): the hash only lets the set decide
        assertEquals("b[".hashCode(), "az".hashCode());
        NickBreaker.Nicks nicks = NickBreaker.Nicks.of(Set.of("az"));
        assertEquals("b[ and a" + Z + "z, A" + Z + "Z", NickBreaker.breakNicks("b[ and az, AZ", nicks));
        String s = "b[ alone";
        assertSame(s, NickBreaker.breakNicks(s, nicks));
    }
}
