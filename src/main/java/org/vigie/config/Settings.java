package org.vigie.config;

import java.util.EnumMap;
import java.util.Map;

/**
 * The current values of the {@link ConfigItem}s, as an immutable snapshot. The engine reads one snapshot per change;
 * a {@code config} command builds a new snapshot and swaps it in after the store has committed it.
 */
public final class Settings {

    private final EnumMap<ConfigItem, String> values;
    // Every item read once by its own parser (ConfigItem#number, #decimal), by ordinal, so that the hot path never
    // parses a string.
    private final long[] numbers = new long[ITEMS.length];
    private final double[] decimals = new double[ITEMS.length];

    private static final ConfigItem[] ITEMS = ConfigItem.values();

    private Settings(EnumMap<ConfigItem, String> values) {
        this.values = values;
        for (ConfigItem i : ITEMS) {
            numbers[i.ordinal()] = i.number(values.get(i));
            decimals[i.ordinal()] = i.decimal(values.get(i));
        }
    }

    public static Settings defaults() {
        return of(Map.of());
    }

    /** Settings from stored values; unknown keys are ignored, missing ones take their defaults. */
    public static Settings of(Map<ConfigItem, String> stored) {
        EnumMap<ConfigItem, String> v = new EnumMap<>(ConfigItem.class);
        for (ConfigItem i : ConfigItem.values()) {
            String s = stored.get(i);
            v.put(i, s == null ? i.defaultValue() : i.normalise(s));
        }
        return new Settings(v);
    }

    /** A copy with one item changed; the value is validated ({@link ConfigItem#normalise}). */
    public Settings with(ConfigItem item, String rawValue) {
        EnumMap<ConfigItem, String> v = new EnumMap<>(values);
        v.put(item, item.normalise(rawValue));
        return new Settings(v);
    }

    public String get(ConfigItem item) {
        return values.get(item);
    }

    public Map<ConfigItem, String> asMap() {
        return new EnumMap<>(values);
    }

    /** A whole-number item's value (a boolean's as 1 or 0). */
    public long number(ConfigItem item) {
        return numbers[item.ordinal()];
    }

    /** A duration item's value in milliseconds ({@link ConfigItem#unit()}). */
    public long millis(ConfigItem item) {
        return numbers[item.ordinal()] * item.unit().millis();
    }

    /** A decimal item's value. */
    public double decimal(ConfigItem item) {
        return decimals[item.ordinal()];
    }

    /** A boolean item's value. */
    public boolean flag(ConfigItem item) {
        return numbers[item.ordinal()] != 0;
    }

    // The names the detectors read (views of the generic values above, no parsing of their own).
    public int bignew() { return (int) number(ConfigItem.BIGNEW); }
    public int tinynew() { return (int) number(ConfigItem.TINYNEW); }
    public int bigedit() { return (int) number(ConfigItem.BIGEDIT); }
    public int bigremove() { return (int) number(ConfigItem.BIGREMOVE); }
    public long blockConflictMillis() { return millis(ConfigItem.BLOCKCONFLICT); }
    public long glOnRollbackMillis() { return millis(ConfigItem.GLONROLLBACK); }
    public long glOnBnuMillis() { return millis(ConfigItem.GLONBNU); }
    public boolean bnuBnaSame() { return flag(ConfigItem.BNUBNASAME); }
    public double blockBlacklistFactor() { return decimal(ConfigItem.BLOCKBLACKLIST); }
    public long blockBlacklistDefaultMillis() { return millis(ConfigItem.BLOCKBLACKLISTDEFAULT); }
    public String pseudonym() { return values.get(ConfigItem.PSEUDONYM); }
    public boolean startupQuiet() { return flag(ConfigItem.STARTUPQUIET); }
}
