package org.vigie.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.config.BotConfig;
import org.vigie.feed.Feed;
import org.vigie.source.IrcFeed;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcLineParser;
import org.vigie.source.StreamFeed;
import org.vigie.feed.StreamParser;
import org.vigie.i18n.Templates;
import org.vigie.irc.ConnectionSettings;
import org.vigie.irc.IrcConnection;
import org.vigie.irc.IrcHandler;
import org.vigie.irc.Outbox;
import org.vigie.irc.OutboxSettings;
import org.vigie.store.ConfigStore;
import org.vigie.wiki.WikiApi;

/** The network connection and the feed, as bot.properties describes them. */
public final class Connections {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    /** The keys that place the bot on a network; all four left at their shipped values means "not configured". */
    public static final List<String> NETWORK_KEYS = List.of("irc.host", "irc.nick", "irc.control", "irc.alerts");

    private Connections() {
    }

    /**
     * One line for a newcomer whose bot.properties still names the shipped example network, nick and channels (the
     * bot would join someone else's channels as someone else's nick), saying which keys to set; {@code null} once any
     * of them is the operator's own.
     */
    public static String networkHint(BotConfig c) {
        BotConfig shipped = BotConfig.defaults();
        List<String> values = new ArrayList<>();
        List<String> env = new ArrayList<>();
        for (String k : NETWORK_KEYS) {
            if (!c.get(k).equals(shipped.get(k))) {
                return null;
            }
            values.add(k + "=" + c.get(k));
            env.add("VIGIE_" + k.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return "network not configured: " + String.join(", ", values) + " are the shipped examples; set "
                + String.join(", ", NETWORK_KEYS) + " in bot.properties (or " + String.join(", ", env)
                + ") to your network, your bot's nick, your control channel and your alert channel";
    }

    /** The user agent sent to Wikimedia: the version and whom to contact ({@code owner}). */
    public static String userAgent(BotConfig config, String version) {
        return WikiApi.userAgent(version, config.get("owner").isEmpty() ? "no owner set" : config.get("owner"));
    }

    private static OutboxSettings outboxSettings(BotConfig config) {
        int rate = config.integer("irc.rate");
        return OutboxSettings.DEFAULT.withPace(config.integer("irc.burst"), rate)
                .withStaleMillis(config.integer("irc.stale") * 1000L)
                .withHigh(config.integer("irc.queue.high"), config.integer("irc.high.share"));
    }

    /**
     * The network connection, not yet started: joins these channels, and sends credentials only over TLS unless
     * {@code irc.allow-plaintext-auth} says otherwise.
     */
    public static IrcConnection network(BotConfig config, List<String> channels, IrcHandler handler,
                                        Templates templates) {
        ConnectionSettings cs = ConnectionSettings.of("network", config.get("irc.host"), config.integer("irc.port"),
                        config.get("irc.nick"))
                .withTls(config.bool("irc.tls"))
                .withChannels(new ArrayList<>(channels))
                .withWatchdog(config.integer("irc.watchdog") * 1000L,
                        Math.min(ConnectionSettings.DEFAULT_SOCKET_TIMEOUT_MILLIS, config.integer("irc.watchdog") * 500))
                .withOutbox(outboxSettings(config));
        boolean credentials = !config.get("irc.sasl.user").isEmpty() || !config.get("irc.password").isEmpty();
        boolean clear = !config.bool("irc.tls");
        if (credentials && clear && !config.bool("irc.allow-plaintext-auth")) {
            LOG.warn("irc.tls=false: the SASL and server passwords are NOT sent (they would cross the network in clear);"
                    + " use TLS, or set irc.allow-plaintext-auth=true for a local or trusted server");
        } else {
            if (credentials && clear) {
                LOG.warn("irc.allow-plaintext-auth=true: the SASL and server passwords go to {}:{} in clear",
                        config.get("irc.host"), config.get("irc.port"));
            }
            if (!config.get("irc.sasl.user").isEmpty()) {
                cs = cs.withSasl(config.get("irc.sasl.user"), config.get("irc.sasl.password"));
            }
            if (!config.get("irc.password").isEmpty()) {
                cs = cs.withServerPassword(config.get("irc.password"));
            }
        }
        IrcConnection network = new IrcConnection(cs, handler, Outbox.dropNote(templates));
        network.outbox().coalesceNote(Outbox.coalesceNote(templates));
        network.outbox().fullNote(Outbox.fullNote(templates));
        return network;
    }

    /** The feed, not yet started: EventStreams (its cursor kept in the stored configuration) or the IRC feed. */
    public static Feed feed(BotConfig config, LogTexts logTexts, ConfigStore configStore, Clock clock,
                            String version) {
        if ("eventstreams".equals(config.get("feed.source"))) {
            StreamParser parser = new StreamParser(logTexts);
            StreamFeed.Builder b = StreamFeed.builder(userAgent(config, version), parser::toEvent)
                    .url(config.get("feed.stream.url"))
                    .wikis(new LinkedHashSet<>(config.list("feed.wikis")))
                    .clock(clock)
                    .watchdog(Duration.ofSeconds(config.integer("feed.watchdog")))
                    .cursor(new StreamFeed.Cursor() {
                        @Override
                        public String load() {
                            return configStore.get("stream.cursor");
                        }

                        @Override
                        public void save(String id) {
                            configStore.put("stream.cursor", id);
                        }
                    });
            return b.build();
        }
        RcLineParser parser = new RcLineParser(logTexts);
        ConnectionSettings cs = ConnectionSettings.of("feed", config.get("feed.host"), config.integer("feed.port"),
                        config.get("feed.nick"))
                .withTls(config.bool("feed.tls"))
                .withChannels(config.list("feed.channels"))
                .withWatchdog(config.integer("feed.watchdog") * 1000L,
                        Math.min(ConnectionSettings.DEFAULT_SOCKET_TIMEOUT_MILLIS,
                                config.integer("feed.watchdog") * 500))
                .withOutbox(OutboxSettings.DEFAULT);
        return new IrcFeed(cs, config.get("feed.sender"), parser::parse).quickAck(config.bool("feed.quickack"));
    }
}
