package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    @Test
    void defaultsSuitTheWikimediaFeed() {
        ConnectionSettings s = ConnectionSettings.of("feed", "irc.wikimedia.org", 6667, "vigie-feed");
        assertEquals(180_000, s.watchdogMillis());
        assertEquals(2_000, s.reconnectMinMillis());
        assertEquals(300_000, s.reconnectMaxMillis());
        assertTrue(s.socketTimeoutMillis() < s.watchdogMillis());
        assertEquals(OutboxSettings.DEFAULT, s.outbox());
    }

    @Test
    void toStringNeverShowsSecrets() {
        ConnectionSettings s = ConnectionSettings.of("network", "irc.libera.chat", 6697, "Vigie")
                .withTls(true)
                .withSasl("VigieAccount", "s3cr3t-sasl")
                .withServerPassword("s3cr3t-pass")
                .withChannels(List.of("#vigie"));
        String text = s.toString();
        assertFalse(text.contains("s3cr3t"), text);
        assertTrue(text.contains("saslUser=VigieAccount"));
        assertTrue(text.contains("saslPassword=(redacted)"));
        assertTrue(text.contains("irc.libera.chat:+6697"));
    }

    @Test
    void invalidValuesAreRefusedWithAClearMessage() {
        ConnectionSettings s = ConnectionSettings.of("n", "h", 6667, "Vigie");
        assertThrows(IllegalArgumentException.class, () -> s.withChannels(List.of("no-prefix")));
        assertThrows(IllegalArgumentException.class, () -> s.withChannels(List.of("#a b")));
        assertThrows(IllegalArgumentException.class, () -> s.withSasl("user", null));
        assertThrows(IllegalArgumentException.class, () -> s.withWatchdog(1_000, 5_000));
        assertThrows(IllegalArgumentException.class, () -> s.withReconnect(5_000, 1_000));
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.of("n", "h", 0, "Vigie"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.of("n", "h", 6667, "#chan"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.withWatchdog(1_000, 5_000));
        assertTrue(e.getMessage().contains("socketTimeoutMillis"));
    }
}
