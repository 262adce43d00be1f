package org.vigie.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.vigie.i18n.Templates;

/**
 * One run of one command: what was typed, by whom, and the means to act and answer.
 *
 * @param ctx    the long-lived parts (port, registry, messages, clock)
 * @param spec   the command's declaration
 * @param caller who typed it
 * @param args   its parsed arguments
 * @param out    where its answers go
 */
public record Invocation(Context ctx, CommandSpec spec, Caller caller, Args args, Out out) {

    /**
     * What every command may use.
     *
     * @param port          the rest of the bot
     * @param commands      the registry (help, readcmds)
     * @param templates     the bot's messages in its language
     * @param clock         the only clock the command layer reads
     * @param commandsFile  the per-command access and alias file read by {@code config readcmds}, or {@code null}
     * @param lookupTimeout how long {@code aclo add} waits for a WHOIS answer
     */
    public record Context(BotPort port, Commands commands, Templates templates, Clock clock, Path commandsFile,
                          Duration lookupTimeout) {
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

    /** A usage error with a reason; the processor adds the command's syntax. */
    public UsageException usage(String reasonKey, Object... args) {
        return new UsageException(reasonKey, args);
    }
}
