package org.vigie.command;

import org.vigie.testutil.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vigie.i18n.Templates;

/**
 * A command processor over {@link TestServices} (the bot's services on the real lists, dispatcher and stores, on an
 * in-memory H2 database; doubles only at the edges: IRC network, engine, wikis' HTTP),
 * with the real messages; records every line sent, formatting removed, as {@code say: ...} or {@code notice: ...}.
 * Closing it shuts its database down.
 */
final class TestBot implements AutoCloseable {

    /** 2026-08-25 12:00 UTC. */
    static final long T0 = 1_787_659_200_000L;

    final TestClock clock = new TestClock(T0);
    final TestServices port;
    final Templates en;
    final CommandProcessor processor;
    final List<String> raw = new ArrayList<>();
    final Reply reply = new Reply() {
        @Override
        public void say(String text) {
            raw.add("say: " + text);
        }

        @Override
        public void notice(String text) {
            raw.add("notice: " + text);
        }
    };

    TestBot() {
        this("en", null);
    }

    TestBot(String lang, Path commandsFile) {
        this(lang, commandsFile, 1000);
    }

    TestBot(String lang, Path commandsFile, int throttleBudget) {
        try {
            en = Templates.load(Path.of("messages"), lang);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = new TestServices(clock, en);
        processor = new CommandProcessor(new Invocation.Context(port.services, Commands.standard(), en, clock, commandsFile,
                Duration.ofSeconds(2)), new Throttle(throttleBudget, 10_000));
    }

    @Override
    public void close() {
        port.close();
    }

    /** Control-channel operator, in the control channel. */
    static Caller op() {
        return new Caller("Op", "op", "op.example.org", "OpAccount", "#vigie", true);
    }

    /** Someone with no rights, in the control channel. */
    static Caller stranger() {
        return new Caller("Mallory", "mal", "evil.example.net", null, "#vigie", false);
    }

    static Caller in(Caller c, String channel) {
        return new Caller(c.nick(), c.login(), c.host(), c.account(), channel, c.controlOp());
    }

    static Caller privately(Caller c) {
        return in(c, null);
    }

    /** Runs one line and returns the lines sent for it, formatting removed. */
    List<String> run(Caller c, String text) {
        int from = raw.size();
        processor.handle(c, text, reply);
        List<String> out = new ArrayList<>();
        for (String l : raw.subList(from, raw.size())) {
            out.add(Text.plain(l));
        }
        return out;
    }

    /** Runs a line as the operator in the control channel, addressed by nick. */
    List<String> op(String command) {
        return run(op(), "Vigie " + command);
    }

    /** The single line the operator's command got, without {@code say: }. */
    String say(String command) {
        List<String> out = op(command);
        if (out.size() != 1 || !out.get(0).startsWith("say: ")) {
            throw new AssertionError("expected one said line for '" + command + "', got " + out);
        }
        return out.get(0).substring(5);
    }
}
