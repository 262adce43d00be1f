package org.vigie.net;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The one retry policy of the project (IRC reconnects, the EventStreams reader, the wiki API, the webhooks): delays of
 * {@code min * 2^attempt} capped at {@code max}, then a random part of at most half taken off (jitter) so that several
 * clients cut by the same incident do not all come back in the same second; and never sooner than what the server
 * asked with {@code Retry-After} (seconds or an HTTP date), itself capped so that a hostile header cannot park us.
 */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final long maxRetryAfterMillis;
    private final LongUnaryOperator random; // bound -> value in [0, bound)

    /** @param random given a bound, returns a value in {@code [0, bound)} */
    public Backoff(long minMillis, long maxMillis, long maxRetryAfterMillis, LongUnaryOperator random) {
        this.minMillis = Math.max(1, minMillis);
        this.maxMillis = Math.max(this.minMillis, maxMillis);
        this.maxRetryAfterMillis = maxRetryAfterMillis;
        this.random = random;
    }

    /** With a {@code Retry-After} cap equal to the maximum delay. */
    public Backoff(long minMillis, long maxMillis, LongUnaryOperator random) {
        this(minMillis, maxMillis, maxMillis, random);
    }

    /** With the thread-local random source. */
    public static Backoff of(long minMillis, long maxMillis, long maxRetryAfterMillis) {
        return new Backoff(minMillis, maxMillis, maxRetryAfterMillis,
                bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /** Delay before attempt number {@code attempt} (0 for the first retry): within {@code [ceiling/2, ceiling]}. */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return ceiling - (half == 0 ? 0 : random.applyAsLong(half + 1));
    }

    /**
     * Delay before attempt number {@code attempt} when the server may have said when to come back: the backoff, or
     * the server's {@code Retry-After} when longer (capped at the {@code Retry-After} maximum).
     *
     * @param retryAfterMillis from {@link #retryAfterMillis}; negative when the server said nothing usable
     */
    public long delayMillis(int attempt, long retryAfterMillis) {
        long d = delayMillis(attempt);
        return retryAfterMillis < 0 ? d : Math.max(d, Math.min(retryAfterMillis, maxRetryAfterMillis));
    }

    public long ceilingMillis(int attempt) {
        long ceiling = minMillis;
        for (int i = 0; i < attempt && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, maxMillis);
    }

    public long maxRetryAfterMillis() {
        return maxRetryAfterMillis;
    }

    /**
     * A {@code Retry-After} header (RFC 9110 §10.2.3) as a wait from {@code nowMillis}: delay-seconds (a decimal
     * fraction is accepted, as some servers send one) or an HTTP date; {@code -1} when absent or unreadable. A date in
     * the past is 0.
     */
    public static long retryAfterMillis(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.strip();
        char c0 = h.charAt(0);
        if (c0 >= '0' && c0 <= '9') {
            try {
                return Math.max(0, (long) Math.ceil(Double.parseDouble(h) * 1000));
            } catch (NumberFormatException ignored) {
                return -1;
            }
        }
        try {
            long at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, at - nowMillis);
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
