package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.store.AuditRow;

/** Command → reply tables for every list. The clock stands at 2026-08-25 12:00 UTC. */
class ListCommandsTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wl add Patrouilleur r=trusted          | Added: Patrouilleur to whitelist (global) with no expiry, \"trusted\"",
        "bl add Foo                             | Added: Foo to blacklist (global) until 2026-11-23 12:00 UTC",
        "bl add Foo x=24 r=spam p=fr.wikipedia  | Added: Foo to blacklist (fr.wikipedia) until 2026-08-26 12:00 UTC, \"spam\"",
        "bl add Foo r=spam x=1.5                | Added: Foo to blacklist (global) until 2026-08-25 13:30 UTC, \"spam\"",
        "al add Admin Exemple p=frwiki          | Added: Admin Exemple to admin list (fr.wikipedia) with no expiry",
        "bot add ExempleBot x=48                | Added: ExempleBot to bot list (global) until 2026-08-27 12:00 UTC",
        "cvp add Tour Eiffel p=fr.wikipedia     | Added: Tour Eiffel to watched pages (fr.wikipedia) with no expiry",
        "cnvp add Wikipédia:Bac à sable         | Added: Wikipédia:Bac à sable to ignored pages (global) with no expiry",
        "cvi add Fichier:Exemple.jpg r=often    | Added: Fichier:Exemple.jpg to watched images (global) with no expiry, \"often\"",
        "bnu add /b[o0]t$/ r=spambots           | Added: /b[o0]t$/ to BNU list (global) with no expiry, \"spambots\"",
        "bna add /vi[a@]gra/                    | Added: /vi[a@]gra/ to BNA list (global) with no expiry",
        "wheels add on wheels                   | Added: on wheels to wheels list (global) with no expiry",
        "bes add /lol{3,}/ p=enwiki             | Added: /lol{3,}/ to BES list (en.wikipedia) with no expiry",
    })
    void addingSaysWhatWasAdded(String command, String reply) {
        assertEquals(reply, bot.say(command));
        ListKind kind = ListKind.fromCommand(command.substring(0, command.indexOf(' ')));
        assertEquals(1, bot.port.auditTrail().size());
        AuditRow r = bot.port.auditTrail().get(0);
        assertEquals(kind.command(), r.area());
        assertTrue(reply.startsWith("Added: " + r.item() + " to "), r.item());
        assertTrue(bot.port.services.find(kind, r.wiki(), r.item()).isPresent());
    }

    @Test
    void theStoredEntrySaysWhoWhenUntilWhenAndWhy() {
        bot.op("bl add Foo x=24 r=spam p=fr.wikipedia");
        Entry e = bot.port.services.find(ListKind.BL, "fr.wikipedia", "Foo").orElseThrow();
        assertEquals("Op (OpAccount)", e.adder());
        assertEquals("spam", e.reason());
        assertEquals(TestBot.T0, e.addedMillis());
        assertEquals(TestBot.T0 + 24 * 3_600_000L, e.expiresMillis());
        assertEquals(Entry.Source.OPERATOR, e.source());
    }

    @Test
    void theBlacklistDefaultsToNinetyDaysAndOtherListsToNever() {
        assertEquals(90L * 86_400_000L, ListCommands.defaultExpiryMillis(ListKind.BL));
        for (ListKind k : ListKind.values()) {
            if (k != ListKind.BL) {
                assertEquals(-1, ListCommands.defaultExpiryMillis(k), k.command());
            }
        }
        bot.op("bl add Foo x=0");
        assertEquals(TestBot.T0 + 90L * 86_400_000L,
                bot.port.services.find(ListKind.BL, Entry.GLOBAL, "Foo").orElseThrow().expiresMillis());
    }

    @Test
    void addingAgainWithoutChangesSaysItIsAlreadyThere() {
        bot.op("wl add Foo r=trusted");
        assertEquals("Foo is already on whitelist (global), added by Op (OpAccount) on 2026-08-25 12:00 UTC, with no"
                + " expiry, \"trusted\". Give x= or r= to change it.", bot.say("wl add Foo"));
    }

    @Test
    void addingAgainWithAnExpiryOrReasonUpdatesTheEntryAndKeepsWhatWasNotGiven() {
        bot.op("bl add Foo r=spam");
        assertEquals("Updated: Foo on blacklist (global) until 2026-08-25 14:00 UTC, \"spam\"",
                bot.say("bl add Foo x=2"));
        assertEquals("Updated: Foo on blacklist (global) until 2026-11-23 12:00 UTC, \"vandalism\"",
                bot.say("bl add foo r=vandalism"));
    }

    @Test
    void contradictoryListsRefuseTheAdd() {
        bot.op("wl add Foo");
        assertEquals("Not added: Foo is on the whitelist (global); delete it from there before adding it to the"
                + " blacklist.", bot.say("bl add Foo p=fr.wikipedia"));
        assertTrue(bot.port.services.find(ListKind.BL, "fr.wikipedia", "Foo").isEmpty());
        bot.op("cvp add Accueil p=frwiki");
        assertEquals("Not added: Accueil is on the watched pages (fr.wikipedia); delete it from there before adding"
                + " it to the ignored pages.", bot.say("cnvp add Accueil p=fr.wikipedia"));
        // another wiki does not conflict
        assertEquals("Added: Accueil to ignored pages (de.wikipedia) with no expiry", bot.say("cnvp add Accueil p=dewiki"));
    }

    @Test
    void blacklistingAnAdminIsAllowedWithANote() {
        bot.op("al add Sysop p=frwiki");
        assertEquals(List.of("say: Added: Sysop to blacklist (fr.wikipedia) until 2026-11-23 12:00 UTC",
                "say: Note: Sysop is also on the admin list (fr.wikipedia); the blacklist comes first, so their"
                        + " changes are reported as blacklisted."),
                bot.op("bl add Sysop p=frwiki"));
    }

    @Test
    void aWhitelistedUserMayBeAddedToTheBotList() {
        bot.op("wl add HelperBot");
        assertEquals("Added: HelperBot to bot list (global) with no expiry", bot.say("bot add HelperBot"));
    }

    @Test
    void userNamesFollowMediaWikiCaseRules() {
        bot.op("bl add foo_bar");
        assertEquals("Deleted foo_bar from blacklist (global)", bot.say("bl del Foo bar"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bna add /vi[a@gra/  | Not added: /vi[a@gra/ is not a valid regular expression: Unclosed character class near index 7",
        "bnu add /(bot/      | Not added: /(bot/ is not a valid regular expression: Unclosed group near index 4",
        "bes add /x{2,1}/    | Not added: /x{2,1}/ is not a valid regular expression: Illegal repetition range near index 5",
    })
    void anInvalidRegexIsRefusedWithTheCompilersReason(String command, String reply) {
        assertEquals(reply, bot.say(command));
        assertTrue(bot.port.auditTrail().isEmpty());
    }

    @Test
    void deletingSaysWhatWasDeletedOrWhereTheItemIs() {
        bot.op("bl add Foo p=fr.wikipedia");
        bot.op("bl add Foo p=de.wikipedia");
        assertEquals("Foo is on blacklist for several wikis (p=fr.wikipedia, p=de.wikipedia); say which with p=",
                bot.say("bl del Foo"));
        assertEquals("Foo is not on blacklist (global), but it is there with p=fr.wikipedia, p=de.wikipedia",
                bot.say("bl del Foo p=global"));
        assertEquals("Deleted Foo from blacklist (fr.wikipedia)", bot.say("bl del Foo p=frwiki"));
        assertEquals("Bar is not on blacklist (global)", bot.say("bl del Bar"));
        bot.op("bl add Foo");
        assertEquals("Deleted Foo from blacklist (global)", bot.say("bl del Foo"));
    }

    @Test
    void theGreylistCanOnlyBeShownAndDeleted() {
        bot.port.put(new Entry(ListKind.GL, "fr.wikipedia", "Suspect", "auto", "rollback by Admin", TestBot.T0,
                TestBot.T0 + 3_600_000L, Entry.Source.AUTO));
        assertEquals("Usage: gl del <user> [p=wiki] | gl show <user> [p=wiki]", bot.say("gl add Suspect"));
        assertEquals("Suspect is on greylist (fr.wikipedia), added by auto on 2026-08-25 12:00 UTC, until"
                + " 2026-08-25 13:00 UTC, \"rollback by Admin\"", bot.say("gl show Suspect"));
        assertEquals("Deleted Suspect from greylist (fr.wikipedia)", bot.say("gl del Suspect p=fr.wikipedia"));
    }

    @Test
    void showListsTheEntriesOfOneItemAndNeverTheWholeList() {
        bot.op("bl add Foo r=spam");
        bot.op("bl add Bar");
        assertEquals("Foo is on blacklist (global), added by Op (OpAccount) on 2026-08-25 12:00 UTC, until"
                + " 2026-11-23 12:00 UTC, \"spam\"", bot.say("bl show Foo"));
        assertEquals("Baz is not on blacklist (any wiki)", bot.say("bl show Baz"));
        assertEquals("Baz is not on blacklist (fr.wikipedia)", bot.say("bl show Baz p=frwiki"));
        assertEquals("Usage: bl show <user> [p=wiki]", bot.say("bl show"));
        assertTrue(bot.say("bl list").startsWith("Usage: bl add"), "no list dump");
    }

    @Test
    void expiredEntriesAreGone() {
        bot.op("bl add Foo x=1");
        bot.clock.advance(3_600_000L);
        assertEquals("Foo is not on blacklist (any wiki)", bot.say("bl show Foo"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bna test Buy VIAGRA now         | \"Buy VIAGRA now\" matches item \"/vi[a@]gra/\" on BNA list (global) (\"pharmacy spam\")",
        "bna test Buy vi@gra p=frwiki    | \"Buy vi@gra\" matches item \"/vi[a@]gra/\" on BNA list (global) (\"pharmacy spam\")",
        "bna test Tour Eiffel            | \"Tour Eiffel\" matches nothing on BNA list (global)",
        "wheels test Paris on wheels     | \"Paris on wheels\" matches item \"on wheels\" on wheels list (global)",
        "bnu test Spambot p=frwiki       | \"Spambot\" matches item \"/b[o0]t$/\" on BNU list (fr.wikipedia)",
        "bnu test Spambot                | \"Spambot\" matches nothing on BNU list (global)",
        "bnu test Spambot p=dewiki       | \"Spambot\" matches nothing on BNU list (de.wikipedia)",
        "bes test lolllll                | \"lolllll\" matches nothing on BES list (global)",
    })
    void testingAWordListSaysWhichItemMatches(String command, String reply) {
        bot.op("bna add /vi[a@]gra/ r=pharmacy spam");
        bot.op("wheels add on wheels");
        bot.op("bnu add /b[o0]t$/ p=fr.wikipedia");
        assertEquals(reply, bot.say(command));
    }

    @Test
    void theLeftmostMatchInTheTextIsReportedWhateverTheOrderTheItemsWereAddedIn() {
        bot.op("bna add spam");
        bot.op("bna add /b[uo]y/");
        assertEquals("\"Buy cheap spam\" matches item \"/b[uo]y/\" on BNA list (global)",
                bot.say("bna test Buy cheap spam"));
    }

    /** The store refuses these as empty items; the operator hears it in the bot's language, as a usage error. */
    @Test
    void anItemThatIsEmptyOnceComparedIsAUsageError() {
        assertEquals("the item must have 1 to 255 characters. Usage: bna add <word|/regex/> [x=hours] [r=reason]"
                + " [p=wiki]", bot.say("bna add //"));
        assertEquals("the item must have 1 to 255 characters. Usage: bl add <user> [x=hours] [r=reason] [p=wiki]",
                bot.say("bl add ___"));
        assertTrue(bot.port.auditTrail().isEmpty());
    }

    @Test
    void onlyWordListsHaveTest() {
        assertTrue(bot.say("bl test Foo").startsWith("Usage: bl add"));
    }

    @Test
    void itemsWithSpacesAreKeptWhole() {
        assertEquals("Added: Tour Eiffel to watched pages (fr.wikipedia) with no expiry, \"often vandalised\"",
                bot.say("cvp add Tour Eiffel r=often vandalised p=fr.wikipedia"));
        assertTrue(bot.port.services.find(ListKind.CVP, "fr.wikipedia", "Tour Eiffel").isPresent());
        assertFalse(bot.port.services.find(ListKind.CVP, "fr.wikipedia", "Tour").isPresent());
    }
}
