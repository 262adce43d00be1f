package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/** Who is answered, where, and how: addressing, access, throttle, quiet, cmdsq, errors. */
class CommandProcessorTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    private void aclo(String item) {
        bot.port.put(new Entry(ListKind.ACLO, Entry.GLOBAL, item, "Op", "", TestBot.T0, Entry.NEVER,
                Entry.Source.OPERATOR));
    }

    private boolean onBlacklist(String user) {
        return bot.port.services.find(ListKind.BL, Entry.GLOBAL, user).isPresent();
    }

    @Test
    void everyAddressingFormReachesTheCommand() {
        bot.port.set(org.vigie.config.ConfigItem.PSEUDONYM, "Vig");
        for (String line : List.of("Vigie bl add A1", "Vigie: bl add A2", "vigie, bl add A3", "Vig bl add A4",
                "VIG: bl add A5")) {
            assertEquals(1, bot.run(TestBot.op(), line).size(), line);
        }
        assertEquals(1, bot.run(TestBot.privately(TestBot.op()), "bl add A6").size());
        assertEquals(1, bot.run(TestBot.privately(TestBot.op()), "Vigie: bl add A7").size());
        for (int i = 1; i <= 7; i++) {
            assertTrue(onBlacklist("A" + i), "A" + i);
        }
        assertEquals(List.of(), bot.run(TestBot.op(), "bl add A8"));
        assertFalse(onBlacklist("A8"));
    }

    @Test
    void aStrangerIsIgnoredButMayAskForStatus() {
        assertEquals(List.of(), bot.run(TestBot.stranger(), "Vigie bl add Foo"));
        assertEquals(List.of(), bot.run(TestBot.stranger(), "Vigie help"));
        assertEquals(List.of(), bot.run(TestBot.stranger(), "Vigie nosuchcommand"));
        assertEquals(List.of(), bot.run(TestBot.privately(TestBot.stranger()), "bl add Foo"));
        assertFalse(onBlacklist("Foo"));
        List<String> status = bot.run(TestBot.stranger(), "Vigie status");
        assertEquals(1, status.size());
        assertTrue(status.get(0).startsWith("say: Feed: "), status.get(0));
    }

    @Test
    void aControlChannelOperatorIsObeyed() {
        assertEquals(List.of("say: Added: Foo to blacklist (global) until 2026-11-23 12:00 UTC"),
                bot.op("bl add Foo"));
    }

    @Test
    void anOperatorListAccountIsObeyedWhateverItsNick() {
        aclo("AliceAccount");
        Caller alice = new Caller("Alice_", "al", "somewhere.example.net", "aliceaccount", "#vigie", false);
        assertEquals(1, bot.run(alice, "Vigie bl add Foo r=spam").size());
        assertEquals("Alice_ (aliceaccount)", bot.port.services.find(ListKind.BL, Entry.GLOBAL, "Foo").get().adder());
    }

    @Test
    void aStrangerWhoTakesAnOperatorsNickIsIgnored() {
        aclo("Alice");
        Caller fake = new Caller("Alice", "mal", "evil.example.net", null, "#vigie", false);
        assertEquals(List.of(), bot.run(fake, "Vigie bl add Foo"));
        Caller otherAccount = new Caller("Alice", "mal", "evil.example.net", "Mallory", "#vigie", false);
        assertEquals(List.of(), bot.run(otherAccount, "Vigie bl add Foo"));
        assertFalse(onBlacklist("Foo"));
    }

    @Test
    void aHostmaskEntryAdmitsMatchingMasksOnly() {
        aclo("*!alice@*.example.org");
        Caller good = new Caller("Whoever", "alice", "home.example.org", null, "#vigie", false);
        Caller bad = new Caller("Whoever", "alice", "home.example.net", null, "#vigie", false);
        assertEquals(List.of(), bot.run(bad, "Vigie bl add Foo"));
        assertEquals(1, bot.run(good, "Vigie bl add Foo").size());
    }

    @Test
    void floodingByAStrangerGetsOneWarningThenSilenceUntilTheWindowPasses() {
        try (TestBot small = new TestBot("en", null, 3)) {
            Caller s1 = TestBot.stranger();
            for (int i = 0; i < 3; i++) {
                assertEquals(1, small.run(s1, "Vigie status").size());
            }
            assertEquals(List.of("notice: Mallory: too many commands at once; I will ignore yours for a few seconds"),
                    small.run(s1, "Vigie status"));
            assertEquals(List.of(), small.run(s1, "Vigie status"));
            small.clock.advance(10_000);
            assertEquals(1, small.run(s1, "Vigie status").size());
        }
    }

    /** Issue 9.6: five help pages read 1.5 s apart, and more, are all answered; the flood guard is for others. */
    @Test
    void operatorsArePacedNotDropped() {
        try (TestBot small = new TestBot("en", null, 3)) {
            for (int i = 0; i < 8; i++) {
                assertFalse(small.op("help bl").isEmpty(), "help page " + i);
                small.clock.advance(1_500);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(1, small.op("bl add F" + i).size());
            }
            assertTrue(small.port.services.find(ListKind.BL, Entry.GLOBAL, "F9").isPresent());
        }
    }

    @Test
    void theThrottleFollowsTheHostNotTheNick() {
        try (TestBot small = new TestBot("en", null, 2)) {
            Caller s1 = new Caller("Nick1", "x", "evil.example.net", null, "#vigie", false);
            Caller s2 = new Caller("Nick2", "y", "evil.example.net", null, "#vigie", false);
            assertEquals(1, small.run(s1, "Vigie status").size());
            assertEquals(1, small.run(s2, "Vigie status").size());
            assertEquals(1, small.run(s1, "Vigie status").size()); // the warning
            assertEquals(List.of(), small.run(s2, "Vigie status"));
        }
    }

    @Test
    void operatorsAreToldAboutUnknownCommandsAndUsage() {
        assertEquals(List.of("say: Unknown command \"frobnicate\" (\"help\" lists them)"), bot.op("frobnicate now"));
        assertEquals(List.of("say: Usage: bl add <user> [x=hours] [r=reason] [p=wiki]"), bot.op("bl add"));
        assertEquals(List.of("say: Usage: gl del <user> [p=wiki] | gl show <user> [p=wiki]"), bot.op("gl add Foo"));
        assertEquals(List.of("say: \"soon\" is not a number of hours. Usage: bl add <user> [x=hours] [r=reason]"
                + " [p=wiki]"), bot.op("bl add Foo x=soon"));
        assertEquals(List.of("say: the option r= is not accepted here. Usage: bl del <user> [p=wiki]"),
                bot.op("bl del Foo r=why"));
        assertEquals(List.of("say: Usage: status"), bot.op("status now"));
    }

    @Test
    void ownerCommandsAreRefusedToOtherOperatorsWithAReason() {
        aclo("AliceAccount");
        Caller alice = new Caller("Alice", "al", "h.example.org", "AliceAccount", "#vigie", false);
        assertEquals(List.of("say: shutdown is for owners only"), bot.run(alice, "Vigie shutdown"));
        assertFalse(bot.port.shutdown);
        bot.port.owners.add("AliceAccount");
        assertEquals(List.of("say: Shutting down, as Alice asked"), bot.run(alice, "Vigie shutdown"));
        assertTrue(bot.port.shutdown);
    }

    @Test
    void inAQuietChannelOnlyCommandsAddressedByNickAreAnswered() {
        bot.port.set(org.vigie.config.ConfigItem.PSEUDONYM, "Vig");
        bot.port.dispatcher.quiet("#vigie");
        assertEquals(List.of(), bot.run(TestBot.op(), "Vig bl add Foo"));
        assertTrue(onBlacklist("Foo"), "the command is still run");
        assertEquals(1, bot.run(TestBot.op(), "Vigie bl add Bar").size());
        assertEquals(1, bot.run(TestBot.privately(TestBot.op()), "Vig bl add Baz").size());
    }

    @Test
    void quietByPseudonymIsSilentAndSpeakByPseudonymIsAnswered() {
        bot.port.set(org.vigie.config.ConfigItem.PSEUDONYM, "Vig");
        assertEquals(List.of(), bot.run(TestBot.op(), "Vig quiet"));
        assertTrue(bot.port.services.isQuiet("#vigie"));
        assertEquals(List.of("say: Speaking again everywhere"), bot.run(TestBot.op(), "Vig speak"));
    }

    @Test
    void aCmdsqChannelAcknowledgesNothingAndAnswersByNotice() {
        bot.op("dest add #patrol cmdsq");
        Caller op = TestBot.in(TestBot.op(), "#patrol");
        assertEquals(List.of(), bot.run(op, "Vigie bl add Foo r=spam"));
        assertTrue(onBlacklist("Foo"));
        assertEquals(List.of("notice: Foo is on blacklist (global), added by Op (OpAccount) on 2026-08-25 12:00 UTC,"
                + " until 2026-11-23 12:00 UTC, \"spam\""), bot.run(op, "Vigie bl show Foo"));
        assertEquals(List.of("notice: Usage: bl del <user> [p=wiki]"), bot.run(op, "Vigie bl del"));
    }

    @Test
    void channelsWithoutCommandsAreNotListenedTo() {
        Caller op = TestBot.in(TestBot.op(), "#alerts");
        assertEquals(CommandProcessor.Outcome.NOT_ADDRESSED, bot.processor.handle(op, "Vigie bl add Foo", bot.reply));
        assertFalse(onBlacklist("Foo"));
    }

    @Test
    void outcomesTellWhatBecameOfALine() {
        Map<String, CommandProcessor.Outcome> expected = Map.of(
                "hello", CommandProcessor.Outcome.NOT_ADDRESSED,
                "Vigie bl add Foo", CommandProcessor.Outcome.DONE,
                "Vigie bl add", CommandProcessor.Outcome.USAGE,
                "Vigie nope", CommandProcessor.Outcome.REFUSED);
        expected.forEach((line, outcome) -> assertEquals(outcome, bot.processor.handle(TestBot.op(), line, bot.reply),
                line));
        assertEquals(CommandProcessor.Outcome.IGNORED,
                bot.processor.handle(TestBot.stranger(), "Vigie bl add Foo", bot.reply));
    }

    @Test
    void lineBreaksInArgumentsNeverReachAReply() {
        bot.op("bl add Foo\r\nQUIT :bye r=spam\r\nJOIN #x");
        bot.port.put(new Entry(ListKind.WL, Entry.GLOBAL, "Bar", "wiki\r\nPRIVMSG #x :hi", "a\nb\0c", TestBot.T0,
                Entry.NEVER, Entry.Source.WIKI));
        bot.op("wl show Bar");
        bot.op("bl show Foo  QUIT :bye");
        bot.op("cvp add Page\rX r=\"a\nb\"");
        assertTrue(bot.raw.size() >= 4);
        for (String line : bot.raw) {
            assertFalse(line.contains("\r") || line.contains("\n") || line.contains("\0"), line);
        }
        assertTrue(bot.raw.stream().anyMatch(l -> l.contains("Foo QUIT :bye")), bot.raw.toString());
    }

    @Test
    void aStoreFailureIsReportedAndNothingIsAcknowledged() {
        bot.port.failWrites();
        assertEquals(List.of("say: bl add failed: not stored: the database cannot be written (read-only)"),
                bot.op("bl add Foo"));
        assertFalse(onBlacklist("Foo"));
        assertEquals(List.of(), bot.port.services.history("Foo", 10), "no audit row either: one transaction");
    }

    @Test
    void anInternalErrorIsReportedWithoutItsDetails() {
        bot.port.engineFailure = new IllegalStateException("secret detail");
        assertEquals(List.of("say: status failed on an internal error (see the log)"), bot.op("status"));
    }

    @Test
    void frenchOperatorsGetFrenchReplies() {
        try (TestBot fr = new TestBot("fr", null)) {
            assertEquals(List.of("say: Ajouté : Foo à la liste noire (global) jusqu’au 2026-11-23 12:00 UTC, « spam »"),
                    fr.op("bl add Foo r=spam"));
            assertEquals(List.of("say: Syntaxe : bl add <utilisateur> [x=heures] [r=raison] [p=wiki]"),
                    fr.op("bl add"));
            assertEquals(Optional.empty(), fr.port.services.find(ListKind.WL, Entry.GLOBAL, "Foo"));
        }
    }
}
