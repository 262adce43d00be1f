package org.vigie.store;

import org.vigie.testutil.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;

class ConfigStoreTest {

    private static final Actor ALICE = new Actor("Alice", "alice", "user/alice");
    private final TestClock clock = new TestClock(1_750_000_000_000L);
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private ConfigStore open(String url) {
        db = Database.open(url);
        return new ConfigStore(db, new Audit(db, clock));
    }

    @Test
    void settingsDestinationsAndStateSurviveARestart(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("vigie").toAbsolutePath();
        ConfigStore cs = open(url);
        assertEquals("750", cs.saveSetting(ConfigItem.BIGNEW, " 750 ", ALICE));
        assertEquals("true", cs.saveSetting(ConfigItem.BNUBNASAME, "on", ALICE));
        cs.saveDestination("#vigie-alertes", "black,grey,-admin", ALICE);
        cs.saveDestination("#vigie-cmds", "cmds", ALICE);
        cs.put("eventstreams.cursor", "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"timestamp\":1}]");
        db.close();

        cs = open(url);
        Map<ConfigItem, String> settings = cs.loadSettings();
        assertEquals(Map.of(ConfigItem.BIGNEW, "750", ConfigItem.BNUBNASAME, "true"), settings);
        assertEquals(750, Settings.of(settings).bignew());
        assertEquals(Map.of("#vigie-alertes", "black,grey,-admin", "#vigie-cmds", "cmds"), cs.loadDestinations());
        assertEquals("[{\"topic\":\"eqiad.mediawiki.recentchange\",\"timestamp\":1}]", cs.get("eventstreams.cursor"));
    }

    @Test
    void changesAreAuditedButTheBotsOwnStateIsNot() {
        ConfigStore cs = open("jdbc:h2:mem:" + UUID.randomUUID());
        Audit audit = new Audit(db, clock);
        cs.saveSetting(ConfigItem.GLONBNU, "30", ALICE);
        cs.saveDestination("#Alertes", "bnu,bna", ALICE);
        assertTrue(cs.deleteDestination("#alertes", ALICE), "channel names compare without case");
        assertFalse(cs.deleteDestination("#alertes", ALICE));
        cs.put("seeds.imported", "yes");
        List<AuditRow> rows = audit.since(0);
        assertEquals(3, rows.size());
        assertEquals(List.of("config set glonbnu 30", "dest set #Alertes bnu,bna", "dest del #alertes null"),
                rows.stream().map(r -> r.area() + " " + r.action().code() + " " + r.item() + " " + r.details()).toList());
        assertEquals("Alice", rows.get(0).nick());
        assertEquals(2, audit.history("#ALERTES", 10).size());
        assertEquals("30", audit.history("glonbnu", 10).get(0).details());
    }

    @Test
    void invalidValuesAreRefusedAndStaleOnesIgnored() {
        ConfigStore cs = open("jdbc:h2:mem:" + UUID.randomUUID());
        assertThrows(IllegalArgumentException.class, () -> cs.saveSetting(ConfigItem.BIGNEW, "beaucoup", ALICE));
        assertThrows(IllegalArgumentException.class, () -> cs.saveDestination("#a b", "black", ALICE));
        db.read(c -> c.createStatement().executeUpdate(
                "INSERT INTO config_setting(name, val) VALUES ('bigedit', 'x'), ('retired', '1'), ('tinynew', '5')"));
        assertEquals(Map.of(ConfigItem.TINYNEW, "5"), cs.loadSettings());
    }

    @Test
    void theKeyValueTableStoresReplacesAndRemoves() {
        ConfigStore cs = open("jdbc:h2:mem:" + UUID.randomUUID());
        assertNull(cs.get("k"));
        cs.put("k", "1");
        cs.put("k", "2");
        assertEquals("2", cs.get("k"));
        cs.put("k", null);
        assertNull(cs.get("k"));
    }
}
