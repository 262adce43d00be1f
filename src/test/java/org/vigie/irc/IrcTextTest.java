package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IrcTextTest {

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void utf8LengthCountsOneTwoThreeAndFourByteCharacters() {
        assertEquals(1, IrcText.utf8Length("a"));
        assertEquals(2, IrcText.utf8Length("é"));
        assertEquals(3, IrcText.utf8Length("€"));
        assertEquals(4, IrcText.utf8Length("😀"));
        String mixed = "aé€😀 Zürich 東京 🇫🇷";
        assertEquals(bytes(mixed), IrcText.utf8Length(mixed));
    }

    @Test
    void textThatFitsExactlyIsOnePiece() {
        String text = "a".repeat(20);
        assertEquals(List.of(text), IrcText.split(text, 20));
    }

    @Test
    void oneByteOverTheLimitMakesTwoPieces() {
        String text = "a".repeat(21);
        assertEquals(List.of("a".repeat(20), "a"), IrcText.split(text, 20));
    }

    @Test
    void twoByteCharacterIsNeverCut() {
        // 19 ASCII bytes + "é" (2 bytes) = 21: the é must move whole to the next piece
        String text = "a".repeat(19) + "é" + "b";
        List<String> pieces = IrcText.split(text, 20);
        assertEquals(List.of("a".repeat(19), "éb"), pieces);
    }

    @Test
    void threeByteCharacterIsNeverCut() {
        String text = "a".repeat(18) + "€" + "b";   // 18 + 3 = 21 > 20
        assertEquals(List.of("a".repeat(18), "€b"), IrcText.split(text, 20));
        assertEquals(List.of("a".repeat(17) + "€", "b"), IrcText.split("a".repeat(17) + "€b", 20));
    }

    @Test
    void fourByteEmojiAcrossTheBoundaryStaysWholeAndItsSurrogatesTogether() {
        String text = "a".repeat(18) + "😀" + "b";   // the emoji would need bytes 19..22
        List<String> pieces = IrcText.split(text, 20);
        assertEquals(List.of("a".repeat(18), "😀b"), pieces);
        for (String p : pieces) {
            assertFalse(Character.isHighSurrogate(p.charAt(p.length() - 1)), "no lone high surrogate at an end");
            assertFalse(Character.isLowSurrogate(p.charAt(0)), "no lone low surrogate at a start");
        }
    }

    @Test
    void emojiEndingExactlyAtTheLimitStaysInTheFirstPiece() {
        String text = "a".repeat(16) + "😀" + "b";   // 16 + 4 = 20
        assertEquals(List.of("a".repeat(16) + "😀", "b"), IrcText.split(text, 20));
    }

    @Test
    void onlyEmojiTextIsCutBetweenEmoji() {
        String text = "😀".repeat(10);           // 40 bytes, limit 10: two emoji (8 bytes) per piece
        List<String> pieces = IrcText.split(text, 10);
        assertEquals(5, pieces.size());
        assertTrue(pieces.stream().allMatch(p -> p.equals("😀😀")));
    }

    @Test
    void spaceWithinTheLastFortyBytesIsPreferredAndDropped() {
        String first = "word ".repeat(15) + "tail";              // 79 bytes
        String text = first + " " + "x".repeat(30);              // the space at byte 79
        List<String> pieces = IrcText.split(text, 100);
        assertEquals(List.of(first, "x".repeat(30)), pieces);
    }

    @Test
    void spaceFartherThanFortyBytesFromTheLimitIsNotUsed() {
        String text = "a".repeat(10) + " " + "b".repeat(100);   // space at byte 10, limit 60
        List<String> pieces = IrcText.split(text, 60);
        assertEquals("a".repeat(10) + " " + "b".repeat(49), pieces.get(0));
        assertEquals(60, bytes(pieces.get(0)));
        assertEquals(String.join("", pieces), text);
    }

    @Test
    void longAccentedTextRoundTripsAndEveryPieceFits() {
        String text = "Modification de l'article « Été » par Zoë — résumé : ".repeat(30) + "😀🇫🇷東京";
        List<String> pieces = IrcText.split(text, 380);
        for (String p : pieces) {
            assertTrue(bytes(p) <= 380, "piece of " + bytes(p) + " bytes");
            assertFalse(p.isEmpty());
        }
        // cuts happen at spaces here, each dropping exactly one space
        assertEquals(text.replace(" ", ""), String.join("", pieces).replace(" ", ""));
    }

    @Test
    void emptyTextGivesNoPiece() {
        assertEquals(List.of(), IrcText.split("", 20));
    }

    @Test
    void limitBelowFourBytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IrcText.split("abc", 3));
    }

    @Test
    void sanitizeTurnsLineBreaksNulAndControlsIntoSpaces() {
        assertEquals("hello  QUIT :bye", IrcText.sanitize("hello\r\nQUIT :bye"));
        assertEquals("a b c d e", IrcText.sanitize("a\u0000b\u0001c\u0007d\te"));
        assertEquals("x y", IrcText.sanitize("x\u007fy"));
    }

    @Test
    void sanitizeKeepsIrcFormattingCodes() {
        String formatted = "\u0002bold\u0002 \u000304,01red\u0003 \u000f \u0016rev \u001ditalic \u001funder "
                + "\u0011mono \u001estrike \u0004FF0000hex";
        assertSame(formatted, IrcText.sanitize(formatted), "clean text is returned as is");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#fr.wikipedia", "&local", "+modeless", "Vigie", "nick[away]", "#Chan-é"})
    void validTargets(String target) {
        assertTrue(IrcText.isValidTarget(target));
    }

    @ParameterizedTest
    @CsvSource(value = {"'#a b'", "'#a,#b'", "':x'", "''", "'#a\rQUIT'", "'nick\u0000'", "'a\u0007b'"})
    void invalidTargets(String target) {
        assertFalse(IrcText.isValidTarget(target));
    }

    @Test
    void channelsStartWithAChannelPrefix() {
        assertTrue(IrcText.isValidChannel("#fr.wikipedia"));
        assertFalse(IrcText.isValidChannel("Vigie"));
        assertFalse(IrcText.isValidChannel("#bad name"));
    }
}
