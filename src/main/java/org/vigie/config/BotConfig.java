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

    /** Every key with its default; the order is the order of {@code bot.properties}. */
    /**
     * Who speaks for the feed: the sender's mask on irc.wikimedia.org before its 2024 move ({@code ~rc-pmtpa@special.user})
     * and since ({@code rc-pmtpa@irc.wikimedia.org}, see shared/notes/feed-format.md).
     */
    public static final String DEFAULT_FEED_SENDER = "rc-pmtpa!~rc-pmtpa@special.user,rc-pmtpa!rc-pmtpa@irc.wikimedia.org";

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("feed.source", "irc");
        DEFAULTS.put("feed.host", "irc.wikimedia.org");
        DEFAULTS.put("feed.port", "6667");
        DEFAULTS.put("feed.tls", "false");
        DEFAULTS.put("feed.nick", "vigie-feed");
        DEFAULTS.put("feed.channels", "#fr.wikipedia");
        DEFAULTS.put("feed.sender", DEFAULT_FEED_SENDER);
        DEFAULTS.put("feed.warmup", "40000");
        DEFAULTS.put("feed.watchdog", "180");
        DEFAULTS.put("feed.stream.url", "https://stream.wikimedia.org/v2/stream/recentchange");
        DEFAULTS.put("feed.wikis", "fr.wikipedia");
        DEFAULTS.put("feed.queue", "10000");
        DEFAULTS.put("engine.inline", "true");
        DEFAULTS.put("irc.host", "irc.libera.chat");
        DEFAULTS.put("irc.port", "6697");
        DEFAULTS.put("irc.tls", "true");
        DEFAULTS.put("irc.nick", "Vigie");
        DEFAULTS.put("irc.password", "");
        DEFAULTS.put("irc.sasl.user", "");
        DEFAULTS.put("irc.sasl.password", "");
        DEFAULTS.put("irc.control", "#vigie");
        DEFAULTS.put("irc.alerts", "#vigie-alertes");
        DEFAULTS.put("irc.pseudonym", "");
        DEFAULTS.put("irc.owners", "");
        DEFAULTS.put("irc.rate", "700");
        DEFAULTS.put("irc.burst", "4");
        DEFAULTS.put("irc.stale", "60");
        DEFAULTS.put("irc.watchdog", "300");
        DEFAULTS.put("db.url", "jdbc:h2:file:./data/vigie;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        DEFAULTS.put("lang", "fr");
        DEFAULTS.put("owner", "");
        DEFAULTS.put("info.source", "");
        DEFAULTS.put("messages.dir", "messages");
        DEFAULTS.put("lists.dir", "lists");
        DEFAULTS.put("lists.snapshot.minutes", "60");
        DEFAULTS.put("commands.file", "commands.properties");
        DEFAULTS.put("plugins.dir", "plugins");
        DEFAULTS.put("wiki.api", "true");
        DEFAULTS.put("wiki.refresh.hours", "24");
        DEFAULTS.put("wiki.globalgroups", "true");
        DEFAULTS.put("web.enabled", "true");
        DEFAULTS.put("web.port", "8080");
        DEFAULTS.put("web.bind", "127.0.0.1");
        DEFAULTS.put("web.base", "");
        DEFAULTS.put("web.clients", "50");
        DEFAULTS.put("web.hosts", "");
        // security and abuse (issue 13)
        DEFAULTS.put("irc.allow-plaintext-auth", "false");
        DEFAULTS.put("irc.queue.high", "200");
        DEFAULTS.put("irc.high.share", "2");
        DEFAULTS.put("cmd.queue", "20");
        // hooks (webhook destinations)
        DEFAULTS.put("hook.stale", "3600");
        // daily reports: the zone of their times of day
        DEFAULTS.put("report.zone", "UTC");
        // Lift Wing's revert risk for uncertain scores (issue 11)
        DEFAULTS.put("wiki.liftwing", "false");
        DEFAULTS.put("wiki.liftwing.url", "https://api.wikimedia.org/service/lw/inference/v1/models/"
                + "revertrisk-language-agnostic:predict");
        DEFAULTS.put("wiki.liftwing.wait", "2000");
        DEFAULTS.put("wiki.liftwing.timeout", "1500");
        DEFAULTS.put("wiki.liftwing.concurrency", "4");
        DEFAULTS.put("wiki.liftwing.perminute", "120");
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
        oneOf("feed.source", "irc", "eventstreams");
        host("feed.host");
        port("feed.port");
        bool("feed.tls");
        nick("feed.nick");
        channels("feed.channels");
        senderMask("feed.sender");
        nonNegative("feed.warmup");
        positive("feed.watchdog");
        url("feed.stream.url");
        positive("feed.queue");
        host("irc.host");
        port("irc.port");
        bool("irc.tls");
        nick("irc.nick");
        channel("irc.control");
        channel("irc.alerts");
        nonNegative("irc.rate");
        positive("irc.burst");
        positive("irc.stale");
        positive("irc.watchdog");
        if (!get("db.url").startsWith("jdbc:h2:")) {
            throw new ConfigException("db.url: must be an H2 JDBC URL (jdbc:h2:...), got " + get("db.url"));
        }
        oneOf("lang", "fr", "en");
        nonNegative("lists.snapshot.minutes");
        bool("wiki.api");
        positive("wiki.refresh.hours");
        bool("wiki.globalgroups");
        bool("web.enabled");
        nonNegative("web.port");
        if (integer("web.port") > 65535) {
            throw new ConfigException("web.port: must be a port number (0 = any free port), got " + get("web.port"));
        }
        host("web.bind");
        if (!get("web.base").isEmpty() && !get("web.base").matches("(/[A-Za-z0-9._~-]+)+/?")) {
            throw new ConfigException("web.base: must be empty or a path like /vigie, got " + get("web.base"));
        }
        positive("web.clients");
        for (String h : list("web.hosts")) {
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                throw new ConfigException("web.hosts: host names separated by commas (no port, no scheme), got " + h);
            }
        }
        bool("irc.allow-plaintext-auth");
        positive("irc.queue.high");
        positive("irc.high.share");
        positive("cmd.queue");
        nonNegative("hook.stale");
        try {
            java.time.ZoneId.of(get("report.zone"));
        } catch (java.time.DateTimeException e) {
            throw new ConfigException("report.zone: not a time zone (Europe/Paris, UTC…), got " + get("report.zone"));
        }
        bool("wiki.liftwing");
        bool("engine.inline");
        url("wiki.liftwing.url");
        positive("wiki.liftwing.wait");
        positive("wiki.liftwing.timeout");
        positive("wiki.liftwing.concurrency");
        positive("wiki.liftwing.perminute");
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
            org.vigie.irc.SenderMask.parse(get(key));
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
