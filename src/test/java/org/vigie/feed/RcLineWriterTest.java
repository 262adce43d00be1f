package org.vigie.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer is MediaWiki's formatter: it rewrites the recorded lines byte for byte, and the parser reads it back. */
class RcLineWriterTest {

    private final RcLineParser parser = new RcLineParser(LogTexts.withDefaults());

    @Test
    void everyRecordedLineIsWrittenBackByteForByteFromItsFields() {
        int n = 0;
        for (String raw : Fixtures.eyeInTheSky()) {
            n++;
            RcEvent e = parser.parse("en.wikipedia", raw);
            String rewritten;
            if (e.isLog()) {
                // MediaWiki re-colours its own rc target; the recorded line shows which one it was
                String rcTarget = IrcText.colouredTarget(raw);
                rewritten = RcLineWriter.log(e.title(), e.logAction(), e.user(), rcTarget, e.summary());
            } else {
                rewritten = RcLineWriter.text(e);
            }
            assertEquals(raw, rewritten, "line " + n);
        }
    }

    @Test
    void everyRecordedLineReadsBackToTheSameEvent() {
        for (String raw : Fixtures.eyeInTheSky()) {
            RcEvent e = parser.parse("en.wikipedia", raw);
            RcEvent again = parser.parse("en.wikipedia", RcLineWriter.text(e));
            assertEquals(e, again, raw);
        }
    }

    @Test
    void anEditRoundTrips() {
        RcEvent e = new RcEvent("fr.wikipedia", RcEvent.Kind.NEW, "Discussion utilisateur:2001:db8::7", 3,
                "2001:db8::7", true, false, true, 742, 88, 0, 12, "https://fr.wikipedia.org/w/index.php?oldid=88&rcid=12",
                "Page créée avec « Salut »", null, RcEvent.SummaryKind.NONE, null, false);
        assertEquals(e, parser.parse("fr.wikipedia", RcLineWriter.text(e)));
    }

    @Test
    void aLogEntryHasItsActionAsFlagsNoUrlNoSizeAndItsTargetRecoloured() {
        String text = RcLineWriter.log("Spécial:Log/delete", "delete", "Admin", "Foo",
                "deleted \"[[Foo]]\"\u202F: see [[Foo]] and [[Foobar]]");
        assertEquals("\u000314[[\u000307Spécial:Log/delete\u000314]]\u00034 delete\u000310 \u000302\u0003 "
                + "\u00035*\u0003 \u000303Admin\u0003 \u00035*\u0003  \u000310deleted \"[[\u000302Foo\u000310]]\"\u202F: "
                + "see [[\u000302Foo\u000310]] and [[Foobar]]\u0003", text);
    }

    @Test
    void newlinesBecomeSpacesAndCarriageReturnsGoAsInMediaWiki() {
        RcEvent e = parser.parse("en.wikipedia", RcLineWriter.edit("T", false, false, false, false,
                "https://en.wikipedia.org/w/index.php?diff=2&oldid=1", "U", 1, "a\r\nb\nc"));
        assertEquals("a b c", e.summary());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 200, 400, 600})
    void aProtocolLineIsCutAt510CodePointsNeverInsideOne(int length) {
        String summary = "🦊".repeat(length);
        String line = RcLineWriter.line("fr.wikipedia", RcLineWriter.edit("T", false, false, false, false,
                "https://fr.wikipedia.org/w/index.php?diff=2&oldid=1", "U", 1, summary));
        assertTrue(line.codePointCount(0, line.length()) <= RcLineWriter.MAX_LINE);
        assertTrue(!Character.isHighSurrogate(line.charAt(line.length() - 1)));
        RcEvent e = parser.parseLine(line);
        assertEquals("fr.wikipedia", e.wiki());
        assertTrue(summary.startsWith(e.summary()));
        assertEquals(e.summary().length() < summary.length(), e.truncated());
    }

    @Test
    void flagsAreWrittenInMediaWikisOrder() {
        String text = RcLineWriter.edit("T", true, true, true, true, "u", "U", 1, "");
        assertTrue(text.contains("\u00034 !NMB\u000310 "));
        assertEquals(List.of(true, true, true), List.of(parser.parse("x", text).minor(),
                parser.parse("x", text).bot(), parser.parse("x", text).unpatrolled()));
    }
}
