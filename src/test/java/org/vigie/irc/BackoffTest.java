package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
