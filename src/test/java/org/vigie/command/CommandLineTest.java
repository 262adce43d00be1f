package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    private static final Set<Opt> ALL = EnumSet.allOf(Opt.class);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Vigie bl add Foo       | bl add Foo | NICK",
        "Vigie: bl add Foo      | bl add Foo | NICK",
        "Vigie, status          | status     | NICK",
        "vigie STATUS           | STATUS     | NICK",
        "VIGIE:   status        | status     | NICK",
        "Vig bl add Foo         | bl add Foo | PSEUDONYM",
        "vig: status            | status     | PSEUDONYM",
    })
    void channelLinesAddressedByNickOrPseudonymAreRecognised(String line, String body, CommandLine.Via via) {
        CommandLine.Addressed a = CommandLine.recognise(line, "Vigie", "Vig", false);
        assertEquals(body, a.body());
        assertEquals(via, a.via());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "bl add Foo",
        "Vigiebot status",
        "hello Vigie status",
        "Vigie",
        "Vigie:",
        "'   '",
    })
    void channelLinesNotAddressedToTheBotAreIgnored(String line) {
        assertNull(CommandLine.recognise(line, "Vigie", "Vig", false));
    }

    @Test
    void aBlankPseudonymAddressesNothing() {
        assertNull(CommandLine.recognise(" status", "Vigie", "", false));
        assertNull(CommandLine.recognise("status", "Vigie", null, false));
    }

    @Test
    void nicksCompareWithTheIrcCaseMapping() {
        assertEquals("status", CommandLine.recognise("{vigie} status", "[Vigie]", "", false).body());
        assertEquals("status", CommandLine.recognise("vig|e status", "Vig\\e", "", false).body());
    }

    @Test
    void privateMessagesNeedNoPrefixButTolerateOne() {
        assertEquals("bl add Foo", CommandLine.recognise("bl add Foo", "Vigie", "Vig", true).body());
        assertEquals("bl add Foo", CommandLine.recognise("Vigie: bl add Foo", "Vigie", "Vig", true).body());
        assertEquals(CommandLine.Via.PRIVATE, CommandLine.recognise("Vig status", "Vigie", "Vig", true).via());
    }

    private static Args parse(String text, int min, int max) throws UsageException {
        return CommandLine.parse(CommandLine.tokens(text), min, max, ALL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Foo x=24 r=spam p=fr.wikipedia | Foo | 24.0 | spam | fr.wikipedia",
        "Foo p=frwiki x=24 r=spam       | Foo | 24.0 | spam | fr.wikipedia",
        "Foo r=spam x=24 p=fr.wikipedia | Foo | 24.0 | spam | fr.wikipedia",
        "x=24 Foo r=spam                | Foo | 24.0 | spam |",
        "Foo r=very bad edits x=1.5     | Foo | 1.5  | very bad edits |",
        "Foo r=very bad edits p=frwiki  | Foo | 0.0  | very bad edits | fr.wikipedia",
        "Foo x=1,5                      | Foo | 1.5  |      |",
        "Foo x=0                        | Foo | 0.0  |      |",
        "Foo                            | Foo | 0.0  |      |",
        "Foo r=                         | Foo | 0.0  | ''   |",
        "Foo R=Spam X=2 P=enwiki        | Foo | 2.0  | Spam | en.wikipedia",
    })
    void optionsAreReadInAnyOrder(String text, String item, double hours, String reason, String wiki)
            throws UsageException {
        Args a = parse(text, 1, 1);
        assertEquals(List.of(item), a.words());
        assertEquals(hours, a.hours());
        assertEquals(reason, a.reason());
        assertEquals(wiki, a.wiki());
    }

    @Test
    void itemsKeepTheirSpacesAndTheLastParameterTakesTheRest() throws UsageException {
        assertEquals(List.of("Tour Eiffel"), parse("Tour Eiffel p=fr.wikipedia", 1, 1).words());
        assertEquals(List.of("Tour Eiffel"), parse("Tour   Eiffel", 1, 1).words());
        assertEquals(List.of("#chan", "black grey"), parse("#chan black grey", 2, 2).words());
        assertEquals(List.of("bl", "add"), parse("bl add", 0, 2).words());
    }

    @Test
    void quotesKeepOptionLikeWordsAndSpaces() throws UsageException {
        Args a = parse("\"X=Y\" r=\"see x=3 and p=2\" p=frwiki", 1, 1);
        assertEquals(List.of("X=Y"), a.words());
        assertEquals("see x=3 and p=2", a.reason());
        assertEquals("fr.wikipedia", a.wiki());
        assertEquals(List.of("a b"), parse("\"a b\"", 1, 1).words());
        // an unclosed quote is an ordinary character
        assertEquals(List.of("\"a b"), parse("\"a b", 1, 1).words());
    }

    @Test
    void aReasonKeepsQuotedWordsWithTheirQuotes() throws UsageException {
        assertEquals("said \"hello there\" twice", parse("Foo r=said \"hello there\" twice", 1, 1).reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Foo x=abc        | cmd.why.hours",
        "Foo x=-3         | cmd.why.hours",
        "Foo x=1e9        | cmd.why.hours",
        "Foo x=99999999   | cmd.why.hours",
        "Foo x=           | cmd.why.hours",
        "Foo p=nowhere    | cmd.why.wiki",
        "Foo x=1 x=2      | cmd.why.twice",
        "Foo p=frwiki p=enwiki | cmd.why.twice",
    })
    void badOptionValuesAreUsageErrorsWithAReason(String text, String reason) {
        UsageException e = assertThrows(UsageException.class, () -> parse(text, 1, 1));
        assertEquals(reason, e.reasonKey());
    }

    @Test
    void optionsACommandDoesNotTakeAreRefused() {
        UsageException e = assertThrows(UsageException.class,
                () -> CommandLine.parse(CommandLine.tokens("Foo r=spam"), 1, 1, EnumSet.of(Opt.P)));
        assertEquals("cmd.why.option", e.reasonKey());
    }

    @Test
    void missingOrSurplusWordsArePlainUsageErrors() {
        assertNull(assertThrows(UsageException.class, () -> parse("", 1, 1)).reasonKey());
        assertNull(assertThrows(UsageException.class, () -> parse("extra", 0, 0)).reasonKey());
        assertNull(assertThrows(UsageException.class, () -> parse("#a", 2, 2)).reasonKey());
    }

    @Test
    void carriageReturnsLineFeedsAndNulsBecomeSpaces() throws UsageException {
        Args a = parse("Foo\r\nQUIT r=x\0y", 1, 1);
        assertEquals(List.of("Foo QUIT"), a.words());
        assertEquals("x y", a.reason());
        String body = CommandLine.recognise("Vigie bl add Foo\r\nPRIVMSG #x", "Vigie", "", false).body();
        assertEquals("bl add Foo  PRIVMSG #x", body);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "fr.wikipedia            | fr.wikipedia",
        "FR.Wikipedia.org        | fr.wikipedia",
        "https://fr.wikipedia.org/ | fr.wikipedia",
        "#fr.wikipedia           | fr.wikipedia",
        "frwiki                  | fr.wikipedia",
        "frwiktionary            | fr.wiktionary",
        "zh_yuewiki              | zh-yue.wikipedia",
        "commonswiki             | commons.wikimedia",
        "commons.wikimedia       | commons.wikimedia",
        "wikidatawiki            | wikidata.wikipedia",
        "www.wikidata.org        | wikidata.wikipedia",
        "www.mediawiki.org       | mediawiki.wikipedia",
        "metawiki                | meta.wikimedia",
        "global                  | *",
        "*                       | *",
    })
    void wikisAreAcceptedAsFeedNameDomainChannelOrDatabaseName(String raw, String expected) {
        assertEquals(expected, Wikis.normalise(raw));
    }

    @ParameterizedTest
    @CsvSource({"nowhere", "wiki", "fr", "fr.example", "'fr wiki'"})
    void wordsThatNameNoWikiAreRefused(String raw) {
        assertNull(Wikis.normalise(raw));
    }
}
