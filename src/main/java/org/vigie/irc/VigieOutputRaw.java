package org.vigie.irc;

import java.io.IOException;
import java.util.List;
import org.pircbotx.output.OutputRaw;

/**
 * PircBotX's raw output with one addition: several lines written under its write lock and flushed once, so that
 * alerts that are due together leave in one system call; PONG and PircBotX's own lines (which take the same lock)
 * never interleave with them. Nothing is logged and no output event is built per line.
 */
final class VigieOutputRaw extends OutputRaw {

    private final VigieBot bot;

    VigieOutputRaw(VigieBot bot) {
        super(bot);
        this.bot = bot;
    }

    void rawLinesNow(List<String> lines) throws IOException {
        if (!bot.isConnected()) {
            throw new IOException("not connected");
        }
        writeLock.lock();
        try {
            bot.writeLines(lines);
        } finally {
            writeLock.unlock();
        }
    }
}
