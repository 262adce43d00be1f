package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.config.ConfigItem;

class ConfigCommandsTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "config bigremove 1000        | bigremove is now 1000 (was 500)",
        "config BIGREMOVE  750        | bigremove is now 750 (was 500)",
        "config startupquiet on       | startupquiet is now true (was false)",
        "config blockblacklist 3      | blockblacklist is now 3.0 (was 2.5)",
        "config pseudonym Vig         | pseudonym is now Vig (was )",
        "config bigremove lots        | Not changed: lots does not fit bigremove (a whole number is expected)",
        "config bigremove -5          | Not changed: -5 does not fit bigremove (0 or more)",
        "config startupquiet maybe    | Not changed: maybe does not fit startupquiet (on or off is expected)",
        "config bignews 10            | No config item \"bignews\" (\"help configitems\" lists them)",
        "config bignew 500            | bignew is already 500",
        "config bignew                | Usage: config <item> <value>",
    })
    void settingAnItemIsCheckedAndSaysTheOldValue(String command, String reply) {
        assertEquals(reply, bot.say(command));
    }

    @Test
    void aValidValueIsStoredNormalised() {
        bot.op("config bigremove 0750");
        assertEquals(750, bot.port.services.settings().bigremove());
        bot.op("config bigremove nope");
        assertEquals(750, bot.port.services.settings().bigremove());
    }

    @Test
    void anEmptyQuotedValueClearsAString() {
        bot.op("config pseudonym Vig");
        assertEquals("pseudonym is now  (was Vig)", bot.say("config pseudonym \"\""));
        assertEquals("", bot.port.services.settings().pseudonym());
    }

    @Test
    void listShowsEveryItem() {
        // as many lines as the items need
        String line = String.join(" ", bot.op("config list"));
        for (ConfigItem i : ConfigItem.values()) {
            assertTrue(line.contains(i.key() + "=" + i.defaultValue()), i.key());
        }
    }

    @Test
    void wikiRefreshesNeedTheWikiApi() {
        assertEquals("config getadmins needs the wiki API, which is not available (see wiki.* in bot.properties)",
                bot.say("config getadmins"));
        assertEquals("config readmsgs needs the wiki API, which is not available (see wiki.* in bot.properties)",
                bot.say("config readmsgs frwiki"));
        assertTrue(bot.port.refreshed.isEmpty());
    }

    @Test
    void readmsgsWithoutAWikiReloadsTheBotsOwnSentencesEvenWithoutTheApi() throws IOException {
        // the bot's own files, read again for real: as many sentences as messages/en.properties has
        int sentences = bot.en.reload();
        assertEquals("Messages reloaded (" + sentences + " sentences).", bot.say("config readmsgs"));
        assertTrue(bot.port.refreshed.isEmpty());
    }

    @Test
    void wikiRefreshesAnswerWhenTheApiHasAnswered() {
        bot.port.wikiApi = true;
        assertEquals(List.of("say: Reading admins for fr.wikipedia…", "say: Read 150 admins for fr.wikipedia (1 wiki)"),
                bot.op("config getadmins frwiki"));
        assertEquals(List.of("say: Reading bots for every watched wiki…",
                "say: Read 120 bots for every watched wiki (3 wikis)"), bot.op("config getbots"));
        assertEquals(List.of("say: Reading interface messages for fr.wiktionary…",
                "say: Read 13 interface messages for fr.wiktionary (1 wiki)"), bot.op("config readmsgs frwiktionary"));
        assertEquals(List.of("admins:fr.wikipedia", "bots:all", "messages:fr.wiktionary"), bot.port.refreshed);
        assertEquals("\"nowhere\" is not a wiki (write fr.wikipedia or frwiki). Usage: config getbots [wiki]",
                bot.say("config getbots nowhere"));
    }

    @Test
    void aSlowRefreshAnswersLaterAndAFailureIsReported() {
        bot.port.wikiApi = true;
        bot.port.pendingRefresh = new CompletableFuture<>();
        assertEquals(List.of("say: Reading admins for de.wikipedia…"), bot.op("config getadmins dewiki"));
        bot.port.pendingRefresh.completeExceptionally(new IOException("HTTP 503"));
        assertEquals("say: Could not read admins for de.wikipedia: HTTP 503", Text.plain(bot.raw.get(bot.raw.size() - 1)));
    }

    @Test
    void partialFailuresAreListed() {
        bot.port.wikiApi = true;
        bot.port.pendingRefresh = CompletableFuture.completedFuture(
                new BotPort.WikiRefresh(2, 80, List.of("de.wikipedia: HTTP 503")));
        assertEquals(List.of("say: Reading bots for every watched wiki…",
                "say: Read 80 bots for every watched wiki (2 wikis)", "say: Failed for: de.wikipedia: HTTP 503"),
                bot.op("config getbots"));
    }

    @Test
    void unkickLetsTheBotRejoin() {
        assertEquals("I may join #alerts again", bot.say("config unkick #alerts"));
        assertTrue(bot.port.unkicked.contains("#alerts"));
    }

    @Test
    void readcmdsAppliesAliasesAndLevelsAndRefusesUnsafeLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("commands.properties");
        Files.writeString(file, """
                alias.b=bl
                alias.bl=wl
                alias.x=nosuch
                level.intel=anyone
                level.bl.add=anyone
                level.plugin.list=owner
                shutdown=now
                """);
        try (TestBot b = new TestBot("en", file)) {
            readcmds(b, file);
        }
    }

    private static void readcmds(TestBot b, Path file) throws IOException {
        assertEquals(List.of("say: Read commands.properties: 1 alias, 2 access levels",
                "say: Refused: alias.bl: bl is already a command",
                "say: Refused: alias.x: no command nosuch",
                "say: Refused: level.bl.add: bl add changes something, so it cannot be opened to anyone",
                "say: Refused: shutdown: only alias.<word> and level.<command> lines are read"),
                b.op("config readcmds"));
        assertEquals(1, b.op("b add Foo").size());
        assertTrue(b.port.services.find(org.vigie.lists.ListKind.BL, "*", "Foo").isPresent());
        assertTrue(b.run(TestBot.stranger(), "Vigie intel Foo").get(0).startsWith("say: Foo is on: blacklist"));
        assertEquals(List.of(), b.run(TestBot.stranger(), "Vigie bl add Bar"));
        // removing the file's lines and reading again undoes them
        Files.writeString(file, "");
        b.op("config readcmds");
        assertEquals(List.of(), b.run(TestBot.stranger(), "Vigie intel Foo"));
        assertEquals("Unknown command \"b\" (\"help\" lists them)", b.say("b add Foo"));
    }

    @Test
    void readcmdsWithoutAFileSaysSo() {
        assertEquals("No command file to read (-)", bot.say("config readcmds"));
    }
}
