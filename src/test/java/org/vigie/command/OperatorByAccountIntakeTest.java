package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * An operator known only by services account, who shares no channel with the bot, talks to it by private message and
 * is known only through a WHOIS. They are told when a command is unknown or above their level, as any operator is,
 * while strangers' unknown commands still get no answer and cost no more WHOIS than the strangers' budget; and
 * strangers who hold every WHOIS slot do not lock such an operator out once a WHOIS has shown who they are.
 */
class OperatorByAccountIntakeTest {

    @AutoClose
    private final TestBot bot = new TestBot();
    private final Map<String, CompletableFuture<Optional<String>>> whois = new HashMap<>();
    private final List<String> whoisAsked = new ArrayList<>();
    private final ArrayDeque<Runnable> commandThread = new ArrayDeque<>();
    private final List<String> lines = new ArrayList<>();
    private final CommandIntake intake = new CommandIntake(bot.processor, (nick, login, host) -> {
        whoisAsked.add(nick);
        return whois.computeIfAbsent(nick.toLowerCase(), k -> new CompletableFuture<>());
    }, commandThread::add, (m, operator) -> new Reply() {
        @Override
        public void say(String text) {
            lines.add(m.nick() + ": " + Text.plain(text));
        }

        @Override
        public void notice(String text) {
            lines.add(m.nick() + " (notice): " + Text.plain(text));
        }
    }, bot.clock, 20, 3);

    OperatorByAccountIntakeTest() {
        bot.port.put(new Entry(ListKind.ACLO, Entry.GLOBAL, "aliceaccount", "Op", "", TestBot.T0, Entry.NEVER,
                Entry.Source.OPERATOR));
    }

    private static CommandIntake.Incoming pm(String nick, String host, String text) {
        return new CommandIntake.Incoming(nick, "~" + nick.toLowerCase(), host, null, false, null, false, text);
    }

    private static CommandIntake.Incoming said(String nick, String host, String text) {
        return new CommandIntake.Incoming(nick, "~" + nick.toLowerCase(), host, null, false, "#vigie", false,
                "Vigie " + text);
    }

    private void answer(String nick, String account) {
        CompletableFuture<Optional<String>> f = whois.remove(nick.toLowerCase());
        if (f != null) {
            f.complete(Optional.ofNullable(account));
        }
    }

    private void runCommands() {
        Runnable r;
        while ((r = commandThread.poll()) != null) {
            r.run();
        }
    }

    @Test
    void anOperatorKnownOnlyByAccountIsToldTheirCommandIsUnknownOrAboveTheirLevel() {
        assertEquals(CommandIntake.Admission.ASKED, intake.offer(pm("Alice", "home.example.org", "frobnicate")));
        answer("Alice", "AliceAccount");
        runCommands();
        intake.offer(pm("Alice", "home.example.org", "shutdown"));          // an owner's command
        answer("Alice", "AliceAccount");
        runCommands();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("Alice: Unknown command \"frobnicate\" (\"help\" lists them)", lines.get(0));
        assertTrue(lines.get(1).startsWith("Alice: shutdown"), lines.toString());
        assertTrue(bot.port.services.find(ListKind.ACLO, Entry.GLOBAL, "aliceaccount").isPresent(), "nothing else happened");
    }

    @Test
    void aStrangersUnknownCommandsGetNoAnswerAndNoMoreWhoisThanTheStrangersBudget() {
        for (int i = 0; i < 10; i++) {
            intake.offer(pm("Mallory", "evil.example.net", "frobnicate " + i));
            answer("Mallory", null);
            runCommands();
        }
        assertEquals(3, whoisAsked.size(), "the budget of WHOIS answers showing no operator: " + whoisAsked);
        assertEquals(List.of(), lines, "strangers get no answer");
    }

    @Test
    void anUnknownCommandSaidInAChannelBySomeoneUnknownCostsNoWhois() {
        assertEquals(CommandIntake.Admission.IGNORED, intake.offer(said("Chatty", "chat.example.net", "merci !")));
        assertEquals(List.of(), whoisAsked);
    }

