package org.vigie.config;

/**
 * The bot's own state, as the parts that keep some read and write it: one text value per key, {@code null} to delete
 * (in the bot, the database's {@code kv} table: {@code store.ConfigStore}).
 */
public interface KeyValues {

    /** The value, or {@code null}. */
    String get(String key);

    /** Stores the value; {@code null} removes it. */
    void put(String key, String value);
}
