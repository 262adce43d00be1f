package org.vigie.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The 172 real en/meta feed lines recorded by eyeinthesky (2018–2024), read with the shipped English wording. */
class EyeInTheSkyLinesTest {

    private static final LogTexts TEXTS = LogTexts.withDefaults();

    /** A reading independent of the parser: strip the colours, then one regex over the visible text. */
    private static final Pattern VISIBLE = Pattern.compile("^\\[\\[(.+?)\\]\\] (\\S*) (\\S*) \\* (.+?) \\* ");

    private static RcEvent parse(int lineNumber) {
        RcEvent e = new RcLineParser(TEXTS).parse("en.wikipedia", Fixtures.eyeInTheSky(lineNumber));
        assertNotNull(e, "line " + lineNumber);
        return e;
    }

    @Test
    void everyLineParsesIntoTheKindTypeActionAndPerformerItsVisibleTextShows() {
        RcLineParser parser = new RcLineParser(TEXTS);
        List<String> lines = Fixtures.eyeInTheSky();
        assertEquals(172, lines.size());
        int logs = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            Matcher m = VISIBLE.matcher(raw.replaceAll("\u0003\\d{0,2}", "").replace("\u0002", ""));
            assertTrue(m.find(), "fixture line " + (i + 1) + " has the feed's shape");
            RcEvent e = parser.parse("en.wikipedia", raw);
            assertNotNull(e, "line " + (i + 1));
            assertEquals(m.group(1), e.title(), "title of line " + (i + 1));
            assertEquals(m.group(4), e.user(), "performer of line " + (i + 1));
            assertFalse(e.truncated(), "line " + (i + 1));
            if (m.group(1).startsWith("Special:Log/")) {
                logs++;
                assertEquals(RcEvent.Kind.LOG, e.kind());
                assertEquals(m.group(1).substring("Special:Log/".length()), e.logType(), "type of line " + (i + 1));
                assertEquals(m.group(2), e.logAction(), "action of line " + (i + 1));
                assertEquals(-1, e.namespace());
                assertEquals("", e.url());
                assertFalse(e.hasSize());
                assertFalse(e.summary().contains("\u0003"), "log text without colours, line " + (i + 1));
            } else {
                assertNull(e.log());
                assertEquals(m.group(3), e.url());
            }
        }
        assertEquals(168, logs, "SOURCES.md: 168 log lines and 4 edits");
        assertEquals(172, parser.parsed());
        assertEquals(0, parser.skipped());
    }

    @ParameterizedTest(name = "line {0}: {1} {2}/{3} by {4}")
    @CsvSource(delimiter = '|', textBlock = """
            1   | EDIT | -                  | -                 | Dudley Miles
            2   | EDIT | -                  | -                 | Doctorhawkes
            3   | EDIT | -                  | -                 | Tom.Bot
            4   | NEW  | -                  | -                 | Erodr017
            5   | LOG  | abusefilter        | hit               | GriffinMorganHuff
            10  | LOG  | block              | block             | MSGJ
            12  | LOG  | block              | reblock           | SQL
            14  | LOG  | block              | unblock           | PhilKnight
            18  | LOG  | contentmodel       | change            | TheDJ
            23  | LOG  | delete             | delete            | Maile66
            24  | LOG  | delete             | delete_redir      | WikiOriginal-9
            26  | LOG  | delete             | restore           | Graeme Bartlett
            29  | LOG  | delete             | event             | Oshwah
            34  | LOG  | gblblock           | gblock2           | RadiX
            44  | LOG  | gblrename          | rename            | Bencemac
            62  | LOG  | globalauth         | delete            | Martin Urbanec (WMF)
            71  | LOG  | import             | interwiki         | Graham87
            86  | LOG  | merge              | merge             | West.andrew.g
            88  | LOG  | move               | move              | JaJaWa
            90  | LOG  | move               | move_redir        | WikiOriginal-9
            92  | LOG  | newusers           | create            | PiliPili Alex
            93  | LOG  | newusers           | create2           | Esthenia
            94  | LOG  | newusers           | byemail           | Ryder5656
            96  | LOG  | newusers           | forcecreatelocal  | GeneralNotability
            127 | LOG  | pagetriage-curation| reviewed-redirect | DannyS712 bot III
            131 | LOG  | patrol             | patrol            | SshibumXZ
            133 | LOG  | protect            | protect           | Bongwarrior
            135 | LOG  | protect            | move_prot         | Neutrality
            136 | LOG  | protect            | modify            | Ohnoitsjamie
            140 | LOG  | protect            | unprotect         | Ohnoitsjamie
            141 | LOG  | renameuser         | renameuser        | Céréales Killer
            152 | LOG  | rights             | rights            | CambridgeBayWeather
            164 | LOG  | thanks             | thank             | AuH2ORepublican
            168 | LOG  | upload             | overwrite         | In Memoriam A.H.H.
            170 | LOG  | upload             | revert            | Mani.Ghv
            171 | LOG  | upload             | upload            | I Memoriam A.H.H.
            """)
    void sampleLinesHaveTheirKindTypeActionAndPerformer(int line, RcEvent.Kind kind, String type, String action,
                                                        String performer) {
        RcEvent e = parse(line);
        assertEquals(kind, e.kind());
        assertEquals("-".equals(type) ? null : type, e.logType());
        assertEquals("-".equals(action) ? null : action, e.logAction());
        assertEquals(performer, e.user());
    }

    static Stream<Arguments> structuredLogLines() {
        long h = 3600;
        long day = 24 * h;
        long indef = LogAction.INDEFINITE;
        long unknown = LogAction.UNKNOWN;
        List<String> none = List.of();
        return Stream.of(
                // line, action, target, destination, expiry, seconds, flags, reason
                arguments(15, "block", "User:181.15.157.216/29", null, "6 months", 180 * day,
                        List.of("nocreate", "nousertalk"), "Cross-wiki spam: leaky webhost; should you be affected by "
                                + "this block, please [[:m:Special:Contact/Stewards|contact us]]"),
                arguments(10, "block", "User:142.196.0.207", null, "31 hours", 31 * h, List.of("nocreate"),
                        "[[WP:Edit warring|Edit warring]]"),
                arguments(11, "block", "User:Downtowndistrict", null, "indefinite", indef, none, "{{uw-ublock}}"),
                arguments(16, "block", "User:Other LT-'AS Copy Gl'apz", null, "infinite", indef,
                        List.of("nocreate", "noemail", "nousertalk"), ""),
                arguments(12, "reblock", "User:188.29.165.189", null, "11:18, June 29, 2018", unknown,
                        List.of("anononly", "nocreate", "nousertalk"), "see also 86.28.94.117"),
                arguments(17, "reblock", "User:194.187.219.146", null, "3 months", 90 * day,
                        List.of("anononly", "nocreate", "noemail", "nousertalk"),
                        "[[w:Open proxy|Open proxy]] or [[w:Zombie computer|zombie]] ([[No open proxies|more info]]): "
                                + "[[WM:VN|Vandalism]]"),
                arguments(14, "unblock", "User:NHBuchanan", null, null, unknown, none, "following request"),
                arguments(23, "delete", "Talk:How to possible 50 Mbps speed in Just Rs.5000 per Year", null, null,
                        unknown, none, "[[WP:CSD#G8|G8]]: Page dependent on a deleted or nonexistent page"),
                arguments(26, "restore", "Draft:June Beverly Bonesteel", null, null, unknown, none,
                        "requested by FlyladyAZ"),
                arguments(27, "restore", "Talk:Hakea exul", null, null, unknown, none, ""),
                arguments(89, "move", "Convents burning", "Convent burning", null, unknown, none,
                        "moving page due to incorrect pluralisation in title"),
                arguments(90, "move_redir", "David Carr (quarterback)", "David Carr (American football)", null, unknown,
                        none, "no other American football player named David Carr"),
                arguments(133, "protect", "20th Century Fox", null, null, unknown, none,
                        "Persistent [[WP:Vandalism|vandalism]]"),
                arguments(134, "protect", "File:Moazzam Jah Ansari, IGP of Balochistan.jpg", null, null, unknown, none,
                        "[[WP:SALT|Repeatedly recreated]]"),
                arguments(136, "modify", "Tom Kenny filmography", null, null, unknown, none,
                        "Persistent [[WP:Vandalism|vandalism]]: IP hopping crap"),
                arguments(139, "modify", "Talk:Steward requests/Global", null, null, unknown, none,
                        "Persistent vandalism"),
                arguments(140, "unprotect", "Keymon Ache", null, null, unknown, none,
                        "Deprotecting to allow different draft to be accepted"),
                arguments(135, "move_prot", "2018 YouTube headquarters shooting", "YouTube headquarters shooting",
                        null, unknown, none, "[[2018 YouTube headquarters shooting]] moved to "
                                + "[[YouTube headquarters shooting]]: Date is not necessary for disambiguation"),
                arguments(171, "upload", "File:Columbia logo, from Concerto in B Flat Minor, circa 1942.png", null,
                        null, unknown, none, "Cropped"),
                arguments(168, "overwrite", "File:Columbia logo, from Concerto in B Flat Minor, circa 1942.png", null,
                        null, unknown, none, "Cropped"),
                arguments(92, "create", "User:PiliPili Alex", null, null, unknown, none, ""),
                arguments(93, "create2", "User:EstheniaOG", null, null, unknown, none, ""),
                arguments(95, "byemail", "User:Ryder9997", null, null, unknown, none, "Requested at ACC"));
    }

    @ParameterizedTest(name = "line {0}: {1} {2}")
    @MethodSource("structuredLogLines")
    void logLinesGiveTheirTargetExpiryFlagsDestinationAndReason(int line, String action, String target, String dest,
                                                                String expiry, long seconds, List<String> flags,
                                                                String reason) {
        LogAction log = parse(line).log();
        assertEquals(action, log.action());
        assertTrue(log.matched(), "a known wording");
        assertEquals(target, log.target());
        assertEquals(dest, log.destination());
        assertEquals(expiry, log.expiry());
        assertEquals(seconds, log.expirySeconds());
        assertEquals(flags, log.flags());
        assertEquals(reason, log.reason());
    }

    @Test
    void autocreateHasNoLineInTheFixtureSoOneIsWrittenFromTheEnglishMessage() {
        String text = RcLineWriter.log("Special:Log/newusers", "autocreate", "Exemple SUL", "User:Exemple SUL",
                "Account created automatically");
        LogAction log = new RcLineParser(TEXTS).parse("en.wikipedia", text).log();
        assertEquals("newusers", log.type());
        assertEquals("autocreate", log.action());
        assertEquals("User:Exemple SUL", log.target(), "the account created is the performer's");
        assertTrue(log.matched());
    }

    @Test
    void unknownLogTypesKeepTheTargetMediaWikiRecoloured() {
        LogAction hit = parse(5).log();
        assertFalse(hit.matched());
        assertEquals("The Boy in Blue (1986 film)", hit.target());
        assertEquals("", hit.reason());
        assertNull(parse(32).log().target(), "a target not written as a link is not known");
    }

    @Test
    void theRollbackSummaryOfTheEditLineNamesTheRevertedUser() {
        RcEvent e = parse(2);
        assertEquals(RcEvent.SummaryKind.ROLLBACK, e.revert());
        assertEquals("122.108.247.131", e.revertedUser());
        assertEquals(RcEvent.SummaryKind.NONE, parse(3).revert());
    }
}
