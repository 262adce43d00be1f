package org.vigie.irc;

/**
 * How an {@link Outbox} paces and cuts its output.
 *
 * @param burst          lines that may go out back to back before pacing starts (token bucket size)
 * @param intervalMillis one more line allowed every this many milliseconds; 0 = no pacing (tests, benchmarks)
 * @param staleMillis    a NORMAL line waiting longer than this is dropped and counted; 0 = never drop
 * @param maxLineBytes   UTF-8 bytes of {@code COMMAND target :text} per line; the rest of the 512-byte IRC limit is
 *                       left for the {@code :nick!user@host } prefix the server adds when relaying
 * @param maxQueued      NORMAL lines beyond this many waiting lines are dropped and counted (REPLY/HIGH never are)
 */
public record OutboxSettings(int burst, long intervalMillis, long staleMillis, int maxLineBytes, int maxQueued) {

    /** Safe for Libera.Chat: 4 lines at once, then one every 700 ms; NORMAL lines older than 60 s are dropped. */
    public static final OutboxSettings DEFAULT = new OutboxSettings(4, 700, 60_000, 400, 5_000);

    /** No pacing and no stale drop: for tests and benchmarks against a local server. */
    public static final OutboxSettings UNPACED = new OutboxSettings(1, 0, 0, 400, 100_000);

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
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1, got " + maxQueued);
        }
    }

    public OutboxSettings withPace(int burst, long intervalMillis) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued);
    }

    public OutboxSettings withStaleMillis(long staleMillis) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued);
    }

    public OutboxSettings withMaxLineBytes(int maxLineBytes) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued);
    }

    public OutboxSettings withMaxQueued(int maxQueued) {
        return new OutboxSettings(burst, intervalMillis, staleMillis, maxLineBytes, maxQueued);
    }
}
