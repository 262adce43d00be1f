package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vigie.config.ConfigItem;
import org.vigie.lists.ListKind;
import org.vigie.patrol.Event;

class HelpTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    @Test
    void helpAloneListsEveryCommandWord() {
        List<String> out = bot.op("help");
        String all = String.join(" ", out);
        for (String family : Commands.standard().families()) {
            assertTrue(all.contains(family), family);
        }
        assertTrue(out.get(out.size() - 1).contains("help events"));
        for (String line : out) {
            assertTrue(line.length() < 420, line);
        }
    }

    @Test
    void helpOfAFamilyGivesEveryFormWithSyntaxLevelAndExample() {
        assertEquals(List.of(
                "say: bl add <user> [x=hours] [r=reason] [p=wiki]: Adds a user to the blacklist, or changes its expiry"
                        + " or reason. Expiry x= hours (default: 90 days); p= for one wiki. [operators] e.g. Vigie bl add"
                        + " Vandale123 x=24 r=spam p=fr.wikipedia",
                "say: bl del <user> [p=wiki]: Deletes a user from the blacklist (the global entry, or one wiki's with"
                        + " p=). [operators] e.g. Vigie bl del Vandale123",
                "say: bl show <user> [p=wiki]: Shows whether a user is on the blacklist: who added it, when, until"
                        + " when and why. [operators] e.g. Vigie bl show Vandale123"),
                bot.op("help bl"));
    }

    @Test
    void helpOfOneFormGivesThatFormOnly() {
        assertEquals(List.of("say: wl add <user> [x=hours] [r=reason] [p=wiki]: Adds a user to the whitelist, or"
                + " changes its expiry or reason. Expiry x= hours (default: never); p= for one wiki. [operators] e.g."
                + " Vigie wl add Patrouilleur r=trusted"), bot.op("help wl add"));
        assertEquals(List.of("say: status: Says whether the bot reads the feed, how much it has seen and sent, and"
                + " whether it is quiet. [anyone] e.g. Vigie status"), bot.op("help status"));
        assertEquals(List.of("say: No command \"frob\" (\"help\" lists them)"), bot.op("help frob"));
    }

    @Test
    void helpEventsNamesEveryEventAndFlag() {
        String all = String.join(" ", bot.op("help events"));
        for (Event e : Event.values()) {
            assertTrue(all.contains(e.key() + " "), e.key());
        }
        for (BotPort.DestFlag f : BotPort.DestFlag.values()) {
            assertTrue(all.contains(f.key() + " "), f.key());
        }
        assertTrue(all.contains("bigremove edit removing at least bigremove bytes (blanking?)"));
        assertEquals(all, String.join(" ", bot.op("help events")));
    }

    @Test
    void helpConfigitemsGivesDefaultsAndCurrentValues() {
        bot.op("config bigremove 800");
        String all = String.join(" ", bot.op("help configitems"));
        for (ConfigItem i : ConfigItem.values()) {
            assertTrue(all.contains(i.key() + " ("), i.key());
        }
        assertTrue(all.contains("bigremove (500, now 800) an edit removing"), all);
        assertTrue(all.contains("pseudonym (\"\") another name"), all);
    }

    @Test
    void nhelpAnswersByNotice() {
        List<String> out = bot.op("nhelp dest swap");
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("notice: dest swap <chan> <chan>: Exchanges"), out.get(0));
        assertTrue(bot.op("nhelp events").stream().allMatch(l -> l.startsWith("notice: ")));
        assertTrue(bot.op("nhelp").stream().allMatch(l -> l.startsWith("notice: ")));
    }

    @Test
    void helpFollowsOperatorLevels() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("level.intel", "anyone");
        bot.processor.commands().applyOverrides(p);
        assertTrue(bot.op("help intel").get(0).contains("[anyone]"));
    }

    @Test
    void everyCommandHasADescriptionAndAnExampleInEveryLanguage() throws Exception {
        for (String lang : List.of("en", "fr")) {
            var t = org.vigie.i18n.Templates.load(java.nio.file.Path.of("messages"), lang);
            for (CommandSpec s : Commands.standard().all()) {
                String d = Help.describe(s, t);
                assertFalse(d.contains("[help.") || d.contains("{"), lang + " " + s.name() + ": " + d);
                assertFalse(s.example().isBlank(), s.name());
                assertTrue(s.example().startsWith(s.family()), s.name());
            }
        }
    }

    @Test
    void everyExampleIsAValidCommandLine() throws Exception {
        var en = org.vigie.i18n.Templates.load(java.nio.file.Path.of("messages"), "en");
        Commands c = Commands.standard();
        for (CommandSpec s : c.all()) {
            List<CommandLine.Token> tokens = CommandLine.tokens(s.example(en));
            Commands.Lookup l = c.lookup(tokens);
            assertEquals(s, l.spec(), s.example());
            try {
                CommandLine.parse(l.rest(), s.minArgs(), s.maxArgs(), s.options());
            } catch (UsageException e) {
                throw new AssertionError(s.example() + ": " + e.reasonKey());
            }
        }
    }

    @Test
    void everyListButTheOperatorListHasItsCommandsAndWordListsHaveTest() {
        Commands c = Commands.standard();
        for (ListKind k : ListKind.values()) {
            List<String> subs = c.family(k.command()).stream().map(CommandSpec::sub).toList();
            if (k == ListKind.GL) {
                assertEquals(List.of("del", "show"), subs);
            } else if (k.isWordList()) {
                assertEquals(List.of("add", "del", "show", "test"), subs, k.command());
            } else {
                assertEquals(List.of("add", "del", "show"), subs, k.command());
            }
        }
    }
}
