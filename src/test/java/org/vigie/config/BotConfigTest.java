package org.vigie.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotConfigTest {

    @Test
    void shippedBotPropertiesListsEveryKeyAndIsValid() throws IOException {
        Path shipped = Path.of("bot.properties");
        BotConfig c = BotConfig.load(shipped, true, Map.of());
        String text = Files.readString(shipped);
        for (String k : BotConfig.keys()) {
            assertTrue(text.contains("\n" + k + "="), "bot.properties documents " + k);
            assertEquals(BotConfig.defaultOf(k), c.get(k), "bot.properties gives the default of " + k);
        }
    }

    @Test
    void environmentOverridesTheFile() {
        BotConfig c = BotConfig.load(Path.of("bot.properties"), true,
                Map.of("VIGIE_FEED_HOST", "127.0.0.1", "VIGIE_IRC_PORT", "6668"));
        assertEquals("127.0.0.1", c.get("feed.host"));
        assertEquals(6668, c.integer("irc.port"));
        assertEquals("VIGIE_FEED_STREAM_URL", BotConfig.envName("feed.stream.url"));
    }

    @Test
    void badValueStopsTheStartWithOneLineNamingTheKey() {
        var e = assertThrows(BotConfig.ConfigException.class,
                () -> BotConfig.load(Path.of("bot.properties"), true, Map.of("VIGIE_IRC_PORT", "99999")));
        assertTrue(e.getMessage().startsWith("irc.port:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        e = assertThrows(BotConfig.ConfigException.class,
                () -> BotConfig.defaults().with("irc.control", "vigie"));
        assertTrue(e.getMessage().startsWith("irc.control:"), e.getMessage());
        e = assertThrows(BotConfig.ConfigException.class,
                () -> BotConfig.defaults().with("lang", "de"));
        assertTrue(e.getMessage().startsWith("lang:"), e.getMessage());
    }

    @Test
    void unknownKeyInTheFileIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bot.properties");
        Files.writeString(f, "irc.nikc=Foo\n");
        var e = assertThrows(BotConfig.ConfigException.class, () -> BotConfig.load(f, true, Map.of()));
        assertTrue(e.getMessage().startsWith("irc.nikc:"), e.getMessage());
    }

    @Test
    void secretsAreRedacted() {
        BotConfig c = BotConfig.defaults().with("irc.sasl.user", "Vigie", "irc.sasl.password", "hunter2");
        assertFalse(c.toString().contains("hunter2"));
        assertEquals("***", c.redacted().get("irc.sasl.password"));
        assertEquals("hunter2", c.get("irc.sasl.password"));
    }
}
