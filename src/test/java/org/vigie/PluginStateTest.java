package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.command.BotPort;
import org.vigie.command.PortException;
import org.vigie.config.BotConfig;
import org.vigie.store.Audit;
import org.vigie.store.ConfigStore;
import org.vigie.store.Database;

/** What an operator unloads stays unloaded across a restart, until it is loaded again (the reference bots forgot). */
class PluginStateTest {

    @TempDir
    Path tmp;

    private BotConfig config() {
        return BotConfig.defaults().with(
                "irc.host", "127.0.0.1",
                "wiki.api", "false", "web.port", "0",
                "lang", "en",
                "lists.dir", tmp.resolve("no-lists").toString(),
                "plugins.dir", tmp.resolve("plugins").toString(),
                "commands.file", tmp.resolve("commands.properties").toString(),
                "db.url", "jdbc:h2:file:" + tmp.resolve("db/vigie") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    private Map<String, Boolean> loaded(Vigie v) {
        return v.port().plugins().stream().collect(Collectors.toMap(BotPort.Plugin::name, BotPort.Plugin::loaded));
    }

    @Test
    void anUnloadedDetectorStaysUnloadedAfterARestartUntilLoadedAgain() throws Exception {
        try (Vigie v = new Vigie(config(), Clock.systemUTC())) {
            assertEquals(true, loaded(v).get("words"));
            v.pluginService.apply("unload", " Words ");
            v.pluginService.apply("unload", "sizes");
            assertEquals(false, loaded(v).get("words"));
        }
        try (Vigie v = new Vigie(config(), Clock.systemUTC())) {
            assertEquals(false, loaded(v).get("words"), "unloaded by an operator before the restart");
            assertEquals(false, loaded(v).get("sizes"));
            assertEquals(true, loaded(v).get("lists"));
            v.pluginService.apply("load", "words");
            PortException e = assertThrows(PortException.class, () -> v.pluginService.apply("unload", "nosuchplugin"));
            assertEquals(true, !e.getMessage().isBlank());
        }
        try (Vigie v = new Vigie(config(), Clock.systemUTC())) {
            assertEquals(true, loaded(v).get("words"), "loaded again before the restart");
            assertEquals(false, loaded(v).get("sizes"));
            v.pluginService.apply("reload", "sizes");
        }
        try (Vigie v = new Vigie(config(), Clock.systemUTC())) {
            assertEquals(true, loaded(v).get("sizes"), "a reload loads");
        }
        try (Database db = Database.open(config().get("db.url"))) {
            assertNull(new ConfigStore(db, new Audit(db, Clock.systemUTC())).get(org.vigie.patrol.PluginState.KEY),
                    "nothing left to remember");
        }
    }
}
