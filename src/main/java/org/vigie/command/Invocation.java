package org.vigie.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.vigie.i18n.Templates;

/**
 * One run of one command: what was typed, by whom, and the means to act and answer.
 *
 * @param ctx    the long-lived parts (port, registry, messages, clock)
 * @param spec   the command's declaration
 * @param caller who typed it
 * @param args   its parsed arguments
 * @param out    where its answers go
 * @param later  where the command continues once what it waits on the network for has come (see {@link #after})
 */
public record Invocation(Context ctx, CommandSpec spec, Caller caller, Args args, Out out, Later later) {

    /**
     * What every command may use.
     *
     * @param port          the rest of the bot
     * @param commands      the registry (help, readcmds)
     * @param templates     the bot's messages in its language
     * @param clock         the only clock the command layer reads
     * @param commandsFile  the per-command access and alias file read by {@code config readcmds}, or {@code null}
     * @param lookupTimeout how long {@code aclo add} and {@code aclo show} wait for a WHOIS answer
     */
    public record Context(BotPort port, Commands commands, Templates templates, Clock clock, Path commandsFile,
                          Duration lookupTimeout) {
    }

    /** The rest of a command, run on the command thread with what it waited for, or with why it did not come. */
    @FunctionalInterface
    public interface Step<T> {
        /**
         * @param value   the answer, or {@code null} when it failed
         * @param failure why there is no answer ({@link java.util.concurrent.TimeoutException} after the wait), or
         *                {@code null}
         */
        void run(T value, Throwable failure) throws PortException, UsageException;
    }

    /** Schedules the rest of a command; implemented by the {@link CommandProcessor}. */
    @FunctionalInterface
    public interface Later {
        <T> void after(CompletableFuture<T> answer, Duration timeout, Step<T> then);
    }

    public BotPort port() {
        return ctx.port();
    }

    public Templates t() {
        return ctx.templates();
    }

    public long now() {
        return ctx.clock().millis();
    }

    /**
     * Lets the command thread go while {@code answer} is awaited (a WHOIS, the wiki): {@code then} runs on the command
     * thread when it comes, or after {@code timeout} with a {@link java.util.concurrent.TimeoutException}. Meanwhile
     * others' commands are run; the caller's next commands wait for {@code then}, so their answers keep their order.
     * {@code then} answers through {@link #out()} and its errors are reported like the command's own.
     */
    public <T> void after(CompletableFuture<T> answer, Duration timeout, Step<T> then) {
        later.after(answer, timeout, then);
    }

    /** {@link #after(CompletableFuture, Duration, Step)} with the context's lookup timeout (WHOIS). */
    public <T> void after(CompletableFuture<T> answer, Step<T> then) {
        later.after(answer, ctx.lookupTimeout(), then);
    }

    /** A usage error with a reason; the processor adds the command's syntax. */
    public UsageException usage(String reasonKey, Object... args) {
        return new UsageException(reasonKey, args);
    }
}
