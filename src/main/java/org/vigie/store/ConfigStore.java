package org.vigie.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.config.ConfigItem;
import org.vigie.config.KeyValues;

/**
 * Persisted runtime settings and alert destinations (both audited), and a small unaudited key/value table for the
 * bot's own state (the EventStreams cursor, the seeds-imported flag).
 */
public final class ConfigStore implements KeyValues {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);
    private static final int MAX_SPEC = 1024;
    private static final int MAX_VALUE = 16_384;

    private final Database db;
    private final Audit audit;

    public ConfigStore(Database db, Audit audit) {
        this.db = db;
        this.audit = audit;
    }

    /**
     * The stored settings. Unknown names and values that no longer fit their item are left out (and logged), so
     * that {@link org.vigie.config.Settings#of} uses the default for them.
     */
    public Map<ConfigItem, String> loadSettings() {
        Map<ConfigItem, String> out = new EnumMap<>(ConfigItem.class);
        db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, val FROM config_setting")) {
                while (rs.next()) {
                    ConfigItem item = ConfigItem.fromKey(rs.getString(1));
                    if (item == null) {
                        LOG.warn("stored config item {} is unknown: ignored", rs.getString(1));
                        continue;
                    }
                    try {
                        out.put(item, item.normalise(rs.getString(2)));
                    } catch (IllegalArgumentException ex) {
                        LOG.warn("stored config item {} has an invalid value: default used ({})", item.key(),
                                ex.getMessage());
                    }
                }
            }
            return null;
        });
        return out;
    }

    /**
     * Stores a setting with its audit row.
     *
     * @return the value as stored ({@link ConfigItem#normalise})
     * @throws IllegalArgumentException when the value does not fit the item; nothing is written
     */
    public String saveSetting(ConfigItem item, String value, Actor who) {
        String v = item.normalise(value);
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("MERGE INTO config_setting(name, val) KEY(name) VALUES (?, ?)")) {
                p.setString(1, item.key());
                p.setString(2, v);
                p.executeUpdate();
            }
            audit.record(c, who, Audit.Action.SET, Audit.CONFIG, null, item.key(), item.key(), v, null);
            return null;
        });
        return v;
    }

    /** Channel → destination spec ({@code black,grey,-admin}), in channel order. */
    public Map<String, String> loadDestinations() {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT channel, spec FROM destination ORDER BY channel")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return null;
        });
        return out;
    }

    /** Stores (or replaces) the spec of one channel, with its audit row. The spec is parsed by the caller. */
    public void saveDestination(String channel, String spec, Actor who) {
        String ch = channel(channel);
        String sp = spec == null ? "" : spec.strip();
        if (sp.length() > MAX_SPEC || sp.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("invalid destination spec");
        }
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("MERGE INTO destination(channel, spec) KEY(channel) VALUES (?, ?)")) {
                p.setString(1, ch);
                p.setString(2, sp);
                p.executeUpdate();
            }
            audit.record(c, who, Audit.Action.SET, Audit.DEST, null, ch, historyKey(ch), sp, null);
            return null;
        });
    }

    /** Removes a channel's destination, with its audit row; false when it had none (nothing audited then). */
    public boolean deleteDestination(String channel, Actor who) {
        String ch = channel(channel);
        return db.transaction(c -> {
            int n;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM destination WHERE channel = ?")) {
                p.setString(1, ch);
                n = p.executeUpdate();
            }
            if (n > 0) {
                audit.record(c, who, Audit.Action.DEL, Audit.DEST, null, ch, historyKey(ch), null, null);
            }
            return n > 0;
        });
    }

    /** Channels compare without case: their audit rows are keyed in lower case, as accounts are. */
    private static String historyKey(String channel) {
        return channel.toLowerCase(java.util.Locale.ROOT);
    }

    private static String channel(String channel) {
        String ch = channel == null ? "" : channel.strip();
        if (ch.isEmpty() || ch.length() > 200 || ch.chars().anyMatch(c -> c <= ' ' || c == ',' || c == 0x7f)) {
            throw new IllegalArgumentException("invalid channel name");
        }
        return ch;
    }

    /** A value of the bot's own state, or {@code null}. */
    @Override
    public String get(String key) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT val FROM kv WHERE name = ?")) {
                p.setString(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** Stores a value of the bot's own state (not audited); {@code null} removes it. */
    @Override
    public void put(String key, String value) {
        if (value != null && value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("value longer than " + MAX_VALUE + " characters");
        }
        db.read(c -> {
            if (value == null) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM kv WHERE name = ?")) {
                    p.setString(1, key);
                    return p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("MERGE INTO kv(name, val) KEY(name) VALUES (?, ?)")) {
                p.setString(1, key);
                p.setString(2, value);
                return p.executeUpdate();
            }
        });
    }
}
