package org.vigie.irc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.vigie.feed.Feed;
import org.vigie.feed.FeedStats;
import org.vigie.feed.RcEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent-changes feed read from IRC (irc.wikimedia.org): a read-only {@link IrcConnection} whose reader thread
 * only parses each line and hands the change to the sink.
 *
 * <p>Only PRIVMSGs in a channel from the configured sender nick ({@code rc-pmtpa}) are parsed; anything else said
 * is counted in {@link #ignored()} and dropped. The parser gets the text exactly as received, colour codes intact,
 * and the wiki name is the channel without {@code #}. A line the parser rejects ({@code null} or an exception) is
 * counted as skipped.
 */
public final class IrcFeed implements Feed {

    private static final Logger log = LoggerFactory.getLogger(IrcFeed.class);

    private final ConnectionSettings settings;
    private final String senderNick;
    private final BiFunction<String, String, RcEvent> parser;
    private final IrcConnection connection;
    private volatile Sink sink;

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong parsed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    /**
     * @param senderNick the only nick whose lines are read, e.g. {@code rc-pmtpa}
     * @param parser     (wiki, raw text) → change, or {@code null} for a line it cannot read
     */
    public IrcFeed(ConnectionSettings settings, String senderNick, BiFunction<String, String, RcEvent> parser) {
        if (senderNick == null || senderNick.isBlank()) {
            throw new IllegalArgumentException("senderNick is required");
        }
        this.settings = settings;
        this.senderNick = senderNick;
        this.parser = parser;
        this.connection = new IrcConnection(settings, message -> ignored.incrementAndGet(), null, this::onPrivmsg,
                null);
    }

    @Override
    public void start(Sink sink) {
        this.sink = sink;
        connection.start();
    }

    /** The hot path, on the reader thread: no logging, no formatting, only the substrings the parser needs. */
    private boolean onPrivmsg(RawLine line) {
        lines.incrementAndGet();
        if (!line.nickEqualsIgnoreCase(senderNick) || !line.targetStartsWith('#')) {
            ignored.incrementAndGet();
            return true;
        }
        RcEvent event;
        try {
            event = parser.apply(line.target(1), line.text());
        } catch (RuntimeException e) {
            event = null;
        }
        if (event == null) {
            skipped.incrementAndGet();
            return true;
        }
        parsed.incrementAndGet();
        Sink s = sink;
        if (s != null) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                log.warn("{}: the sink failed on a change", settings.name(), e);
            }
        }
        return true;
    }

    @Override
    public void reset() {
        connection.reset();
    }

    /**
     * {@code lines} counts every PRIVMSG received (ignored ones included); {@code dropped} is always 0 here: drops
     * happen in the engine's queue, behind the sink.
     */
    @Override
    public FeedStats stats() {
        return new FeedStats("irc " + settings.address(), connection.connected(), connection.lastInputMillis(),
                lines.get(), parsed.get(), skipped.get(), 0, connection.reconnects());
    }

    /** Lines said by anyone but the sender nick (or outside a channel), not parsed. */
    public long ignored() {
        return ignored.get();
    }

    /** The underlying connection, for joining and parting wiki channels. */
    public IrcConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close("");
    }
}
