package org.vigie.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.vigie.config.BotConfig;

/** A first start with the shipped bot.properties (issue 9, point 11) says in one line which keys to set. */
class NetworkHintTest {

    @Test
    void theShippedNetworkSettingsGetOneLineNamingTheKeysToSet() {
        String hint = Connections.networkHint(BotConfig.defaults());
        assertEquals("network not configured: irc.host=irc.libera.chat, irc.nick=Vigie, irc.control=#vigie,"
                + " irc.alerts=#vigie-alertes are the shipped examples; set irc.host, irc.nick, irc.control, irc.alerts"
                + " in bot.properties (or VIGIE_IRC_HOST, VIGIE_IRC_NICK, VIGIE_IRC_CONTROL, VIGIE_IRC_ALERTS) to your"
                + " network, your bot's nick, your control channel and your alert channel", hint);
        assertEquals(-1, hint.indexOf('\n'));
    }

    @Test
    void anyOwnNetworkSettingSilencesIt() {
        assertNull(Connections.networkHint(BotConfig.defaults().with("irc.host", "irc.example.org")));
        assertNull(Connections.networkHint(BotConfig.defaults().with("irc.control", "#mon-salon")));
    }
}
