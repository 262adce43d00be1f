package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RawLineTest {

    private final RawLine raw = new RawLine();

    @Test
    void feedLineKeepsItsColourCodesAndSurroundingSpaces() {
        String text = "\u000314[[\u000307Foo\u000314]]\u00034 !N\u000310 \u000302https://x\u0003 \u00035*\u0003 "
                + "\u000303Bar\u0003 \u00035*\u0003 (+5) \u000310summary \u0003 ";
        assertTrue(raw.parse(":rc-pmtpa!rc-pmtpa@irc.wikimedia.org PRIVMSG #fr.wikipedia :" + text));
        assertTrue(raw.isCommand("PRIVMSG"));
        assertTrue(raw.fromUser());
        assertTrue(raw.nickEqualsIgnoreCase("rc-pmtpa"));
        assertTrue(raw.nickEqualsIgnoreCase("RC-PMTPA"));
        assertFalse(raw.nickEqualsIgnoreCase("rc-pmtp"));
        assertTrue(raw.targetStartsWith('#'));
        assertEquals("fr.wikipedia", raw.target(1));
        assertEquals(text, raw.text());
    }

    @Test
    void prefixPartsAreSplit() {
        assertTrue(raw.parse(":nick!~user@host.example NOTICE Vigie :hi there"));
        assertEquals("nick", raw.nick());
        assertEquals("~user", raw.login());
        assertEquals("host.example", raw.host());
        assertTrue(raw.isCommand("notice"));
        assertEquals("Vigie", raw.target(0));
        assertEquals("hi there", raw.text());
    }

    @Test
    void serverPrefixIsNotAUser() {
        assertTrue(raw.parse(":irc.test NOTICE * :*** Looking up your hostname"));
        assertFalse(raw.fromUser());
    }

    @Test
    void tagsAreSkipped() {
        assertTrue(raw.parse("@time=2024-01-01T00:00:00Z;account=x :a!b@c PRIVMSG #c :tagged"));
        assertEquals("a", raw.nick());
        assertEquals("tagged", raw.text());
    }

    @Test
    void theAccountTagIsReadAndUnescaped() {
        assertTrue(raw.parse("@time=2024-01-01T00:00:00Z;account=alice :a!b@c PRIVMSG #c :tagged"));
        assertEquals("alice", raw.tag("account"));
        assertEquals("2024-01-01T00:00:00Z", raw.tag("time"));
        assertEquals(null, raw.tag("acc"));
        assertTrue(raw.parse("@a\\b=x;account=a\\sb\\:c;flag :a!b@c PRIVMSG #c :t"));
        assertEquals("a b;c", raw.tag("account"));
        assertEquals("", raw.tag("flag"));
        assertTrue(raw.parse(":a!b@c PRIVMSG #c :account=alice"));
        assertEquals(null, raw.tag("account"));
    }

    @Test
    void messageWithoutColonIsOneWord() {
        assertTrue(raw.parse(":a!b@c PRIVMSG #c word"));
        assertEquals("word", raw.text());
    }

    @Test
    void numericParametersAndTrailing() {
        assertTrue(raw.parse(":irc.test 330 me them theirAccount :is logged in as"));
        assertTrue(raw.isCommand("330"));
        assertEquals("me", raw.param(0));
        assertEquals("them", raw.param(1));
        assertEquals("theirAccount", raw.param(2));
        assertEquals("is logged in as", raw.param(3));
        assertNull(raw.param(4));
    }

    @Test
    void pingParametersStayRaw() {
        assertTrue(raw.parse("PING :irc.wikimedia.org"));
        assertTrue(raw.isCommand("PING"));
        assertEquals(":irc.wikimedia.org", raw.paramsRaw());
    }

    @Test
    void extendedJoinAndAccountLines() {
        assertTrue(raw.parse(":nick!u@h JOIN #chan acct :Real Name"));
        assertEquals("#chan", raw.param(0));
        assertEquals("acct", raw.param(1));
        assertTrue(raw.parse(":nick!u@h ACCOUNT *"));
        assertEquals("*", raw.param(0));
    }

    @Test
    void malformedLinesAreRefusedWithoutException() {
        assertFalse(raw.parse(""));
        assertFalse(raw.parse(":prefixonly"));
        assertFalse(raw.parse("@tagsonly"));
        assertTrue(raw.parse(":a!b@c PRIVMSG"));
        assertEquals("", raw.text());
    }
}
