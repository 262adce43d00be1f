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

        /**
         * Hands over {@code events[0, n)} at once: one hand-off between threads for a whole read of the socket
         * rather than one per change. The array is the caller's again when this returns.
         */
        default void acceptAll(RcEvent[] events, int n) {
            for (int i = 0; i < n; i++) {
                accept(events[i]);
            }
        }

        /**
         * As {@link #acceptAll(RcEvent[], int)}; {@code moreWaiting}: the reader's last read may have left bytes in its
         * socket, so it should get back to reading at once (a sink that could run the changes on the caller's thread
         * hands them off instead).
         */
        default void acceptAll(RcEvent[] events, int n, boolean moreWaiting) {
            acceptAll(events, n);
        }

        /**
         * True while the sink would refuse more (its queue is full): a reader may then skip parsing what it reads and
         * report the lines through {@link #dropped} — under overload it keeps reading the socket at the server's pace.
         */
        default boolean saturated() {
            return false;
        }

        /** Lines read but not parsed because the sink was {@link #saturated}: counted with the sink's own drops. */
        default void dropped(int n) {
        }
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
