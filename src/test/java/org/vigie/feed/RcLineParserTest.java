package org.vigie.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edit and new-page lines, protocol lines, cut lines and garbage. */
class RcLineParserTest {

    private static final LogTexts TEXTS = LogTexts.withDefaults();
    private static final String DIFF = "https://fr.wikipedia.org/w/index.php?diff=2201&oldid=2200&rcid=99";

    private final RcLineParser parser = new RcLineParser(TEXTS);

    private static String edit(String flags, String title, String user, int size, String summary) {
        return RcLineWriter.text(title, flags, DIFF, user, size, summary);
    }

    @ParameterizedTest(name = "flags \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            ''    | false | false | false | false
            !     | true  | false | false | false
            N     | false | true  | false | false
            M     | false | false | true  | false
            B     | false | false | false | true
            !N    | true  | true  | false | false
            MB    | false | false | true  | true
            !NMB  | true  | true  | true  | true
            BM!N  | true  | true  | true  | true
            NB    | false | true  | false | true
            """)
    void flagsInAnySubsetAndOrderAreRead(String flags, boolean unpatrolled, boolean isNew, boolean minor,
                                         boolean bot) {
        RcEvent e = parser.parse("fr.wikipedia", edit(flags, "Paris", "Alice", 12, "typo"));
        assertEquals(unpatrolled, e.unpatrolled());
        assertEquals(isNew ? RcEvent.Kind.NEW : RcEvent.Kind.EDIT, e.kind());
        assertEquals(minor, e.minor());
        assertEquals(bot, e.bot());
    }

    @Test
    void anEditGivesItsRevisionsRcidSizeUrlAndSummary() {
        RcEvent e = parser.parse("fr.wikipedia", edit("M", "Paris", "Alice", -12, "/* Histoire */ orthographe"));
        assertEquals("fr.wikipedia", e.wiki());
        assertEquals("Paris", e.title());
        assertEquals(0, e.namespace());
        assertEquals("Alice", e.user());
        assertEquals(2201, e.revId());
        assertEquals(2200, e.oldRevId());
        assertEquals(99, e.rcid());
        assertEquals(-12, e.sizeDelta());
        assertEquals(DIFF, e.url());
        assertEquals("/* Histoire */ orthographe", e.summary());
        assertNull(e.log());
        assertEquals(RcEvent.SummaryKind.NONE, e.revert());
        assertFalse(e.truncated());
    }

    @Test
    void aNewPageLinkedByOldidAloneHasItsRevisionAndNoPrevious() {
        String text = RcLineWriter.text("Brouillon", "!N", "https://fr.wikipedia.org/w/index.php?oldid=777&rcid=55",
                "Bob", 1234, "Page créée avec « Bonjour »");
        RcEvent e = parser.parse("fr.wikipedia", text);
        assertEquals(RcEvent.Kind.NEW, e.kind());
        assertEquals(777, e.revId());
        assertEquals(0, e.oldRevId());
        assertEquals(55, e.rcid());
        assertEquals(1234, e.sizeDelta());
    }

    @Test
    void anEmptySummaryIsEmpty() {
        RcEvent e = parser.parse("en.wikipedia", Fixtures.eyeInTheSky(1));
        assertEquals("", e.summary());
        assertEquals(2, e.sizeDelta());
        assertFalse(e.truncated());
    }

    @ParameterizedTest
    @ValueSource(ints = {-48213, -501, -500, -1, 0, 1, 500, 2_000_000})
    void sizesAreReadWhetherBoldOrNot(int size) {
        String text = edit("", "Paris", "Alice", size, "x");
        assertEquals(size < -500, text.contains("(\u0002" + size + "\u0002)"), "MediaWiki bolds below -500");
        assertEquals(size, parser.parse("fr.wikipedia", text).sizeDelta());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.44", "2001:DB8:0:0:0:0:0:1", "2a01:cb00:1234::abcd", "~2025-12345-67",
            "Ébène Ça", "Ωμέγα", "ユーザー", "مستخدم", "Emoji 🦊 User"})
    void anyUserNameIsKeptAsWritten(String user) {
        RcEvent e = parser.parse("fr.wikipedia", edit("", "Utilisateur:" + user, user, 3, "résumé ✓ 🦊"));
        assertEquals(user, e.user());
        assertEquals("Utilisateur:" + user, e.title());
        assertEquals(2, e.namespace());
        assertEquals("résumé ✓ 🦊", e.summary());
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            fr.wikipedia     | Discussion utilisateur:Alice  | 3
            fr.wikipedia     | Discussion utilisatrice:Alice | 3
            fr.wikipedia     | Utilisateur:Alice             | 2
            fr.wikipedia     | User talk:Alice               | 3
            fr.wikipedia     | Modèle:Ébauche                | 10
            fr.wikipedia     | Wikipédia:Le Bistro           | 4
            fr.wikipedia     | WP:Bistro                     | 4
            fr.wikipedia     | Star Wars : épisode IV        | 0
            fr.wikipedia     | Paris                         | 0
            en.wikipedia     | Wikipedia talk:Sandbox        | 5
            en.wikipedia     | WT:Sandbox                    | 5
            en.wikipedia     | Draft:New thing               | 118
            en.wikipedia     | Star Wars: Episode IV         | 0
            en.wikipedia     | user_talk:Alice               | 3
            fr.wiktionary    | Annexe:Conjugaison            | -2147483648
            fr.wiktionary    | Discussion:chat               | 1
            vi.wikipedia     | Bulgurluk: Ereğli             | -2147483648
            vi.wikipedia     | Template:Infobox              | 10
            """)
    void namespaceComesFromTheTitlePrefixAndTheWikisNames(String wiki, String title, int namespace) {
        assertEquals(namespace, parser.parse(wiki, edit("", title, "Alice", 1, "")).namespace());
    }

