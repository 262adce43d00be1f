package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AlertRatesTest {

    private final AtomicLong now = new AtomicLong(1_441_065_600_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void countsTheLastHourPerChannelCaseInsensitively() {
        AlertRates r = new AlertRates(clock);
        r.count("#Vigie");
        r.count("#vigie");
        now.addAndGet(30 * 60_000L);
        r.count("#autre");
        assertEquals(Map.of("#Vigie", 2L, "#autre", 1L), r.lastHour());
        now.addAndGet(31 * 60_000L);
        assertEquals(Map.of("#autre", 1L), r.lastHour(), "alerts older than an hour no longer count");
        now.addAndGet(60 * 60_000L);
        assertEquals(Map.of(), r.lastHour());
    }
}
