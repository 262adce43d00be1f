package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

class AcloCommandsTest {

    @AutoClose
    private final TestBot bot = new TestBot();

    @Test
    void addingANickStoresItsServicesAccount() {
        bot.port.accounts.put("alice", Optional.of("AliceAccount"));
        assertEquals("Added: AliceAccount (services account of Alice) to the operator list with no expiry,"
                + " \"new patroller\"", bot.say("aclo add Alice r=new patroller"));
        assertTrue(bot.port.services.find(ListKind.ACLO, Entry.GLOBAL, "aliceaccount").isPresent());
        assertFalse(bot.port.services.find(ListKind.ACLO, Entry.GLOBAL, "Alice").isPresent());
        // and the account is now obeyed, whatever nick it uses
        Caller alice = new Caller("Alice|away", "al", "h.example.org", "AliceAccount", "#vigie", false);
        assertEquals(1, bot.run(alice, "Vigie bl add Foo").size());
    }

    @Test
    void aNickNotLoggedInIsRefused() {
        bot.port.accounts.put("bob", Optional.empty());
        assertEquals("Not added: Bob is not logged in to services. Ask them to identify, or add an explicit mask"
                + " nick!user@host.", bot.say("aclo add Bob"));
        assertTrue(bot.port.services.operators().isEmpty());
    }

    @Test
    void aNickNotOnlineIsRefused() {
        assertEquals("Not added: no answer about Ghost (not online?). Try again, or add an explicit mask"
                + " nick!user@host.", bot.say("aclo add Ghost"));
        assertTrue(bot.port.services.operators().isEmpty());
    }

    @Test
    void anExplicitMaskIsStoredAsIs() {
        assertEquals("Added: *!bob@bob.example.org (by hostmask) to the operator list until 2026-08-26 12:00 UTC",
                bot.say("aclo add *!bob@bob.example.org x=24"));
        Caller bob = new Caller("Bobby", "bob", "bob.example.org", null, "#vigie", false);
        assertEquals(1, bot.run(bob, "Vigie bl add Foo").size());
        bot.clock.advance(24 * 3_600_000L);
        assertEquals(List.of(), bot.run(bob, "Vigie bl add Bar"));
    }

    @Test
    void aMaskMatchingNearlyAnyoneIsRefused() {
        assertEquals("Not added: in *!*@* the nick and the ident are anyone's to choose, and the host names no one. Give the"
                + " nick of someone logged in to services (their account is stored), an account, or a mask with a real"
                + " host: nick!user@host.example.org.", bot.say("aclo add *!*@*"));
        assertTrue(bot.port.services.operators().isEmpty());
    }

    @Test
    void somethingNeitherNickNorMaskIsAUsageError() {
        assertEquals("\"two words\" is neither a nick nor a nick!user@host mask. Usage: aclo add <nick|mask>"
                + " [x=hours] [r=reason]", bot.say("aclo add two words"));
        assertEquals("the option p= is not accepted here. Usage: aclo add <nick|mask> [x=hours] [r=reason]",
                bot.say("aclo add Alice p=frwiki"));
    }

    @Test
    void deletingWorksByAccountMaskOrTheNickOfSomeoneLoggedIn() {
        bot.port.accounts.put("alice", Optional.of("AliceAccount"));
        bot.op("aclo add Alice");
        bot.op("aclo add *!bob@bob.example.org");
        assertEquals("Deleted AliceAccount from operator list (global)", bot.say("aclo del Alice"));
        assertEquals("Deleted *!bob@bob.example.org from operator list (global)",
                bot.say("aclo del *!bob@bob.example.org"));
        assertEquals("carol is not on the operator list", bot.say("aclo del carol"));
        assertTrue(bot.port.services.operators().isEmpty());
    }

    @Test
    void showFindsAnAccountDirectlyOrThroughANick() {
        bot.port.accounts.put("alice", Optional.of("AliceAccount"));
        bot.op("aclo add Alice");
        bot.port.accounts.put("alice2", Optional.of("AliceAccount"));
        String expected = "AliceAccount is on operator list (global), added by Op (OpAccount) on 2026-08-25 12:00 UTC,"
                + " with no expiry";
        assertEquals(expected, bot.say("aclo show AliceAccount"));
        assertEquals(expected, bot.say("aclo show Alice2"));
        assertEquals("Zed is not on the operator list", bot.say("aclo show Zed"));
    }
}
