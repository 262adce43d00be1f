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

class BotCommandsTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    @Test
    void statusSummarisesFeedOutputQuietAndApi() {
        bot.port.feed(new FeedStats("irc irc.wikimedia.org:6667", true, TestBot.T0 + 3_600_000L - 2_000, 9000,
                8800, 3, 0, 1));
        bot.port.changesSeen = 8800;
        bot.port.alertsSent = 120;
        bot.port.alertsDropped = 4;
        bot.port.drops = new BotPort.Drops(1, 3, 37);
        bot.port.queueDepth = 2;
        bot.port.apiState = BotPort.ApiState.UP;
        bot.clock.advance(3_600_000L);
        assertEquals("Feed: irc irc.wikimedia.org:6667 connected, last line 2 s ago | 8800 changes, 120 alerts sent,"
                + " 4 dropped (1 stale, 3 over a full queue; 37 coalesced), 2 waiting | quiet: no | wiki API: up | up 1 h", bot.say("status"));
        bot.op("dest add #alerts black");
        bot.op("quiet #alerts");
        assertTrue(bot.say("status").contains("quiet: #alerts"));
        bot.op("quietall");
        assertTrue(bot.say("status").contains("quiet: everywhere"));
    }

    @Test
    void statusShowsADeadFeed() {
        bot.port.feed(new FeedStats("eventstreams", false, 0, 0, 0, 0, 0, 5));
        assertTrue(bot.say("status").startsWith("Feed: eventstreams DISCONNECTED, no line read yet | "));
    }

    @Test
    void readerDetailsEachFeedAndResetReconnects() {
        assertEquals("No feed is configured", bot.say("reader"));
        bot.port.feed(new FeedStats("irc irc.wikimedia.org:6667", true, TestBot.T0 - 65_000, 9000, 8800, 3, 7, 1));
        assertEquals("irc irc.wikimedia.org:6667: connected, last line 1 min ago; 9000 lines, 8800 changes,"
                + " 3 unreadable, 7 dropped, 1 reconnection", bot.say("reader"));
        assertEquals("Feed reader reset: reconnecting", bot.say("reader reset"));
        assertEquals(1, bot.port.readerResets);
    }

    @Test
    void quietWorksHereOrOnANamedChannelAndSpeakUndoesIt() {
        assertEquals("Quiet in #vigie: no alerts, and answers only to my nick", bot.say("quiet"));
        assertEquals("Quiet in #alerts: no alerts, and answers only to my nick", bot.say("quiet #alerts"));
        assertTrue(bot.port.services.isQuiet("#alerts"));
        assertEquals("Speaking again in #alerts", bot.say("speak #alerts"));
        assertFalse(bot.port.services.isQuiet("#alerts"));
        assertTrue(bot.port.services.isQuiet("#vigie"));
        assertEquals("Speaking again everywhere", bot.say("speak"));
        assertFalse(bot.port.services.isQuiet("#vigie"));
        assertEquals(List.of("say: say which channel. Usage: quiet [chan]"),
                bot.run(TestBot.privately(TestBot.op()), "quiet"));
    }

    @Test
    void quietallStopsEverythingAfterItsText() {
        bot.op("dest add #alerts black");
        assertEquals("Quiet everywhere: no alerts, and answers only to my nick",
                bot.say("quietall maintenance until 14:00"));
        assertTrue(bot.port.dispatcher.isQuietAll());
        assertTrue(bot.port.services.isQuiet("#alerts") && bot.port.services.isQuiet("#anything"));
    }

    @Test
    void infoSaysVersionOwnerAndSource() {
        assertEquals("Vigie is Vigie 0.1.0, run by Alice; source: https://example.org/vigie", bot.say("info"));
    }

    @Test
    void pluginsAreListedAndOnlyOwnersLoadThem() {
        assertEquals("No plugin", bot.say("plugin list"));
        bot.port.plugins.put("burst", false);
        bot.port.plugins.put("liftwing", true);
        assertEquals("Plugins: burst, liftwing (loaded)", bot.say("plugin list"));
        assertEquals("Plugin burst loaded", bot.say("plugin load burst"));
        assertEquals("Plugin burst reloaded", bot.say("plugin reload burst"));
        assertEquals("Plugin liftwing unloaded", bot.say("plugin unload liftwing"));
        assertEquals("plugin load failed: no plugin named nope", bot.say("plugin load nope"));
        assertEquals("\"../x\" is not a plugin name. Usage: plugin load <name>", bot.say("plugin load ../x"));
        bot.port.owners.add("BossAccount");
        assertEquals("plugin load is for owners only", bot.say("plugin load burst"));
    }

    @Test
    void bclShowsTheLastBlockConflicts() {
        assertEquals("No block conflict recorded", bot.say("bcl"));
        bot.port.conflicts.observe("fr.wikipedia", "Vandale", "AdminA", "1 day", TestBot.T0 - 60_000, 300_000);
        bot.port.conflicts.observe("fr.wikipedia", "Vandale", "AdminB", "indefinite", TestBot.T0, 300_000);
        assertEquals("2026-08-25 12:00 UTC fr.wikipedia Vandale: AdminA (1 day) then AdminB (indefinite)",
                bot.say("bcl"));
    }

    @Test
    void shutdownAnswersThenStops() {
        assertEquals("Shutting down, as Op asked", bot.say("shutdown"));
        assertTrue(bot.port.shutdown);
    }

    @Test
    void intelShowsEveryUserListAndTheLastChanges() {
        bot.op("bl add Foo r=spam p=frwiki");
        bot.clock.advance(60_000);
        bot.op("bl del Foo p=frwiki");
        bot.op("wl add Foo r=reformed");
        bot.port.put(new Entry(ListKind.GL, "fr.wikipedia", "Foo", "auto", "bnu hit", TestBot.T0,
                TestBot.T0 + 7_200_000L, Entry.Source.AUTO));
        bot.op("cvp add Foo"); // a page of that name: not shown by intel
        assertEquals(List.of(
                "say: Foo is on: whitelist (global) by Op (OpAccount) on 2026-08-25 12:01 UTC, with no expiry,"
                        + " \"reformed\" | greylist (fr.wikipedia) by auto on 2026-08-25 12:00 UTC, until"
                        + " 2026-08-25 14:00 UTC, \"bnu hit\"",
                "say: Last changes: 2026-08-25 12:01 UTC auto added to greylist (fr.wikipedia), \"bnu hit\""
                        + " | 2026-08-25 12:01 UTC Op (OpAccount) added to whitelist (global), \"reformed\""
                        + " | 2026-08-25 12:01 UTC Op (OpAccount) deleted from blacklist (fr.wikipedia), \"spam\""
                        + " | 2026-08-25 12:00 UTC Op (OpAccount) added to blacklist (fr.wikipedia), \"spam\""),
                bot.op("intel Foo"));
        assertEquals("Nobody is on no list, and no list change concerns it", bot.say("intel Nobody"));
    }

    @Test
    void aintelAndIintelShowPageAndImageLists() {
        bot.op("cvp add Tour Eiffel p=frwiki r=often");
        assertEquals(List.of("say: Tour Eiffel is on: watched pages (fr.wikipedia) by Op (OpAccount) on"
                        + " 2026-08-25 12:00 UTC, with no expiry, \"often\"",
                "say: Last changes: 2026-08-25 12:00 UTC Op (OpAccount) added to watched pages (fr.wikipedia),"
                        + " \"often\""),
                bot.op("aintel Tour Eiffel"));
        assertEquals("Tour Eiffel is on no list, and no list change concerns it",
                bot.say("aintel Tour Eiffel p=dewiki"));
        bot.op("cvi add Fichier:Exemple.jpg");
        assertTrue(bot.op("iintel Fichier:Exemple.jpg").get(0).startsWith("say: Fichier:Exemple.jpg is on: watched"
                + " images (global)"));
    }

    @Test
    void intelOfAnItemThatLeftEveryListStillShowsItsHistory() {
        bot.op("bl add Gone");
        bot.op("bl del Gone");
        List<String> out = bot.op("intel Gone");
        assertEquals("say: Gone is on no list now. ", out.get(0));
        assertTrue(out.get(1).startsWith("say: Last changes: "), out.get(1));
    }
}
