package org.vigie.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings read every item with the item's own parser and unit: no item needs code of its own in Settings. */
class SettingsItemsTest {

    @Test
    void numbersDurationsDecimalsAndFlagsComeFromTheItems() {
        Settings s = Settings.of(Map.of(ConfigItem.BLOCKCONFLICT, "2", ConfigItem.GLONBNU, "90",
                ConfigItem.BURSTSECONDS, "30", ConfigItem.BLOCKBLACKLIST, "1.5", ConfigItem.BNUBNASAME, "on",
                ConfigItem.BIGNEW, " 800 "));
        assertEquals(2 * 3_600_000L, s.millis(ConfigItem.BLOCKCONFLICT));
        assertEquals(s.blockConflictMillis(), s.millis(ConfigItem.BLOCKCONFLICT));
        assertEquals(90 * 60_000L, s.glOnBnuMillis());
        assertEquals(30_000L, s.millis(ConfigItem.BURSTSECONDS));
        assertEquals(1.5, s.blockBlacklistFactor());
        assertEquals(1.5, s.decimal(ConfigItem.BLOCKBLACKLIST));
        assertTrue(s.bnuBnaSame());
        assertTrue(s.flag(ConfigItem.BNUBNASAME));
        assertEquals(800, s.bignew());
        assertEquals(800L, s.number(ConfigItem.BIGNEW));
        assertFalse(s.startupQuiet());
    }

    @Test
    void everyDefaultReadsAsItsStoredForm() {
        Settings d = Settings.defaults();
        for (ConfigItem i : ConfigItem.values()) {
            switch (i.type()) {
                case INT -> assertEquals(Long.parseLong(i.defaultValue()), d.number(i), i.key());
                case DECIMAL -> assertEquals(Double.parseDouble(i.defaultValue()), d.decimal(i), i.key());
                case BOOL -> assertEquals(Boolean.parseBoolean(i.defaultValue()), d.flag(i), i.key());
                case STRING -> assertEquals(i.defaultValue(), d.get(i), i.key());
            }
            if (i.unit() != ConfigItem.Unit.NONE) {
                assertEquals(d.number(i) * i.unit().millis(), d.millis(i), i.key());
            }
        }
        assertEquals(24 * 3_600_000L, d.blockConflictMillis());
        assertEquals(744 * 3_600_000L, d.blockBlacklistDefaultMillis());
        assertEquals(60 * 60_000L, d.glOnRollbackMillis());
    }
}
