package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vigie.feed.FeedStats;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.patrol.DetectorSet;

/** Issue 9 at the command level: what is typed, and the reply a patroller coming from CVUBot expects. */
class ParityCommandsTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    private void alertChannel(String channel) {
        bot.op("dest add " + channel + " black,ip -white");
    }

    @Test
    void quietInAChannelWithoutAlertsSilencesEveryAlertChannelAndSaysWhich() {
        alertChannel("#alerts");
        alertChannel("#alerts-en");
        bot.op("dest add #cmds cmds");
        assertEquals("#vigie receives no alerts, so quiet in every alert channel: #alerts, #alerts-en (speak to resume)",
                bot.say("quiet"));
        assertTrue(bot.port.services.isQuiet("#alerts") && bot.port.services.isQuiet("#alerts-en"));
        assertFalse(bot.port.services.isQuiet("#vigie"), "the control channel keeps answering");
        assertTrue(bot.say("status").contains("| quiet: #alerts, #alerts-en |"), bot.say("status"));
        // quiet in an alert channel, or naming one, still silences that channel only
        bot.say("speak");
        bot.op("dest add #alerts cmds");
        assertEquals("Quiet in #alerts: no alerts, and answers only to my nick",
                bot.run(TestBot.in(TestBot.op(), "#alerts"), "Vigie quiet").get(0).substring(5));
        assertFalse(bot.port.services.isQuiet("#alerts-en"));
        assertEquals("Quiet in #alerts-en: no alerts, and answers only to my nick", bot.say("quiet #alerts-en"));
    }

    @Test
    void statusAfterQuietallNamesTheSilencedChannels() {
        alertChannel("#alerts");
        bot.say("quietall");
        assertTrue(bot.say("status").contains("| quiet: everywhere (#alerts) |"), bot.say("status"));
    }

    @Test
    void statusSaysNoLineReadYetWhenTheFeedIsConnectedButSilent() {
        // connected 33 s ago (the server's welcome and pings count as input), but no feed line yet
        bot.port.feed(new FeedStats("irc irc.wikimedia.org:6667", true, TestBot.T0 - 33_000, 0, 0, 0, 0, 0));
        String status = bot.say("status");
        assertTrue(status.startsWith("Feed: irc irc.wikimedia.org:6667 connected, no line read yet | "), status);
        assertTrue(bot.say("reader").contains("no line read yet"));
    }

    @Test
    void pluginExamplesNameAPluginThatExists() {
        List<String> detectors = DetectorSet.builtIns().names();
        for (CommandSpec s : Commands.standard().all()) {
            if (s.family().equals("plugin") && !s.sub().equals("list")) {
                String name = s.example().substring(s.example().lastIndexOf(' ') + 1);
                assertTrue(detectors.contains(name), s.example() + " names no detector of " + detectors);
            }
        }
        assertTrue(bot.say("help plugin load").contains("e.g. Vigie plugin load sizes"));
    }

    @Test
    void theSingleWikiEntryOfAnAutomaticListIsDeletedWithThePlainSyntax() {
        bot.port.put(new Entry(ListKind.GL, "fr.wikipedia", "198.51.100.24", "auto", "rollback by Admin", TestBot.T0,
                TestBot.T0 + 3_600_000L, Entry.Source.AUTO));
        assertTrue(bot.say("gl show 198.51.100.24").startsWith("198.51.100.24 is on greylist (fr.wikipedia)"));
        assertEquals("Deleted 198.51.100.24 from greylist (fr.wikipedia)", bot.say("gl del 198.51.100.24"));
        assertTrue(bot.port.services.find(ListKind.GL, "fr.wikipedia", "198.51.100.24").isEmpty());
    }

    @Test
    void helpOnWwuserSaysItIsTheBnuEvent() {
        assertEquals("wwuser is another name for the event bnu: new user name with a watched word (BNU list; also"
                + " wwuser)", bot.say("help wwuser"));
    }
}
