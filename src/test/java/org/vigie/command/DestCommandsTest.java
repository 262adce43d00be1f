package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vigie.patrol.Event;

class DestCommandsTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    @Test
    void addingEventsSubscribesTheChannelAndStoresIt() {
        assertEquals("#alerts now receives: black,grey,bigremove", bot.say("dest add #alerts black,grey bigremove"));
        assertEquals("#alerts now receives: black,grey,bnu,bigremove,-bot", bot.say("dest add #alerts wwuser -bot"));
        BotPort.Subscription s = bot.port.services.destList().get(0);
        assertEquals(Set.of(Event.BLACK, Event.GREY, Event.BNU, Event.BIGREMOVE), s.events());
        assertEquals(Set.of(BotPort.DestFlag.NOBOT), s.flags());
        // stored as the next start reads it; the announcement in the channel is PatrolE2eTest's, on a real network
        assertEquals(java.util.Map.of("#alerts", "black,grey,bnu,bigremove,-bot"),
                bot.port.configStore.loadDestinations());
    }

    @Test
    void aWebhookIsWrittenHookColonNameAndTakesTheSameWordsQuietAndSpeak() {
        assertEquals("dest add failed: No webhook named fr-discord (declare it first with hook add).",
                bot.say("dest add hook:fr-discord black"));
        bot.port.owners.add("OpAccount");
        bot.run(TestBot.privately(TestBot.op()), "Vigie hook add fr-discord https://discord.com/api/webhooks/1/Tok3nXyZ"
                + " format=discord");
        assertEquals("hook:fr-discord now receives: black,grey,-bot", bot.say("dest add HOOK:Fr-Discord black,grey -bot"));
        assertEquals("hook:fr-discord: black,grey,-bot", bot.say("dest list").replace("Destinations: ", ""));
        bot.say("quiet hook:fr-discord");
        assertTrue(bot.port.services.isQuiet("hook:fr-discord"));
        bot.say("speak hook:fr-discord");
        assertTrue(!bot.port.services.isQuiet("hook:fr-discord"));
        assertEquals("\"hook:\" is not a channel. Usage: dest add <chan> <events>", bot.say("dest add hook: black"));
    }

    @Test
    void aWebhookAddressSaidInAChannelIsRefusedAndNotStored() {
        String reply = bot.say("hook add fr https://discord.com/api/webhooks/1/Tok3nXyZ format=discord");
        assertTrue(reply.contains("private message"), reply);
        assertTrue(!reply.contains("Tok3n"), reply);
    }

    @Test
    void aPresetChannelIsNotAnnounced() {
        assertEquals("#quiet-alerts now receives: ip,cmdsq", bot.say("dest add !#quiet-alerts ip cmdsq"));
        // and it is not announced there: PatrolE2eTest, on a real network
    }

    /** {@code score=N} and {@code repeat=N} through the command, as the README promises; {@code dest del} lifts them. */
    @Test
    void aScoreThresholdAndARepeatWindowAreTakenStoredAndLifted() {
        assertEquals("#alerts now receives: ip,score=60", bot.say("dest add #alerts ip SCORE=60"));
        assertEquals("#alerts now receives: ip,black,score=60,repeat=0", bot.say("dest add #alerts black repeat=0"));
        assertEquals(java.util.Map.of("#alerts", "ip,black,score=60,repeat=0"), bot.port.configStore.loadDestinations());
        assertEquals(List.of("score=60", "repeat=0"), bot.port.services.destList().get(0).values());
        assertEquals("#alerts now receives: ip,black,repeat=0", bot.say("dest del #alerts score=60"));
        assertEquals("#alerts now receives: ip,black", bot.say("dest del #alerts repeat=0"));
        for (String bad : List.of("score=101", "repeat=-1", "repeat=1441", "score=", "foo=3")) {
            assertEquals("\"" + bad + "\" is not an event (\"help events\" lists them). Usage: dest add <chan> <events>",
                    bot.say("dest add #alerts " + bad), bad);
        }
        assertEquals(java.util.Map.of("#alerts", "ip,black"), bot.port.configStore.loadDestinations());
    }

    @Test
    void unknownEventsAndBadChannelsAreUsageErrors() {
        assertEquals("\"blak\" is not an event (\"help events\" lists them). Usage: dest add <chan> <events>",
                bot.say("dest add #alerts black,blak"));
        assertEquals("\"alerts\" is not a channel. Usage: dest add <chan> <events>", bot.say("dest add alerts black"));
        assertEquals("Usage: dest add <chan> <events>", bot.say("dest add #alerts"));
        assertTrue(bot.port.services.destList().isEmpty());
    }

    @Test
    void deletingEventsLeavesTheRestAndAnEmptyChannelIsRemoved() {
        bot.op("dest add #alerts black,grey");
        assertEquals("#alerts now receives: black", bot.say("dest del #alerts grey"));
        assertEquals("#alerts is no longer a destination", bot.say("dest del #alerts black"));
        assertEquals("#alerts: not a destination", bot.say("dest del #alerts black"));
        assertTrue(bot.port.services.destList().isEmpty());
    }

    @Test
    void allNamesEveryEvent() {
        assertEquals("#alerts now receives: " + String.join(",",
                java.util.Arrays.stream(org.vigie.patrol.Event.values()).map(org.vigie.patrol.Event::key).toList()),
                bot.say("dest add #alerts all"));
        assertEquals("#alerts is no longer a destination", bot.say("dest del #alerts all"));
        assertTrue(bot.port.services.destList().isEmpty());
    }

    @Test
    void swapExchangesTwoChannelsEvents() {
        bot.op("dest add #a black");
        bot.op("dest add #b ip,newuser");
        assertEquals("Swapped the events of #a and #b", bot.say("dest swap #a #b"));
        assertEquals("Destinations: #a: ip,newuser | #b: black", bot.say("dest list"));
        assertEquals("the two channels must differ. Usage: dest swap <chan> <chan>", bot.say("dest swap #a #A"));
        assertEquals("#x, #y: not a destination", bot.say("dest swap #x #y"));
    }

    @Test
    void setCopiesTheSourcesEvents() {
        bot.op("dest add #old black,grey,cmds");
        bot.op("dest add #new ip");
        assertEquals("#new now receives the same as #old: black,grey,cmds", bot.say("dest set #new #old"));
        assertEquals("#nowhere: not a destination", bot.say("dest set #new #nowhere"));
    }

    @Test
    void listShowsEveryDestinationOrSaysThereIsNone() {
        assertEquals("No destination channel", bot.say("dest list"));
        bot.op("dest add #a black");
        bot.op("dest add #b cvp,-admin");
        assertEquals("Destinations: #a: black | #b: cvp,-admin", bot.say("dest list"));
        assertEquals("Usage: dest add <chan> <events> | dest del <chan> <events> | dest swap <chan> <chan>"
                + " | dest set <dest> <source> | dest list", bot.say("dest"));
    }
}