    @Test
    void aLineWithoutItsFinalColourCodeIsMarkedTruncatedAndStillRead() {
        String text = edit("", "Paris", "Alice", 5, "un résumé");
        RcEvent e = parser.parse("fr.wikipedia", text.substring(0, text.length() - 1));
        assertTrue(e.truncated());
        assertEquals("un résumé", e.summary());
        assertEquals(5, e.sizeDelta());
        assertEquals(2201, e.revId());
    }

    @Test
    void aLineCutAt510CharactersByTheServerKeepsWhatItHas() {
        String summary = "é".repeat(600) + " fin";
        String line = RcLineWriter.line("fr.wikipedia", edit("!", "Paris", "Alice", 5, summary));
        assertEquals(510, line.length());
        RcEvent e = parser.parseLine(line);
        assertTrue(e.truncated());
        assertTrue(summary.startsWith(e.summary()));
        assertTrue(e.summary().length() > 100);
        assertEquals("Alice", e.user());
        assertTrue(e.unpatrolled());
    }

    @Test
    void aLineCutInsideTheSizeHasNoSizeButItsEditor() {
        String text = edit("", "Paris", "Alice", 12345, "x");
        int cut = text.indexOf("(+12") + 3;
        RcEvent e = parser.parse("fr.wikipedia", text.substring(0, cut));
        assertTrue(e.truncated());
        assertFalse(e.hasSize());
        assertEquals("Alice", e.user());
    }

    @Test
    void aLineCutBeforeTheEditorsNameEndsIsSkipped() {
        String text = edit("", "Paris", "Alice", 12, "x");
        assertNull(parser.parse("fr.wikipedia", text.substring(0, text.indexOf("Alice") + 3)));
        assertEquals(1, parser.skipped());
    }

    @Test
    void everyPrefixOfEveryRecordedLineIsReadOrSkippedWithoutAnException() {
        long events = 0;
        for (String line : Fixtures.eyeInTheSky()) {
            for (int cut = 0; cut < line.length(); cut++) {
                RcEvent e = parser.parse("en.wikipedia", line.substring(0, cut));
                if (e != null) {
                    events++;
                    assertTrue(e.truncated() || cut == line.length() - 1,
                            "only a line missing at most its last colour code is whole");
                }
            }
        }
        assertEquals(events + parser.skipped(), parser.parsed() + parser.skipped());
        assertTrue(parser.skipped() > 0 && events > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "\u0003\u0003\u0003\u000314\u000307\u0003", "\u000314[[\u000307",
            "\u000314[[\u000307Paris\u000314]]", "\u000314[[\u000307Paris\u000314]]\u00034 M\u000310 \u000302",
            "[[Special:Log/newusers]] create2  * BRPots *  created new account Gebruiker:BRPwiki",
            "\u000314[[\u000307Paris\u000314]]\u00034 \u000310 \u000302\u0003 \u00035*\u0003 \u000303Bob\u0003 "
                    + "\u00035*\u0003  \u000310x\u0003"})
    void malformedTextIsCountedAndSkipped(String text) {
        assertNull(parser.parse("fr.wikipedia", text));
        assertEquals(1, parser.skipped());
        assertEquals(0, parser.parsed());
    }

    @Test
    void nullsAreSkippedToo() {
        assertNull(parser.parse(null, "x"));
        assertNull(parser.parse("fr.wikipedia", null));
        assertNull(parser.parseLine(null));
        assertEquals(3, parser.skipped());
    }

    @Test
    void aProtocolLineGivesTheWikiFromItsChannel() {
        String line = Fixtures.lines("irc/wikipedia-edit-tracker_privmsg.raw.txt").get(0);
        RcEvent e = parser.parseLine(line + "\r\n");
        assertEquals("en.wikipedia", e.wiki());
        assertEquals("List of intelligence gathering disciplines", e.title());
        assertEquals("Dainomite", e.user());
        assertEquals(24, e.sizeDelta());
        assertEquals(715127585, e.revId());
        assertEquals(705758737, e.oldRevId());
        assertEquals(0, e.rcid());
        assertEquals("/* See also */", e.summary());
        assertFalse(e.truncated());
    }

