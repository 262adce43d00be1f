package org.vigie.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The start-up configuration: {@code bot.properties} (or the file given with {@code --config}), each key overridable
 * by an environment variable ({@code feed.host} → {@code VIGIE_FEED_HOST}). Validated once at start: a bad value stops
 * the start with one line naming the key. Runtime items that operators change live in {@link Settings} instead.
 */
public final class BotConfig {

    /**
     * Who speaks for the feed: the sender's mask on irc.wikimedia.org before its 2024 move ({@code ~rc-pmtpa@special.user})
     * and since ({@code rc-pmtpa@irc.wikimedia.org}, see shared/notes/feed-format.md).
     */
    public static final String DEFAULT_FEED_SENDER = "rc-pmtpa!~rc-pmtpa@special.user,rc-pmtpa!rc-pmtpa@irc.wikimedia.org";

    /** How one key's value is checked at start: throws a {@link ConfigException} naming the key. */
    @FunctionalInterface
    private interface Check {
        void check(BotConfig c, String key);
    }

    private static final Check ANY = (c, k) -> { };
    private static final Check HOST = BotConfig::host;
    private static final Check PORT = BotConfig::port;
    private static final Check BOOL = BotConfig::bool;
    private static final Check NICK = BotConfig::nick;
    private static final Check CHANNEL = BotConfig::channel;
    private static final Check CHANNELS = BotConfig::channels;
    private static final Check SENDER = BotConfig::senderMask;
    private static final Check POSITIVE = BotConfig::positive;
    private static final Check NON_NEGATIVE = BotConfig::nonNegative;
    private static final Check URL = BotConfig::url;
    private static final Check DB_URL = (c, k) -> {
        if (!c.get(k).startsWith("jdbc:h2:")) {
            throw new ConfigException(k + ": must be an H2 JDBC URL (jdbc:h2:...), got " + c.get(k));
        }
    };
    private static final Check WEB_PORT = (c, k) -> {
        c.nonNegative(k);
        if (c.integer(k) > 65535) {
            throw new ConfigException(k + ": must be a port number (0 = any free port), got " + c.get(k));
        }
    };
    private static final Check WEB_BASE = (c, k) -> {
        if (!c.get(k).isEmpty() && !c.get(k).matches("(/[A-Za-z0-9._~-]+)+/?")) {
            throw new ConfigException(k + ": must be empty or a path like /vigie, got " + c.get(k));
        }
    };
    private static final Check WEB_HOSTS = (c, k) -> {
        for (String h : c.list(k)) {
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                throw new ConfigException(k + ": host names separated by commas (no port, no scheme), got " + h);
            }
        }
    };
    private static final Check ZONE = (c, k) -> {
        try {
            java.time.ZoneId.of(c.get(k));
        } catch (java.time.DateTimeException e) {
            throw new ConfigException(k + ": not a time zone (Europe/Paris, UTC…), got " + c.get(k));
        }
    };

    /** Every key with its default; the order is the order of {@code bot.properties}. */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    /** Every key with its check, in the same order (the first bad value met is the one reported). */
    private static final Map<String, Check> CHECKS = new LinkedHashMap<>();

    /** Declares one key: its name, how its value is checked, its default. The one place a key is written. */
    private static void key(String name, Check check, String defaultValue) {
        DEFAULTS.put(name, defaultValue);
        CHECKS.put(name, check);
    }

    static {
        key("feed.source", (c, k) -> c.oneOf(k, "irc", "eventstreams"), "irc");
        key("feed.host", HOST, "irc.wikimedia.org");
        key("feed.port", PORT, "6667");
        key("feed.tls", BOOL, "false");
        key("feed.nick", NICK, "vigie-feed");
        key("feed.channels", CHANNELS, "#fr.wikipedia");
        key("feed.sender", SENDER, DEFAULT_FEED_SENDER);
        key("feed.warmup", NON_NEGATIVE, "40000");
        key("feed.watchdog", POSITIVE, "180");
        key("feed.quickack", BOOL, "true");
        key("feed.stream.url", URL, "https://stream.wikimedia.org/v2/stream/recentchange");
        key("feed.wikis", ANY, "fr.wikipedia");
        key("feed.queue", POSITIVE, "10000");
        key("irc.host", HOST, "irc.libera.chat");
        key("irc.port", PORT, "6697");
        key("irc.tls", BOOL, "true");
        key("irc.nick", NICK, "Vigie");
        key("irc.password", ANY, "");
        key("irc.sasl.user", ANY, "");
        key("irc.sasl.password", ANY, "");
        key("irc.control", CHANNEL, "#vigie");
        key("irc.alerts", CHANNEL, "#vigie-alertes");
        key("irc.pseudonym", ANY, "");
        key("irc.owners", ANY, "");
        key("irc.rate", NON_NEGATIVE, "700");
        key("irc.burst", POSITIVE, "4");
        key("irc.stale", POSITIVE, "60");
        key("irc.watchdog", POSITIVE, "300");
        key("db.url", DB_URL, "jdbc:h2:file:./data/vigie;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        key("lang", (c, k) -> c.oneOf(k, "fr", "en"), "fr");
        key("owner", ANY, "");
        key("info.source", ANY, "");
        key("messages.dir", ANY, "messages");
        key("lists.dir", ANY, "lists");
        key("lists.snapshot.minutes", NON_NEGATIVE, "60");
        key("commands.file", ANY, "commands.properties");
        key("plugins.dir", ANY, "plugins");
        key("wiki.api", BOOL, "true");
        key("wiki.refresh.hours", POSITIVE, "24");
        key("wiki.globalgroups", BOOL, "true");
        key("web.enabled", BOOL, "true");
        key("web.port", WEB_PORT, "8080");
        key("web.bind", HOST, "127.0.0.1");
        key("web.base", WEB_BASE, "");
        key("web.clients", POSITIVE, "50");
        key("web.hosts", WEB_HOSTS, "");
        // security and abuse (issue 13)
        key("irc.allow-plaintext-auth", BOOL, "false");
        key("irc.queue.high", POSITIVE, "200");
        key("irc.high.share", POSITIVE, "2");
        key("cmd.queue", POSITIVE, "20");
        // hooks (webhook destinations)
        key("hook.stale", NON_NEGATIVE, "3600");
        // daily reports: the zone of their times of day
        key("report.zone", ZONE, "UTC");
        // Lift Wing's revert risk for uncertain scores (issue 11)
        key("wiki.liftwing", BOOL, "false");
        key("wiki.liftwing.url", URL, "https://api.wikimedia.org/service/lw/inference/v1/models/"
                + "revertrisk-language-agnostic:predict");
        key("wiki.liftwing.wait", POSITIVE, "2000");
        key("wiki.liftwing.timeout", POSITIVE, "1500");
        key("wiki.liftwing.concurrency", POSITIVE, "4");
        key("wiki.liftwing.perminute", POSITIVE, "120");
        key("engine.inline", BOOL, "true");
    }

    private static final Set<String> SECRET_KEYS = Set.of("irc.password", "irc.sasl.password");

    private final Map<String, String> values;

    private BotConfig(Map<String, String> values) {
        this.values = values;
    }

    /** Defaults only (tests, replay). */
    public static BotConfig defaults() {
        return new BotConfig(new LinkedHashMap<>(DEFAULTS));
    }

    /**
     * Reads the file (when it exists; a missing default file is fine, a missing explicit one is not), then the
     * environment, then validates.
     */
    public static BotConfig load(Path file, boolean mustExist, Map<String, String> env) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage());
            }
            for (String k : p.stringPropertyNames()) {
                if (!DEFAULTS.containsKey(k)) {
                    throw new ConfigException(k + ": unknown key in " + file);
                }
                v.put(k, p.getProperty(k).strip());
            }
        } else if (mustExist) {
            throw new ConfigException("configuration file not found: " + file);
        }
        for (String k : DEFAULTS.keySet()) {
            String e = env.get(envName(k));
            if (e != null) {
                v.put(k, e.strip());
            }
        }
        BotConfig c = new BotConfig(v);
        c.validate();
        return c;
    }

    /** {@code feed.stream.url} → {@code VIGIE_FEED_STREAM_URL}. */
    public static String envName(String key) {
        return "VIGIE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** A copy with some keys changed (tests, replay). Validated. */
    public BotConfig with(String... keyValues) {
        Map<String, String> v = new LinkedHashMap<>(values);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (!DEFAULTS.containsKey(keyValues[i])) {
                throw new ConfigException(keyValues[i] + ": unknown key");
            }
            v.put(keyValues[i], keyValues[i + 1]);
        }
        BotConfig c = new BotConfig(v);
        c.validate();
        return c;
    }

    private void validate() {
        CHECKS.forEach((key, check) -> check.check(this, key));
        if (!get("irc.sasl.user").isEmpty() && get("irc.sasl.password").isEmpty()) {
            throw new ConfigException("irc.sasl.password: required when irc.sasl.user is set");
        }
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no such configuration key: " + key);
        }
        return v;
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": a whole number is expected, got " + get(key));
        }
    }

    public boolean bool(String key) {
        String v = get(key).toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new ConfigException(key + ": true or false is expected, got " + get(key));
    }

    /** A comma-separated list, trimmed, empty items removed. */
    public List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String s : get(key).split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** Every key with its value, secrets replaced by {@code ***} (for logs and {@code info}). */
    public Map<String, String> redacted() {
        Map<String, String> m = new LinkedHashMap<>(values);
        for (String k : SECRET_KEYS) {
            if (!m.get(k).isEmpty()) {
                m.put(k, "***");
            }
        }
        return m;
    }

    public static Set<String> keys() {
        return DEFAULTS.keySet();
    }

    public static String defaultOf(String key) {
        return DEFAULTS.get(key);
    }

    @Override
    public String toString() {
        return "BotConfig" + redacted();
    }

    private void oneOf(String key, String... allowed) {
        if (!Arrays.asList(allowed).contains(get(key))) {
            throw new ConfigException(key + ": one of " + String.join(", ", allowed) + " is expected, got " + get(key));
        }
    }

    private void host(String key) {
        String v = get(key);
        if (v.isEmpty() || !v.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new ConfigException(key + ": a host name or address is expected, got '" + v + "'");
        }
    }

    private void port(String key) {
        int p = integer(key);
        if (p < 1 || p > 65535) {
            throw new ConfigException(key + ": a port between 1 and 65535 is expected, got " + p);
        }
    }

    private void positive(String key) {
        if (integer(key) <= 0) {
            throw new ConfigException(key + ": a number above 0 is expected, got " + get(key));
        }
    }

    private void nonNegative(String key) {
        if (integer(key) < 0) {
            throw new ConfigException(key + ": a number of 0 or more is expected, got " + get(key));
        }
    }

    private void senderMask(String key) {
        try {
            org.vigie.feed.SenderMask.parse(get(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    private void nick(String key) {
        String v = get(key);
        if (!v.matches("[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}\\-]{0,29}")) {
            throw new ConfigException(key + ": not a valid IRC nick: '" + v + "'");
        }
    }

    private void channel(String key) {
        String v = get(key);
        if (!v.matches("[#&][^\\s,\\x00-\\x1f]{1,49}")) {
            throw new ConfigException(key + ": not a valid IRC channel: '" + v + "'");
        }
    }

    private void channels(String key) {
        List<String> l = list(key);
        if (l.isEmpty()) {
            throw new ConfigException(key + ": at least one channel is expected");
        }
        for (String c : l) {
            if (!c.matches("[#&][^\\s,\\x00-\\x1f]{1,49}")) {
                throw new ConfigException(key + ": not a valid IRC channel: '" + c + "'");
            }
        }
    }

    private void url(String key) {
        String v = get(key);
        if (!(v.startsWith("http://") || v.startsWith("https://"))) {
            throw new ConfigException(key + ": an http(s) URL is expected, got '" + v + "'");
        }
    }

    /** A configuration error: one line naming the key. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
