package org.vigie.config;

import java.util.EnumMap;
import java.util.Map;

/**
 * The current values of the {@link ConfigItem}s, as an immutable snapshot. The engine reads one snapshot per change;
 * a {@code config} command builds a new snapshot and swaps it in after the store has committed it.
 */
public final class Settings {

    private final EnumMap<ConfigItem, String> values;
    // Pre-parsed copies so that the hot path never parses a string.
    private final int bignew;
    private final int tinynew;
    private final int bigedit;
    private final int bigremove;
    private final long blockConflictMillis;
    private final long glOnRollbackMillis;
    private final long glOnBnuMillis;
    private final boolean bnuBnaSame;
    private final double blockBlacklistFactor;
    private final long blockBlacklistDefaultMillis;

    private Settings(EnumMap<ConfigItem, String> values) {
        this.values = values;
        this.bignew = Integer.parseInt(values.get(ConfigItem.BIGNEW));
        this.tinynew = Integer.parseInt(values.get(ConfigItem.TINYNEW));
        this.bigedit = Integer.parseInt(values.get(ConfigItem.BIGEDIT));
        this.bigremove = Integer.parseInt(values.get(ConfigItem.BIGREMOVE));
        this.blockConflictMillis = Long.parseLong(values.get(ConfigItem.BLOCKCONFLICT)) * 3_600_000L;
        this.glOnRollbackMillis = Long.parseLong(values.get(ConfigItem.GLONROLLBACK)) * 60_000L;
        this.glOnBnuMillis = Long.parseLong(values.get(ConfigItem.GLONBNU)) * 60_000L;
        this.bnuBnaSame = Boolean.parseBoolean(values.get(ConfigItem.BNUBNASAME));
        this.blockBlacklistFactor = Double.parseDouble(values.get(ConfigItem.BLOCKBLACKLIST));
        this.blockBlacklistDefaultMillis = Long.parseLong(values.get(ConfigItem.BLOCKBLACKLISTDEFAULT)) * 3_600_000L;
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

    public int bignew() { return bignew; }
    public int tinynew() { return tinynew; }
    public int bigedit() { return bigedit; }
    public int bigremove() { return bigremove; }
    public long blockConflictMillis() { return blockConflictMillis; }
    public long glOnRollbackMillis() { return glOnRollbackMillis; }
    public long glOnBnuMillis() { return glOnBnuMillis; }
    public boolean bnuBnaSame() { return bnuBnaSame; }
    public double blockBlacklistFactor() { return blockBlacklistFactor; }
    public long blockBlacklistDefaultMillis() { return blockBlacklistDefaultMillis; }
    public String pseudonym() { return values.get(ConfigItem.PSEUDONYM); }
    public boolean startupQuiet() { return Boolean.parseBoolean(values.get(ConfigItem.STARTUPQUIET)); }
}