    @Test
    void aProtocolLineIsReadInPlaceExactlyAsItsTextAlone() {
        RcLineParser alone = new RcLineParser(LogTexts.withDefaults());
        int compared = 0;
        for (String text : Fixtures.eyeInTheSky()) {
            for (int cut = 0; cut <= text.length(); cut += 7) {
                String part = text.substring(0, cut);
                String line = ":rc-pmtpa!rc-pmtpa@irc.wikimedia.org PRIVMSG #en.wikipedia :" + part
                        + (cut % 2 == 0 ? "\r\n" : "");
                assertEquals(alone.parse("en.wikipedia", part), parser.parseLine(line), part);
                compared++;
            }
        }
        assertEquals(compared, parser.parsed() + parser.skipped());
        assertEquals(alone.parsed(), parser.parsed());
    }

    @Test
    void linesOfOneChannelShareOneWikiName() {
        String a = RcLineWriter.line("fr.wikipedia", edit("", "Paris", "Alice", 1, "x"));
        String b = RcLineWriter.line("fr.wikipedia", edit("", "Lyon", "Bob", 2, "y"));
        String c = RcLineWriter.line("fr.wiktionary", edit("", "chat", "Carol", 3, "z"));
        RcEvent ea = parser.parseLine(a);
        assertSame(ea.wiki(), parser.parseLine(b).wiki());
        assertEquals("fr.wiktionary", parser.parseLine(c).wiki());
        assertSame(ea.wiki(), parser.parseLine(a).wiki());
    }

    @Test
    void messageTagsBeforeTheProtocolLineAreIgnored() {
        String line = "@time=2025-01-01T00:00:00.000Z " + RcLineWriter.line("fr.wikipedia",
                edit("", "Paris", "Alice", 1, "x"));
        assertEquals("Paris", parser.parseLine(line).title());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PING :irc.wikimedia.org", ":irc.wikimedia.org 001 vigie :Welcome",
            ":vigie!u@h JOIN #fr.wikipedia", ":rc-pmtpa!rc-pmtpa@irc.wikimedia.org NOTICE #fr.wikipedia :hello",
            ":rc-pmtpa!rc-pmtpa@irc.wikimedia.org PRIVMSG vigie :private", ":x PRIVMSG #fr.wikipedia",
            ":rc-pmtpa!rc-pmtpa@irc.wikimedia.org PRIVMSG #fr.wikipedia :not a feed line"})
    void otherProtocolLinesAreSkipped(String line) {
        assertNull(parser.parseLine(line));
        assertEquals(1, parser.skipped());
    }

    @Test
    void theTwoWikitickerLinesWithTheirTestMadeFlagOrderAreRead() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> raws = new java.util.ArrayList<>();
        for (String l : Fixtures.lines("irc/wikiticker_MessageTest.jsonl")) {
            raws.add(json.readTree(l).get("raw").asText());
        }
        RcEvent first = parser.parse("vi.wikipedia", raws.get(0));
        assertEquals("Bulgurluk: Ereğli", first.title());
        assertEquals(RcEvent.Kind.NEW, first.kind(), "the N of !MBN");
        assertTrue(first.unpatrolled() && first.minor() && first.bot());
        assertEquals(21612302, first.revId());
        assertEquals(21227851, first.oldRevId());
        assertEquals(40213078, first.rcid());
        assertEquals(18, first.sizeDelta());
        assertEquals("TuanminhBot", first.user());
        assertEquals("AlphamaEditor", first.summary());
        assertEquals(RcEvent.NS_UNKNOWN, first.namespace(), "vi reads with English defaults: a prefix is unknown");
        RcEvent second = parser.parse("vi.wikipedia", raws.get(1));
        assertEquals(RcEvent.Kind.EDIT, second.kind());
        assertFalse(second.unpatrolled() || second.minor() || second.bot());
        assertEquals(-18, second.sizeDelta());
        assertEquals(3, second.namespace());
        assertEquals(2, parser.parsed());
    }

    @Test
    void anInterwikiPrefixBeforeTheTitleIsNotPartOfIt() {
        String text = edit("", "Paris", "Alice", 1, "").replace("\u000314[[\u000307",
                "\u000314[[\u000303frwiki:\u000307");
        assertEquals("Paris", parser.parse("fr.wikipedia", text).title());
    }

    @Test
    void aSummaryStartingWithDigitsKeepsThem() {
        RcEvent e = parser.parse("fr.wikipedia", edit("", "Paris", "Alice", 1, "2 sig. taxon IDs, 10 refs"));
        assertEquals("2 sig. taxon IDs, 10 refs", e.summary());
        assertNotNull(e);
    }
}
