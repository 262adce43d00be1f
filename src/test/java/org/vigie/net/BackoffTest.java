package org.vigie.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingDoublesFromTheMinimumUpToTheMaximum() {
        Backoff b = new Backoff(2_000, 300_000, bound -> 0);
        assertEquals(2_000, b.ceilingMillis(0));
        assertEquals(4_000, b.ceilingMillis(1));
        assertEquals(256_000, b.ceilingMillis(7));
        assertEquals(300_000, b.ceilingMillis(8));
        assertEquals(300_000, b.ceilingMillis(1_000));
    }

    @Test
    void jitterTakesAtMostHalfTheCeilingOff() {
        Backoff none = new Backoff(2_000, 300_000, bound -> 0);
        Backoff most = new Backoff(2_000, 300_000, bound -> bound - 1);
        assertEquals(2_000, none.delayMillis(0));
        assertEquals(1_000, most.delayMillis(0));
        assertEquals(300_000, none.delayMillis(20));
        assertEquals(150_000, most.delayMillis(20));
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoffAndCapped() {
        Backoff b = new Backoff(1_000, 30_000, 60_000, bound -> 0);
        assertEquals(1_000, b.delayMillis(0, -1));
        assertEquals(1_000, b.delayMillis(0, 200));
        assertEquals(7_000, b.delayMillis(0, 7_000));
        assertEquals(60_000, b.delayMillis(0, 3_600_000));
    }

    @Test
    void retryAfterReadsSecondsFractionsAndHttpDates() {
        long now = ZonedDateTime.parse("2025-08-29T12:03:41Z").toInstant().toEpochMilli();
        assertEquals(5_000, Backoff.retryAfterMillis("5", now));
        assertEquals(1_500, Backoff.retryAfterMillis(" 1.5 ", now));
        assertEquals(19_000, Backoff.retryAfterMillis("Fri, 29 Aug 2025 12:04:00 GMT", now));
        assertEquals(0, Backoff.retryAfterMillis("Fri, 29 Aug 2025 12:00:00 GMT", now));
        assertEquals(-1, Backoff.retryAfterMillis(null, now));
        assertEquals(-1, Backoff.retryAfterMillis("", now));
        assertEquals(-1, Backoff.retryAfterMillis("soon", now));
        assertEquals(-1, Backoff.retryAfterMillis("5s", now));
    }
}
