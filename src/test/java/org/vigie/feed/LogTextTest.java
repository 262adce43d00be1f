package org.vigie.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LogText read directly, and the LogTexts registry. */
class LogTextTest {

    private final LogTexts texts = LogTexts.withDefaults();
    private final LogText en = texts.logText("en.wikipedia");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            31 hours             | 111600
            2 hours              | 7200
            1 day and 7 hours    | 111600
            1 day, 7 hours       | 111600
            2 weeks              | 1209600
            6 months             | 15552000
            1 year               | 31536000
            indefinite           | -1
            infinite             | -1
            infinity             | -1
            11:18, June 29, 2018 | -2
            next Tuesday         | -2
            """)
    void englishExpiryFormsGiveTheirLength(String expiry, long seconds) {
        LogAction log = en.parse("block", "block", "blocked [[User:X]] with an expiration time of " + expiry
                + " (autoblock disabled): test", "Admin");
        assertEquals(expiry, log.expiry());
        assertEquals(seconds, log.expirySeconds());
        assertEquals(List.of("noautoblock"), log.flags());
        assertEquals("test", log.reason());
    }

    @Test
    void cvnbotStrippedSamplesAreNotFeedLinesButTheirTextsParse() {
        RcLineParser parser = new RcLineParser(texts);
        List<String> samples = Fixtures.lines("irc/cvnbot_rcreader_comment_samples.stripped.txt");
        assertEquals(6, samples.size());
        for (String s : samples) {
            assertNull(parser.parse("nl.wikipedia", s), "without colours a line is not read: " + s);
        }
        assertEquals(6, parser.skipped());

        LogText nl = texts.logText("nl.wikipedia");
        LogAction a = nl.parse("newusers", "create2", text(samples.get(0)), "BRPots");
        assertEquals("Gebruiker:BRPwiki", a.target());
        assertEquals("eerder fout gemaakt", a.reason());
        assertEquals("Gebruiker:Rani farah koster", nl.parse("newusers", "create2", text(samples.get(1)), "x").target());
        assertEquals("User:Upendhare", en.parse("newusers", "create2", text(samples.get(2)), "x").target());
        LogAction byemail = en.parse("newusers", "byemail", text(samples.get(3)), "Mdaniels5757");
        assertEquals("User:Hannahco12", byemail.target());
        assertEquals("Requested account", byemail.reason());

        LogAction reblock = en.parse("block", "reblock", text(samples.get(4)), "Yamla");
        assertEquals("User:Jeb BushDid911", reblock.target());
        assertEquals(List.of("nocreate", "noemail", "nousertalk"), reblock.flags());
        assertEquals(LogAction.INDEFINITE, reblock.expirySeconds());
        assertEquals("{{uw-ublock}}", reblock.reason());
        LogAction range = en.parse("block", "reblock", text(samples.get(5)), "DeltaQuad");
        assertEquals("User:208.111.64.0/19", range.target());
        assertEquals(List.of("anononly", "nocreate"), range.flags());
        assertEquals("06:21, February 2, 2019", range.expiry());
        assertEquals(LogAction.UNKNOWN, range.expirySeconds(), "an absolute date: length unknown without a clock");
        assertEquals("{{colocationwebhost}}", range.reason());
    }

    /** The action text of a stripped line: after the second {@code " *  "}. */
    private static String text(String stripped) {
        int star = stripped.indexOf(" *  ");
        return stripped.substring(star + 4);
    }

    @Test
    void recolouringInsideTheTextIsRemovedBeforeMatching() {
        LogAction log = en.parse("delete", "delete", "deleted \"[[\u000302Foo\u000310]]\": spam", "Admin");
        assertEquals("Foo", log.target());
        assertEquals("spam", log.reason());
        assertTrue(log.matched());
    }

    @Test
    void protectionDescriptionWithRightToLeftMarkIsCut() {
        LogAction log = texts.logText("he.wikipedia").parse("protect", "protect",
                "protected \"[[דף \u200F[edit=sysop] (indefinite)\u200F[move=sysop] (indefinite)]]\"", "Admin");
        assertEquals("דף", log.target());
        assertEquals("", log.reason());
    }

    @Test
    void unknownFlagsAreKeptAsWritten() {
        LogAction log = en.parse("block", "block", "blocked [[User:X]] with an expiration time of 1 day (account "
                + "creation disabled, some new flag)", "Admin");
        assertEquals(List.of("nocreate", "some new flag"), log.flags());
    }

    @Test
    void aUserNameWithParenthesesStaysWhole() {
        LogAction log = en.parse("block", "block", "blocked [[User:Quiddity (WMF)]] with an expiration time of "
                + "1 day (account creation disabled): test", "Admin");
        assertEquals("User:Quiddity (WMF)", log.target());
        assertEquals(List.of("nocreate"), log.flags());
    }

    @Test
    void aTextMatchingNoWordingKeepsTypeAndAction() {
        LogAction log = en.parse("block", "block", "something else entirely", "Admin");
        assertFalse(log.matched());
        assertEquals("block", log.type());
        assertEquals("block", log.action());
        assertNull(log.target());
        assertEquals(LogAction.UNKNOWN, log.expirySeconds());
        assertEquals("", log.reason());
    }

    @Test
    void aWikisOwnWordingIsSwappedInAndTheOldStillWorksForItsHolder() {
        WikiTexts before = texts.get("fr.wikipedia");
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("blocklogentry", "a bloqué [[$1]] ; durée&#32;: $2 $3");
        messages.put("colon-separator", "\u202F:&#32;");
        messages.put("ipboptions", "2 heures:2 hours,une éternité:infinite");
        messages.put("block-log-flags-nocreate", "pas de création de compte");
        Map<String, Integer> names = new LinkedHashMap<>();
        names.put("Spécial", -1);
        names.put("Utilisatrice", 2);
        names.put("Annexe", 100);
        texts.put("fr.wikipedia", messages, names);

        WikiTexts after = texts.get("fr.wikipedia");
        assertNotSame(before, after);
        LogAction log = after.logText().parse("block", "block", "a bloqué [[Utilisatrice:Ada]] ; durée : une "
                + "éternité (pas de création de compte)\u202F: test", "Admin");
        assertEquals("Utilisatrice:Ada", log.target());
        assertEquals(LogAction.INDEFINITE, log.expirySeconds());
        assertEquals(List.of("nocreate"), log.flags());
        assertEquals("test", log.reason());
        assertEquals("2 heures", after.logText().parse("block", "block",
                "blocked [[Utilisateur:X]] with an expiration time of 2 heures", "A").expiry(),
                "the shipped wording stays behind the wiki's own");
        assertEquals(100, after.namespaces().number("Annexe:Test"));
        assertEquals(0, after.namespaces().number("Inconnu:Test"), "the wiki's names are complete: main namespace");
        assertEquals("Utilisatrice:Nouvelle",
                after.logText().parse("newusers", "create", "New user account", "Nouvelle").target());
        assertTrue(before.logText().parse("block", "block", "blocked [[Utilisateur:X]] with an expiration time of "
                + "1 jour", "A").matched(), "a reader holding the old wording is not disturbed");
        assertSame(texts.get("fr.wiktionary"), texts.get("fr.wikisource"), "other French wikis: shared defaults");
    }

    @Test
    void putWithoutNamesKeepsTheDefaultNames() {
        texts.put("fr.wiktionary", Map.of("deletedarticle", "a supprimé « [[$1]] »"), null);
        WikiTexts wt = texts.get("fr.wiktionary");
        assertEquals(RcEvent.NS_UNKNOWN, wt.namespaces().number("Annexe:Conjugaison"));
        assertEquals("chat", wt.logText().parse("delete", "delete", "a supprimé « [[chat]] » : doublon", "A").target());
        assertEquals("fr", wt.language());
    }

    @Test
    void theMessageNamesToFetchCoverEveryWordingRead() {
        assertTrue(LogTexts.MESSAGE_NAMES.containsAll(List.of("blocklogentry", "colon-separator", "revertpage",
                "undo-summary", "autosumm-blank", "autosumm-replace", "ipboptions", "block-log-flags-nocreate")));
    }
}
