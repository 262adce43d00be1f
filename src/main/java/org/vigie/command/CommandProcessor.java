package org.vigie.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.i18n.Templates;

/**
 * Runs operator commands: recognise the address → find the declaration → check access → throttle → parse the
 * arguments → act through the {@link BotPort} → answer through {@link Out}.
 *
 * <p>{@link #handle} runs on a command thread, never on an IRC reader thread: it may block briefly on the port (a
 * database commit, a JOIN), never on the network. A command that needs the network's answer (the WHOIS of
 * {@code aclo add}, the wiki's facts for {@code intel}) asks for it and lets the thread go; its rest runs on the
 * command thread when the answer comes ({@link Invocation#after}). Commands from one network should be handled one at
 * a time, in arrival order (a single-thread executor), so that answers keep the order of the commands.
 *
 * <p>Who gets answers: strangers get none, except for {@link Privilege#ANYONE} commands ({@code status}); an operator
 * is told when a command is unknown or above their level. See {@link Out} for quiet channels and {@code cmdsq}.
 */
public final class CommandProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    /** What became of a line, for the adapter's counters and for tests. */
    public enum Outcome {
        /** Not addressed to the bot, or said in a channel where commands are not heard. */
        NOT_ADDRESSED,
        /** Ignored without a word: a stranger, or an unknown command from a stranger. */
        IGNORED,
        /** Over the flood budget (warned once, then silent). */
        THROTTLED,
        /** Refused to a known operator (unknown command, or above their level), with an answer. */
        REFUSED,
        /** Malformed; the usage line was sent. */
        USAGE,
        /** The port refused or failed; the reason was sent. */
        FAILED,
        /** Done. */
        DONE
    }

    private final Invocation.Context ctx;
    private final Throttle throttle;

    public CommandProcessor(Invocation.Context ctx, Throttle throttle) {
        this.ctx = ctx;
        this.throttle = throttle;
    }

    /** With every declared command, the default throttle and a 10 s WHOIS timeout. */
    public CommandProcessor(BotPort port, Templates templates, Clock clock, Path commandsFile) {
        this(new Invocation.Context(port, Commands.standard(), templates, clock, commandsFile, Duration.ofSeconds(10)),
                new Throttle());
    }

    public Commands commands() {
        return ctx.commands();
    }

    public BotPort port() {
        return ctx.port();
    }

    public Templates templates() {
        return ctx.templates();
    }

    /**
     * What a line asks for, decided once, when and where it was heard, from the text alone (no account): {@code null}
     * when it is not addressed to the bot there (a channel that hears no commands, no address); else the
     * {@link Request} that {@link #handle(Caller, Request, Reply, Executor)} runs without reading the address or the
     * channel's mode again. Cheap enough for a reader thread.
     */
    public Request triage(String channel, String text) {
        BotPort port = ctx.port();
        boolean isPrivate = channel == null;
        BotPort.CommandMode mode = isPrivate ? BotPort.CommandMode.LOUD : port.commandMode(channel);
        if (mode == BotPort.CommandMode.NONE) {
            return null;
        }
        CommandLine.Addressed a = CommandLine.recognise(text, port.botNick(), port.settings().pseudonym(), isPrivate);
        if (a == null) {
            return null;
        }
        List<CommandLine.Token> tokens = CommandLine.tokens(a.body());
        Commands.Lookup lookup = ctx.commands().lookup(tokens);
        Privilege need = lookup == null ? null
                : lookup.spec() == null ? ctx.commands().familyPrivilege(lookup.family())
                : ctx.commands().privilege(lookup.spec());
        return new Request(mode, a.via(), tokens, lookup, need);
    }

    /**
     * A line addressed to the bot, as {@link #triage} decided it.
     *
     * @param mode   how answers go where it was said: {@code LOUD} (a private message, the control channel, {@code cmds})
     *               or {@code SILENT} ({@code cmdsq}); never {@code NONE}
     * @param via    how it was addressed: by private message, the bot's nick or its pseudonym
     * @param tokens the words of the command text, address left out
     * @param lookup the command found, {@code null} when none
     * @param need   the privilege its declaration requires, {@code null} for an unknown command
     */
    public record Request(BotPort.CommandMode mode, CommandLine.Via via, List<CommandLine.Token> tokens,
                          Commands.Lookup lookup, Privilege need) {
        public Request {
            if (mode == BotPort.CommandMode.NONE) {
                throw new IllegalArgumentException("a line heard where commands are not is not a request");
            }
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * Runs one line to its end, the rests of a command that waits on the network included: this thread waits for them
     * (up to their timeout). For tests and tools; the bot itself triages on the reader thread and uses
     * {@link #handle(Caller, Request, Reply, Executor)}.
     */
    public Outcome handle(Caller c, String text, Reply reply) {
        Request r = triage(c.channel(), text);
        if (r == null) {
            return Outcome.NOT_ADDRESSED;
        }
        Handled h = handle(c, r, reply, Runnable::run);
        h.done().join();
        return h.outcome();
    }

    /**
     * What became of a line, and when it is finished: {@code done} completes once the rests of a command that waited
     * on the network ({@link Invocation#after}) have run too; at once for any other line.
     */
    public record Handled(Outcome outcome, CompletableFuture<Void> done) {
        static Handled now(Outcome o) {
            return new Handled(o, CompletableFuture.completedFuture(null));
        }
    }

    /**
     * Runs a triaged line on the calling (command) thread without ever waiting on the network: the rest of a command
     * that awaits an answer is handed to {@code commandThread} when the answer (or its timeout) comes. {@code c} is
     * whoever said it where {@code r} was triaged ({@code c.channel()} is that channel).
     */
    public Handled handle(Caller c, Request r, Reply reply, Executor commandThread) {
        BotPort port = ctx.port();
        Out.Routing routing = r.mode() == BotPort.CommandMode.SILENT ? Out.Routing.SILENT_CHANNEL : Out.Routing.SAY;
        boolean byPseudonym = r.via() == CommandLine.Via.PSEUDONYM;
        Out out = new Out(reply, ctx.templates(), routing, () -> byPseudonym && port.isQuiet(c.channel()));

        List<CommandLine.Token> tokens = r.tokens();
        Commands.Lookup lookup = r.lookup();
        long now = ctx.clock().millis();
        boolean known = Access.isOperator(c, port.operators(), now);
        Privilege need = r.need();
        boolean allowed = need != null && Access.allows(need, c, port, now);
        if (!allowed && !known) {
            return Handled.now(Outcome.IGNORED);
        }
        // Operators are paced by the output and by the intake's queue, never dropped here (issue 9.6); the strict
        // guard is for those who are not operators: what anyone may send (status).
        int cost = lookup == null || lookup.spec() == null ? 1 : lookup.spec().rate().cost();
        switch (known ? Throttle.Verdict.PASS : throttle.check(c.throttleKey(), cost, now)) {
            case WARN -> {
                reply.notice(Text.oneLine(ctx.templates().render("cmd.throttled", "nick", c.nick())));
                return Handled.now(Outcome.THROTTLED);
            }
            case SILENT -> {
                return Handled.now(Outcome.THROTTLED);
            }
            default -> {
            }
        }
        if (lookup == null) {
            out.error("cmd.unknown", "name", tokens.isEmpty() ? "" : tokens.get(0).text());
            return Handled.now(Outcome.REFUSED);
        }
        if (!allowed) {
            out.error("cmd.denied", "name", lookup.spec() == null ? lookup.family() : lookup.spec().name(),
                    "level", ctx.templates().render("help.level." + need.key()));
            return Handled.now(Outcome.REFUSED);
        }
        if (lookup.spec() == null) {
            usage(out, ctx.commands().family(lookup.family()), null);
            return Handled.now(Outcome.USAGE);
        }
        CommandSpec spec = lookup.spec();
        Args args;
        try {
            args = CommandLine.parse(lookup.rest(), spec.minArgs(), spec.maxArgs(), spec.options());
        } catch (UsageException e) {
            return Handled.now(usage(spec, lookup.rest().isEmpty(), out, e));
        }
        Deferred later = new Deferred(spec, c, out, commandThread);
        Outcome o = step(spec, lookup.rest().isEmpty(), c, out, () -> spec.action().run(new Invocation(ctx, spec, c, args, out, later)));
        return later.started(o);
    }

    /**
     * Answers a usage error; a family word alone ("config") that lands on the family's default form shows every form
     * of the family.
     */
    private Outcome usage(CommandSpec spec, boolean bare, Out out, UsageException e) {
        boolean alone = spec.sub().isEmpty() && bare && ctx.commands().family(spec.family()).size() > 1;
        usage(out, alone ? ctx.commands().family(spec.family()) : List.of(spec), alone ? null : e);
        return Outcome.USAGE;
    }

    private interface Body {
        void run() throws PortException, UsageException;
    }

    /**
     * Runs a command's body or one of its rests, and answers its failure; {@code bare}: the line named the command and
     * nothing more.
     */
    private Outcome step(CommandSpec spec, boolean bare, Caller c, Out out, Body body) {
        try {
            body.run();
            return Outcome.DONE;
        } catch (UsageException e) {
            return usage(spec, bare, out, e);
        } catch (PortException e) {
            out.error("cmd.failed", "name", spec.name(), "why", e.getMessage());
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            LOG.error("command {} by {} failed", spec.name(), c.nick(), e);
            out.error("cmd.internal", "name", spec.name());
            return Outcome.FAILED;
        }
    }

    /**
     * The rests of one command run: how many are awaited, and the future that says when all have run. A rest may
     * schedule another.
     */
    private final class Deferred implements Invocation.Later {
        private final CommandSpec spec;
        private final Caller caller;
        private final Out out;
        private final Executor commandThread;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private int awaited;            // guarded by this
        private boolean bodyReturned;   // guarded by this

        Deferred(CommandSpec spec, Caller caller, Out out, Executor commandThread) {
            this.spec = spec;
            this.caller = caller;
            this.out = out;
            this.commandThread = commandThread;
        }

        @Override
        public <T> void after(CompletableFuture<T> answer, java.time.Duration timeout, Invocation.Step<T> then) {
            synchronized (this) {
                awaited++;
            }
            CompletableFuture<T> f = answer == null ? CompletableFuture.failedFuture(new IllegalStateException())
                    : answer.copy();
            f.orTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                try {
                    commandThread.execute(() -> {
                        try {
                            step(spec, false, caller, out, () -> then.run(e == null ? v : null, cause(e)));
                        } finally {
                            oneDone();
                        }
                    });
                } catch (RejectedExecutionException r) {
                    LOG.warn("the rest of {} by {} was not run: the command thread refused it", spec.name(),
                            caller.nick());
                    oneDone();
                }
            });
        }

        /** The body returned with this outcome; {@code done} completes now, or when the awaited rests have run. */
        Handled started(Outcome o) {
            synchronized (this) {
                bodyReturned = true;
                if (awaited > 0) {
                    return new Handled(o, done);
                }
            }
            return Handled.now(o);
        }

        private void oneDone() {
            synchronized (this) {
                if (--awaited > 0 || !bodyReturned) {
                    return;
                }
            }
            done.complete(null);
        }
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private void usage(Out out, List<CommandSpec> forms, UsageException e) {
        StringBuilder syntax = new StringBuilder();
        for (CommandSpec s : forms) {
            if (syntax.length() > 0) {
                syntax.append(" | ");
            }
            syntax.append(s.syntax(ctx.templates()));
        }
        if (e == null || e.reasonKey() == null) {
            out.error("cmd.usage", "syntax", syntax);
        } else {
            out.error("cmd.usage.why", "why", ctx.templates().render(e.reasonKey(), e.args()), "syntax", syntax);
        }
    }
}
