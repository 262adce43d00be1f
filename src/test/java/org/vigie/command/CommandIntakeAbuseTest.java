package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/**
 * Abuse cases 2 and 3 and issue 9.6 at the command intake: no WHOIS for what the sender may not run or what needs
 * none, the command thread never waits on a WHOIS, strangers are throttled before any WHOIS, each sender is answered
 * in order, operators are queued rather than refused.
 */
class CommandIntakeAbuseTest {

    @AutoClose
    private final TestBot bot = new TestBot();
    /** WHOIS asked, each answered by the test. */
    private final Map<String, CompletableFuture<Optional<String>>> whois = new HashMap<>();
    private final List<String> whoisAsked = new ArrayList<>();
    /** The command thread, run by the test: what was handed to it and not yet run. */
    private final ArrayDeque<Runnable> commandThread = new ArrayDeque<>();
    private final List<String> lines = new ArrayList<>();
    private final CommandIntake intake = new CommandIntake(bot.processor, (nick, login, host) -> {
        whoisAsked.add(nick);
        return whois.computeIfAbsent(nick.toLowerCase(), k -> new CompletableFuture<>());
    }, commandThread::add, (m, operator) -> new Reply() {
        @Override
        public void say(String text) {
            lines.add((operator ? "op " : "public ") + m.nick() + ": " + Text.plain(text));
        }

        @Override
        public void notice(String text) {
            lines.add((operator ? "op " : "public ") + "notice " + m.nick() + ": " + Text.plain(text));
        }
    }, bot.clock, 4, 2);

    private static CommandIntake.Incoming pm(String nick, String host, String text) {
        return new CommandIntake.Incoming(nick, "~" + nick.toLowerCase(), host, null, false, null, false, text);
    }

    private static CommandIntake.Incoming controlOp(String text) {
        return new CommandIntake.Incoming("Op", "op", "op.example.org", null, false, "#vigie", true, "Vigie " + text);
    }

    private void runCommands() {
        Runnable r;
        while ((r = commandThread.poll()) != null) {
            r.run();
        }
    }

    private void aclo(String item) {
        bot.port.put(new Entry(ListKind.ACLO, Entry.GLOBAL, item, "Op", "", TestBot.T0, Entry.NEVER,
                Entry.Source.OPERATOR));
    }

    @Test
    void statusNeedsNoWhoisAndItsAnswerGoesToThePublicLane() {
        aclo("aliceaccount");
        assertEquals(CommandIntake.Admission.QUEUED, intake.offer(pm("Mallory", "evil.example.net", "status")));
        runCommands();
        assertEquals(List.of(), whoisAsked);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("public Mallory: Feed:"), lines.toString());
    }

    @Test
    void noWhoisWhenNoAccountCouldGrantTheCommandNorForAnUnknownOne() {
        aclo("*!alice@home.example.org");       // a mask only: a WHOIS could not help
        assertEquals(CommandIntake.Admission.IGNORED, intake.offer(pm("Mallory", "evil.example.net", "bl add X")));
        aclo("aliceaccount");
        // in a channel; by private message an unknown command may be an operator's mistake (OperatorByAccountIntakeTest)
        assertEquals(CommandIntake.Admission.IGNORED, intake.offer(new CommandIntake.Incoming("Mallory", "~mallory",
                "evil.example.net", null, false, "#vigie", false, "Vigie frobnicate")));
        assertEquals(List.of(), whoisAsked);
        assertTrue(commandThread.isEmpty(), "the command thread is spared what it would ignore");
    }

    @Test
    void theCommandThreadNeverWaitsOnAWhoisAndAnOperatorGoesFirst() {
        aclo("aliceaccount");
        assertEquals(CommandIntake.Admission.ASKED, intake.offer(pm("Mallory", "evil.example.net", "bl add Victim")));
        assertTrue(commandThread.isEmpty(), "nothing waits on the command thread for Mallory's WHOIS");
        assertEquals(CommandIntake.Admission.QUEUED, intake.offer(controlOp("bl add Foo")));
        runCommands();
        assertEquals(List.of("op Op: Added: Foo to blacklist (global) until 2026-11-23 12:00 UTC"), lines);
        whois.get("mallory").complete(Optional.empty());
        runCommands();
        assertEquals(1, lines.size(), "Mallory is no operator: no answer");
        assertFalse(bot.port.services.find(ListKind.BL, Entry.GLOBAL, "Victim").isPresent());
    }

    @Test
    void strangersAreThrottledBeforeAnyWhois() {
        aclo("aliceaccount");
        for (int round = 0; round < 10; round++) {
            intake.offer(pm("Mallory", "evil.example.net", "bl add V" + round));
            CompletableFuture<Optional<String>> f = whois.remove("mallory");
            if (f != null) {
                f.complete(Optional.empty());
            }
            runCommands();
        }
        assertEquals(2, whoisAsked.size(), "two WHOIS answers that showed no operator, then no more: " + whoisAsked);
        bot.clock.advance(CommandIntake.REFUSED_WINDOW_MILLIS);
        intake.offer(pm("Mallory", "evil.example.net", "bl add again"));
        assertEquals(3, whoisAsked.size(), "the budget comes back with time");
        assertEquals(List.of(), lines);
    }

    @Test
    void aStrangerHasAtMostTwoNicksBeingAskedAbout() {
        aclo("aliceaccount");
        for (int i = 0; i < 10; i++) {
            intake.offer(pm("Nick" + i, "evil.example.net", "bl add V"));
        }
        assertEquals(List.of("Nick0", "Nick1"), whoisAsked);
    }

    @Test
    void anOperatorKnownByWhoisIsAnsweredInOrderAndPacedNotDropped() {
        aclo("aliceaccount");
        for (int i = 0; i < 4; i++) {
            assertEquals(CommandIntake.Admission.ASKED, intake.offer(pm("Alice", "home.example.org", "bl add A" + i)));
        }
        assertEquals(List.of("Alice"), whoisAsked, "one WHOIS for the commands that wait on it");
        assertEquals(CommandIntake.Admission.FULL, intake.offer(pm("Alice", "home.example.org", "bl add A4")));
        whois.get("alice").complete(Optional.of("AliceAccount"));
        runCommands();
        assertEquals(4, lines.size(), lines.toString());
        for (int i = 0; i < 4; i++) {
            assertTrue(lines.get(i).startsWith("op Alice: Added: A" + i + " "), lines.toString());
        }
    }

    @Test
    void anOperatorPastTheQueueCeilingIsToldOnce() {
        for (int i = 0; i < 7; i++) {
            intake.offer(controlOp("bl add F" + i));
        }
        assertEquals(List.of("op notice Op: Too many of your commands are waiting (4); the next ones are dropped until"
                + " I catch up."), lines);
        runCommands();
        assertEquals(5, lines.size());
        assertTrue(bot.port.services.find(ListKind.BL, Entry.GLOBAL, "F3").isPresent());
        assertFalse(bot.port.services.find(ListKind.BL, Entry.GLOBAL, "F4").isPresent());
        assertEquals(CommandIntake.Admission.QUEUED, intake.offer(controlOp("bl add F9")));
    }
}
