package org.vigie.feed;

/**
 * A source of recent changes (IRC feed, EventStreams, a recorded file). A feed owns its own thread or connection
 * and hands every parsed change to its sink; it never calls the engine in any other way.
 */
public interface Feed extends AutoCloseable {

    /** Where a feed delivers its changes. Called on the feed's own thread; must not block for long. */
    @FunctionalInterface
    interface Sink {
        void accept(RcEvent event);
    }

    /** Starts delivering to the sink. */
    void start(Sink sink);

    /** Drops the current connection and opens a new one (the {@code reader reset} command). */
    void reset();

    /** A one-line state for {@code status} and {@code reader}: connected or not, age of the last line, counters. */
    FeedStats stats();

    @Override
    void close();
}
