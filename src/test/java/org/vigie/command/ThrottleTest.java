package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void fiveCommandsPassThenOneWarningThenSilenceUntilTheWindowClears() {
        Throttle t = new Throttle(5, 10_000);
        for (int i = 0; i < 5; i++) {
            assertEquals(Throttle.Verdict.PASS, t.check("a:alice", 1, 1000 + i));
        }
        assertEquals(Throttle.Verdict.WARN, t.check("a:alice", 1, 1005));
        assertEquals(Throttle.Verdict.SILENT, t.check("a:alice", 1, 1006));
        assertEquals(Throttle.Verdict.SILENT, t.check("a:alice", 1, 10_999));
        // the first command of the window ages out at 11 000
        assertEquals(Throttle.Verdict.PASS, t.check("a:alice", 1, 11_000));
        assertEquals(Throttle.Verdict.WARN, t.check("a:alice", 1, 11_000));
    }

    @Test
    void callersHaveSeparateBudgets() {
        Throttle t = new Throttle(1, 10_000);
        assertEquals(Throttle.Verdict.PASS, t.check("a:alice", 1, 0));
        assertEquals(Throttle.Verdict.PASS, t.check("h:evil.example.net", 1, 0));
        assertEquals(Throttle.Verdict.WARN, t.check("a:alice", 1, 1));
    }

    @Test
    void heavyCommandsSpendMore() {
        Throttle t = new Throttle(5, 10_000);
        assertEquals(Throttle.Verdict.PASS, t.check("k", RateClass.HEAVY.cost(), 0));
        assertEquals(Throttle.Verdict.PASS, t.check("k", RateClass.HEAVY.cost(), 0));
        assertEquals(Throttle.Verdict.WARN, t.check("k", RateClass.HEAVY.cost(), 0));
        assertEquals(Throttle.Verdict.PASS, t.check("k", RateClass.LIGHT.cost(), 0));
    }
}
