package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/**
 * The commands that wait on the network ({@code aclo add/show/del <nick>} and their WHOIS) let the command thread go:
 * their rest runs when the answer comes or the wait ends, others' commands are answered meanwhile, and the same
 * sender's next commands wait for it so that their answers keep their order (sec leftover of issue 13.3).
 *
 * <p>The command thread is played by the test: it runs what was handed to it, in order, on the test thread.
 */
class CommandContinuationTest {

    @AutoClose
    private final TestBot bot = new TestBot();       // lookup timeout 2 s
    private final LinkedBlockingDeque<Runnable> commandThread = new LinkedBlockingDeque<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CommandIntake intake = new CommandIntake(bot.processor,
            (nick, login, host) -> CompletableFuture.completedFuture(Optional.empty()), commandThread::add,
            (m, operator) -> new Reply() {
                @Override
                public void say(String text) {
                    lines.add(m.nick() + ": " + Text.plain(text));
                }

                @Override
                public void notice(String text) {
                    lines.add(m.nick() + " (notice): " + Text.plain(text));
                }
            }, bot.clock);

    private static CommandIntake.Incoming op(String nick, String text) {
        return new CommandIntake.Incoming(nick, "~" + nick.toLowerCase(), nick.toLowerCase() + ".example.org", null,
                false, "#vigie", true, "Vigie " + text);
    }

    /** Runs what the command thread holds now, the way a single-thread executor would. */
    private void runCommands() {
        Runnable r;
        while ((r = commandThread.poll()) != null) {
            r.run();
        }
    }

    private CompletableFuture<Optional<String>> whoisNeverAnswered(String nick) {
        CompletableFuture<Optional<String>> f = new CompletableFuture<>();
        bot.port.pendingWhois.put(nick.toLowerCase(), f);
        return f;
    }

    @Test
    void aWhoisThatDoesNotComeBackHoldsNoOneElsesCommandAndTheAnswerComesWithIt() {
        CompletableFuture<Optional<String>> ghost = whoisNeverAnswered("Ghost");
        intake.offer(op("Boss", "aclo add Ghost"));
        long t0 = System.nanoTime();
        runCommands();
        long heldMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of(), lines, "nothing to say until services answer");
        intake.offer(op("Carol", "bl add Foo"));
        intake.offer(op("Boss", "bl show Foo"));          // Boss's next command waits for Boss's aclo add
        runCommands();
        assertEquals(List.of("Carol: Added: Foo to blacklist (global) until 2026-11-23 12:00 UTC"), lines);

        ghost.complete(Optional.of("GhostAccount"));      // services answer, on another thread in the bot
        runCommands();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("Boss: Added: GhostAccount (services account of Ghost) to the operator"
                + " list"), lines.toString());
        assertTrue(lines.get(2).startsWith("Boss: Foo is on blacklist"), lines.toString());
        assertTrue(bot.port.services.find(ListKind.ACLO, Entry.GLOBAL, "ghostaccount").isPresent());
        System.out.println("[continuation] the command thread was held " + heldMillis + " ms by a WHOIS that had not"
                + " come back (it was held up to the 2 s lookup timeout before)");
    }

    @Test
    void whenTheWaitEndsWithoutAnAnswerTheOperatorIsToldThenAndTheirNextCommandFollows() throws Exception {
        whoisNeverAnswered("Ghost");
        intake.offer(op("Boss", "aclo add Ghost"));
        intake.offer(op("Boss", "bl show Foo"));
        runCommands();
        assertEquals(List.of(), lines);
        // the rest comes back to the command thread after the 2 s lookup timeout
        Runnable rest = commandThread.poll(10, TimeUnit.SECONDS);
        assertTrue(rest != null, "the rest of aclo add comes when the wait ends");
        rest.run();
        runCommands();
        assertEquals(List.of("Boss: Not added: no answer about Ghost (not online?). Try again, or add an explicit mask"
                + " nick!user@host.", "Boss: Foo is not on blacklist (any wiki)"), lines);
    }

    @Test
    void acloShowAndDelByNickAwaitTheirWhoisOffTheCommandThread() {
        bot.port.accounts.put("alice", Optional.of("AliceAccount"));
        bot.op("aclo add Alice");
        CompletableFuture<Optional<String>> show = whoisNeverAnswered("Alias");
        CompletableFuture<Optional<String>> del = whoisNeverAnswered("Alias2");
        intake.offer(op("Boss", "aclo show Alias"));
        intake.offer(op("Carol", "aclo del Alias2"));
        runCommands();
        assertEquals(List.of(), lines, "both wait for their WHOIS");
        intake.offer(op("Dave", "bl add Bar"));
        runCommands();
        assertEquals(1, lines.size(), lines.toString());
        show.complete(Optional.of("aliceaccount"));
        runCommands();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("Boss: AliceAccount is on operator list"), lines.toString());
        del.complete(Optional.of("aliceaccount"));
        runCommands();
        assertEquals("Carol: Deleted AliceAccount from operator list (global)", lines.get(2));
    }

    @Test
    void aStrangerGivenAcloShowByReadcmdsCausesNoWhois(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("commands.properties");
        java.nio.file.Files.writeString(file, "level.aclo.show=anyone\n");
        try (TestBot b = new TestBot("en", file)) {
            strangerGivenAcloShow(b);
        }
    }

    private static void strangerGivenAcloShow(TestBot b) {
        b.op("config readcmds");
        b.port.accounts.put("alice", Optional.of("AliceAccount"));
        b.op("aclo add Alice");
        b.port.whoisAsked.clear();
        assertEquals(List.of("say: Someone is not on the operator list"),
                b.run(TestBot.stranger(), "Vigie aclo show Someone"), "answered at once, as given");
        assertEquals(List.of("say: AliceAccount is on operator list (global), added by Op (OpAccount) on"
                + " 2026-08-25 12:00 UTC, with no expiry"), b.run(TestBot.stranger(), "Vigie aclo show AliceAccount"));
        assertEquals(List.of(), b.port.whoisAsked, "no WHOIS for a stranger");
        assertEquals(List.of("say: AliceAccount is on operator list (global), added by Op (OpAccount) on"
                + " 2026-08-25 12:00 UTC, with no expiry"), b.op("aclo show Alice"), "an operator's asks");
        assertEquals(List.of("Alice"), b.port.whoisAsked);
    }
}