    @Test
    void strangersOnManyHostsCauseAtMostTwentyWhoisAMinuteAllTogether() {
        for (int round = 0; round < 3; round++) {
            for (int h = 0; h < 100; h++) {                  // a hundred hosts, each within its own budget
                intake.offer(pm("Bot" + h, "bot" + h + ".example.net", "bl add V" + round));
                answer("Bot" + h, null);
                runCommands();
            }
        }
        System.out.println("[abuse whois-rate] 300 commands from 100 strangers' hosts in a minute: "
                + whoisAsked.size() + " WHOIS (the WHOIS lines go out ahead of the answers to operators)");
        assertEquals(CommandIntake.MAX_STRANGER_WHOIS_PER_MINUTE, whoisAsked.size());
        assertEquals(List.of(), lines);
        bot.clock.advance(CommandIntake.REFUSED_WINDOW_MILLIS);
        intake.offer(pm("Bot99", "bot99.example.net", "bl add again"));
        assertEquals(CommandIntake.MAX_STRANGER_WHOIS_PER_MINUTE + 1, whoisAsked.size(), "the budget comes back");
        // an operator known by channel status never waits on this budget
        assertEquals(CommandIntake.Admission.QUEUED, intake.offer(new CommandIntake.Incoming("Op", "op",
                "op.example.org", null, false, "#vigie", true, "Vigie bl add Foo")));
    }

    @Test
    void strangersHoldingEveryWhoisSlotDoNotLockOutAnOperatorAWhoisHasShown() {
        intake.offer(pm("Alice", "home.example.org", "bl add A"));
        answer("Alice", "AliceAccount");
        runCommands();
        assertEquals(1, lines.size(), lines.toString());
        for (int h = 0; h < CommandIntake.MAX_WHOIS_IN_FLIGHT; h++) {     // services lag: none answered
            intake.offer(pm("Troll" + h, "troll" + (h / 2) + ".example.net", "bl add V"));
        }
        assertEquals(CommandIntake.MAX_STRANGER_WHOIS_PER_MINUTE, whoisAsked.size(), "Alice's first one included");
        assertEquals(CommandIntake.Admission.IGNORED, intake.offer(pm("Late", "late.example.net", "bl add W")),
                "a stranger finds no slot");
        assertEquals(CommandIntake.Admission.ASKED, intake.offer(pm("Alice", "home.example.org", "bl add B")),
                "Alice is asked about all the same");
        answer("Alice", "AliceAccount");
        runCommands();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("Alice: Added: B "), lines.toString());

        // the same mask under a WHOIS that shows no operator loses the favour at once
        intake.offer(pm("Alice", "home.example.org", "bl add C"));
        answer("Alice", null);
        runCommands();
        assertEquals(CommandIntake.Admission.IGNORED, intake.offer(pm("Alice", "home.example.org", "bl add D")));
    }

    /**
     * Whether a line is addressed to the bot, and how its answers go, is decided once, when and where it was said: a
     * command waiting for its sender's WHOIS is run as it was heard, even if the bot's nick changed meanwhile (a nick
     * reclaimed, a fallback nick), and is never read a second time against the new nick.
     */
    @Test
    void aCommandIsRunAsItWasHeardEvenIfTheBotsNickChangesWhileItsWhoisIsAwaited() {
        assertEquals(CommandIntake.Admission.ASKED, intake.offer(said("Alice", "home.example.org", "bl add Foo")));
        bot.port.botNick = "Vigie_";
        answer("Alice", "AliceAccount");
        runCommands();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Alice: Added: Foo "), lines.toString());
        assertTrue(bot.port.services.find(ListKind.BL, Entry.GLOBAL, "Foo").isPresent());
        // and a line said to the old nick after the change is not a command
        assertEquals(CommandIntake.Admission.NOT_ADDRESSED, intake.offer(said("Alice", "home.example.org", "bl add Bar")));
    }
}
