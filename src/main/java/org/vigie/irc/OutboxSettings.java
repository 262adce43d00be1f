package org.vigie.irc;

/**
 * How an {@link Outbox} paces and cuts its output.
 *
 * @param burst          lines that may go out back to back before pacing starts (token bucket size)
 * @param intervalMillis one more line allowed every this many milliseconds; 0 = no pacing (tests, benchmarks)
 * @param staleMillis    a NORMAL line waiting longer than this is dropped and counted; 0 = never drop
 * @param maxLineBytes   UTF-8 bytes of {@code COMMAND target :text} per line; the rest of the 512-byte IRC limit is
 *                       left for the {@code :nick!user@host } prefix the server adds when relaying
 * @param maxQueued      NORMAL lines beyond this many waiting lines are dropped and counted
 * @param maxHigh        HIGH lines beyond this many waiting in their lane are dropped and counted (at 700 ms a line,
 *                       200 lines are under two and a half minutes of output: an alert later than that is news no
 *                       more); REPLY, PUBLIC and protocol lanes have fixed bounds ({@link Outbox#MAX_REPLY} …)
 * @param highShare      while HIGH lines wait, at least one line in every {@code highShare} is a HIGH line, whatever
 *                       waits in the lanes ahead of it (2: every other line); 1 puts HIGH first of all
 */
public record OutboxSettings(int burst, long intervalMillis, long staleMillis, int maxLineBytes, int maxQueued,
                             int maxHigh, int highShare) {

    public static final int DEFAULT_MAX_HIGH = 200;
    public static final int DEFAULT_HIGH_SHARE = 2;

    /** Safe for Libera.Chat: 4 lines at once, then one every 700 ms; NORMAL lines older than 60 s are dropped. */
    public static final OutboxSettings DEFAULT = new OutboxSettings(4, 700, 60_000, 400, 5_000);

    /** No pacing and no stale drop: for tests and benchmarks against a local server. */
    public static final OutboxSettings UNPACED = new OutboxSettings(1, 0, 0, 400, 100_000, 100_000,
            DEFAULT_HIGH_SHARE);

    /** With the default HIGH bound and share. */
    public OutboxSettings(int burst, long intervalMillis, long staleMillis, int maxLineBytes, int maxQueued) {
        this(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued, DEFAULT_MAX_HIGH, DEFAULT_HIGH_SHARE);
    }

    public OutboxSettings {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        if (intervalMillis < 0 || staleMillis < 0) {
            throw new IllegalArgumentException("intervalMillis and staleMillis must not be negative");
        }
        if (maxLineBytes < 64 || maxLineBytes > 510) {
            throw new IllegalArgumentException("maxLineBytes must be within 64..510, got " + maxLineBytes);
        }
        if (maxQueued < 1 || maxHigh < 1) {
            throw new IllegalArgumentException("maxQueued and maxHigh must be at least 1, got " + maxQueued + ", "
                    + maxHigh);
        }
        if (highShare < 1) {
            throw new IllegalArgumentException("highShare must be at least 1, got " + highShare);
        }
    }

    public OutboxSettings withHigh(int maxHigh, int highShare) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued, maxHigh, highShare);
    }

    public OutboxSettings withPace(int burst, long intervalMillis) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued, maxHigh, highShare);
    }

    public OutboxSettings withStaleMillis(long staleMillis) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued, maxHigh, highShare);
    }

    public OutboxSettings withMaxLineBytes(int maxLineBytes) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued, maxHigh, highShare);
    }

    public OutboxSettings withMaxQueued(int maxQueued) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued, maxHigh, highShare);
    }
}
