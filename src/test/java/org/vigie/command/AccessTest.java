package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

class AccessTest {

    private static Entry aclo(String item, long expires) {
        return new Entry(ListKind.ACLO, Entry.GLOBAL, item, "Op", "", 0, expires, Entry.Source.OPERATOR);
    }

    private static Caller who(String nick, String login, String host, String account) {
        return new Caller(nick, login, host, account, "#vigie", false);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "*!*@host.example.org, Alice!al@host.example.org, true",
        "*!*@HOST.example.org, Alice!al@host.example.org, true",
        "alice!*@*.example.org, Alice!al@host.example.org, true",
        "a?ice!al@host.example.org, Alice!al@host.example.org, true",
        "*!*@*.example.org, Alice!al@example.org, false",
        "bob!*@*, Alice!al@host.example.org, false",
        "*, anything, true",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYY, false",
    })
    void globsMatchWholeMasksCaseInsensitively(String pattern, String text, boolean expected) {
        assertEquals(expected, Access.glob(pattern, text));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "alice!al@host, true", "*!*@host.example.org, true", "Alice, false", "alice@host, false",
        "alice!host, false", "a!b@c!d, false", "!al@host, false", "alice!al@, false",
    })
    void masksAreTellingApartFromAccounts(String item, boolean mask) {
        assertEquals(mask, Access.isMask(item));
    }

    @Test
    void controlChannelOperatorsAreOperators() {
        Caller op = new Caller("Op", "op", "h", null, "#vigie", true);
        assertTrue(Access.isOperator(op, List.of(), 0));
    }

    @Test
    void anAccountEntryAdmitsTheAccountWhateverTheNick() {
        List<Entry> ops = List.of(aclo("AliceAccount", Entry.NEVER));
        assertTrue(Access.isOperator(who("Alice_away", "x", "anywhere", "aliceaccount"), ops, 0));
        assertFalse(Access.isOperator(who("Alice", "al", "host", null), ops, 0));
        assertFalse(Access.isOperator(who("Alice", "al", "host", "Mallory"), ops, 0));
    }

    @Test
    void aStrangerTakingAnOperatorsNickIsNotAnOperator() {
        // the entry was made for Alice, logged in as Alice: someone else using the nick has no such account
        List<Entry> ops = List.of(aclo("Alice", Entry.NEVER), aclo("*!alice@alice.example.org", Entry.NEVER));
        assertFalse(Access.isOperator(who("Alice", "mal", "evil.example.net", null), ops, 0));
        assertTrue(Access.isOperator(who("Alice", "alice", "alice.example.org", null), ops, 0));
    }

    @Test
    void expiredEntriesAdmitNobody() {
        List<Entry> ops = List.of(aclo("AliceAccount", 1000));
        assertTrue(Access.isOperator(who("A", "a", "h", "AliceAccount"), ops, 999));
        assertFalse(Access.isOperator(who("A", "a", "h", "AliceAccount"), ops, 1000));
    }

    @Test
    void ownersAreTheConfiguredOnesOrElseControlChannelOperators() {
        Caller op = new Caller("Op", "op", "h", "OpAccount", "#vigie", true);
        Caller owner = new Caller("Boss", "b", "boss.example.org", "BossAccount", null, false);
        assertTrue(Access.isOwner(op, List.of()));
        assertFalse(Access.isOwner(owner, List.of()));
        assertFalse(Access.isOwner(op, List.of("BossAccount")));
        assertTrue(Access.isOwner(owner, List.of("bossaccount")));
        assertTrue(Access.isOwner(new Caller("X", "b", "boss.example.org", null, null, false),
                List.of("*!b@boss.example.org")));
    }

    @Test
    void masksWithoutARealHostAreTooBroad() {
        assertTrue(Access.isTooBroad("*!*@*"));
        assertTrue(Access.isTooBroad("alice!*@*.*"));
        assertFalse(Access.isTooBroad("*!*@*.example.org"));
    }
}
