package org.vigie.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigie.feed.SenderMask.Verdict;

class SenderMaskTest {

    @Test
    void theDefaultMasksMatchTheFeedBeforeAndAfter2024AndNothingElse() {
        SenderMask m = SenderMask.parse(org.vigie.config.BotConfig.DEFAULT_FEED_SENDER);
        assertFalse(m.bareNick());
        assertEquals(Verdict.FEED, m.check("rc-pmtpa", "~rc-pmtpa", "special.user"));
        assertEquals(Verdict.FEED, m.check("rc-pmtpa", "rc-pmtpa", "irc.wikimedia.org"));
        assertEquals(Verdict.FEED, m.check("RC-PMTPA", "~RC-pmtpa", "Special.User"), "ASCII case is ignored");
        assertEquals(Verdict.SPOOFED, m.check("rc-pmtpa", "~rc-pmtpa", "evil.example"));
        assertEquals(Verdict.SPOOFED, m.check("rc-pmtpa", "x", "special.user"));
        assertEquals(Verdict.OTHER, m.check("rc-pmtpa2", "~rc-pmtpa", "special.user"));
    }

    @Test
    void wildcards() {
        SenderMask m = SenderMask.parse("rc-*!*rc?pmtpa@*.wikimedia.org");
        assertEquals(Verdict.FEED, m.check("rc-pmtpa", "~rc-pmtpa", "irc.wikimedia.org"));
        assertEquals(Verdict.FEED, m.check("rc-x", "rc_pmtpa", "a.b.wikimedia.org"));
        assertEquals(Verdict.SPOOFED, m.check("rc-pmtpa", "~rc-pmtpa", "wikimedia.org"));
        assertEquals(Verdict.OTHER, m.check("rcpmtpa", "~rc-pmtpa", "irc.wikimedia.org"));
        assertTrue(SenderMask.glob("a*b*c", "axxbyyc"));
        assertFalse(SenderMask.glob("a*b*c", "axxbyy"));
        assertTrue(SenderMask.glob("*", ""));
    }

    @Test
    void aBareNickMatchesAnyUserAtHostAndSaysSo() {
        SenderMask m = SenderMask.parse("rc-pmtpa");
        assertTrue(m.bareNick());
        assertEquals(Verdict.FEED, m.check("rc-pmtpa", "anyone", "anywhere"));
        assertEquals(Verdict.OTHER, m.check("other", "rc-pmtpa", "special.user"));
    }

    @Test
    void malformedMasksAreRefusedWithAReason() {
        for (String bad : new String[] {"", " ", "rc-pmtpa!", "rc-pmtpa@host", "!u@h", "a!b@", "a b!c@d",
            "a!b@c,", "rc\u0001!u@h"}) {
            assertThrows(IllegalArgumentException.class, () -> SenderMask.parse(bad), bad);
        }
    }
}
