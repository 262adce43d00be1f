package org.vigie.irc;

import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays: {@code min * 2^attempt} capped at {@code max}, then a random part taken off (jitter) so that
 * several bots cut by the same network incident do not all come back in the same second.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final LongUnaryOperator random; // bound -> value in [0, bound)

    /** @param random given a bound, returns a value in {@code [0, bound)} */
    Backoff(long minMillis, long maxMillis, LongUnaryOperator random) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** Delay before attempt number {@code attempt} (0 for the first retry): within {@code [ceiling/2, ceiling]}. */
    long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return ceiling - (half == 0 ? 0 : random.applyAsLong(half + 1));
    }

    long ceilingMillis(int attempt) {
        long ceiling = minMillis;
        for (int i = 0; i < attempt && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, maxMillis);
    }
}
