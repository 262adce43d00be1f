package org.vigie.web;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.vigie.feed.FeedStats;
import org.vigie.patrol.Event;

/**
 * {@code /metrics} through the Prometheus Java client: one registry of this instance, whose metrics read the bot's
 * counters when scraped (callbacks: nothing is counted twice and the patrol thread does no extra work), plus the
 * client's JVM metrics. Labels: {@code source} (feed), {@code wiki} and {@code event} (alerts), {@code channel}
 * (outbox), {@code list} (lists).
 */
final class WebMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final WebSource source;
    private final LiveAlerts alerts;
    /** The status read once per scrape, shared by every callback of that scrape. */
    private WebSource.Status current;

    WebMetrics(WebSource source, LiveAlerts alerts, boolean jvm) {
        this.source = source;
        this.alerts = alerts;
        gauge("vigie_build_info", "Vigie's version", cb -> cb.call(1, current.version()), "version");
        gauge("vigie_uptime_seconds", "Time since start", cb -> cb.call(current.uptimeMillis() / 1000.0));
        gauge("vigie_feed_connected", "1 when the feed is connected", cb -> {
            for (FeedStats f : current.feeds()) {
                cb.call(f.connected() ? 1 : 0, f.name());
            }
        }, "source");
        gauge("vigie_feed_last_line_age_seconds", "Seconds since the feed's last line (-1: none yet)", cb -> {
            long now = System.currentTimeMillis();
            for (FeedStats f : current.feeds()) {
                cb.call(f.lastLineMillis() == 0 ? -1 : Math.max(0, now - f.lastLineMillis()) / 1000.0, f.name());
            }
        }, "source");
        counter("vigie_feed_lines_total", "Lines received from the feed", cb -> {
            for (FeedStats f : current.feeds()) {
                cb.call(f.lines(), f.name());
            }
        }, "source");
        counter("vigie_feed_skipped_total", "Feed lines that could not be read", cb -> {
            for (FeedStats f : current.feeds()) {
                cb.call(f.skipped(), f.name());
            }
        }, "source");
        counter("vigie_feed_dropped_total", "Changes dropped because the engine's queue was full", cb -> {
            for (FeedStats f : current.feeds()) {
                cb.call(f.dropped(), f.name());
            }
        }, "source");
        counter("vigie_feed_reconnects_total", "Reconnections of the feed", cb -> {
            for (FeedStats f : current.feeds()) {
                cb.call(f.reconnects(), f.name());
            }
        }, "source");
        for (String name : WebSource.FEED_COUNTERS) {
            counter("vigie_feed_" + name + "_total", "IRC feed: " + name.replace('_', ' '), cb -> {
                for (Map.Entry<String, Map<String, Long>> f : current.feedCounters().entrySet()) {
                    Long n = f.getValue().get(name);
                    if (n != null) {
                        cb.call(n, f.getKey());
                    }
                }
            }, "source");
        }
        counter("vigie_changes_total", "Changes run through the patrol", cb -> cb.call(current.changes()));
        counter("vigie_events_total", "Changes that raised each event, routed to a channel or not", cb -> {
            for (Map.Entry<String, Long> e : current.eventsRaised().entrySet()) {
                cb.call(e.getValue(), e.getKey());
            }
        }, "event");
        gauge("vigie_queue_depth", "Changes waiting for the patrol thread", cb -> cb.call(current.queueDepth()));
        counter("vigie_queue_dropped_total", "Changes dropped at the patrol's queue",
                cb -> cb.call(current.queueDropped()));
        counter("vigie_alerts_total", "Changes that alerted, by wiki and raised event", cb -> {
            for (Map.Entry<String, Map<Event, Long>> w : alerts.countsByWiki().entrySet()) {
                for (Map.Entry<Event, Long> e : w.getValue().entrySet()) {
                    cb.call(e.getValue(), w.getKey(), e.getKey().key());
                }
            }
        }, "wiki", "event");
        gauge("vigie_network_connected", "1 when the IRC network connection is up",
                cb -> cb.call(current.networkConnected() ? 1 : 0));
        counter("vigie_outbox_sent_total", "Lines sent on the IRC network", cb -> cb.call(current.outboxSent()));
        counter("vigie_outbox_dropped_total", "Alert lines dropped by the outbox (stale or queue full)",
                cb -> cb.call(current.outboxDropped()));
        counter("vigie_outbox_dropped_stale_total", "Alert lines dropped because they went stale while waiting",
                cb -> cb.call(current.outboxStaleDropped()));
        counter("vigie_outbox_dropped_full_total", "Lines refused because their lane of the outbox was full",
                cb -> cb.call(current.outboxFullDropped()));
        counter("vigie_outbox_coalesced_total", "Alerts counted into one line instead of sent (repeated editor)",
                cb -> cb.call(current.outboxCoalesced()));
        counter("vigie_outbox_public_dropped_total", "Answers to non-operators dropped (their lane was full)",
                cb -> cb.call(current.outboxPublicDropped()));
        counter("vigie_commands_whois_total", "WHOIS asked to learn who sent a command",
                cb -> cb.call(current.commandsWhois()));
        counter("vigie_commands_ignored_total", "Commands from people without access to them",
                cb -> cb.call(current.commandsIgnored()));
        counter("vigie_commands_queue_full_total", "Commands dropped: too many of the sender's waiting",
                cb -> cb.call(current.commandsQueueFull()));
        gauge("vigie_outbox_depth", "Lines waiting in the outbox, by channel", cb -> {
            for (Map.Entry<String, Integer> e : current.outboxDepth().entrySet()) {
                cb.call(e.getValue(), e.getKey());
            }
        }, "channel");
        gauge("vigie_hook_queued", "Alerts waiting for a webhook", cb -> {
            for (WebSource.Hook h : current.hooks()) {
                cb.call(h.queued(), h.name());
            }
        }, "hook");
        counter("vigie_hook_sent_total", "Alerts a webhook's platform accepted", cb -> {
            for (WebSource.Hook h : current.hooks()) {
                cb.call(h.sent(), h.name());
            }
        }, "hook");
        counter("vigie_hook_retried_total", "Webhook requests tried again later", cb -> {
            for (WebSource.Hook h : current.hooks()) {
                cb.call(h.retried(), h.name());
            }
        }, "hook");
        counter("vigie_hook_dropped_total", "Alerts a webhook gave up, by reason", cb -> {
            for (WebSource.Hook h : current.hooks()) {
                for (Map.Entry<String, Long> d : h.dropped().entrySet()) {
                    cb.call(d.getValue(), h.name(), d.getKey());
                }
            }
        }, "hook", "reason");
        gauge("vigie_hook_oldest_age_seconds", "Age of the oldest alert waiting for a webhook (0: none)", cb -> {
            for (WebSource.Hook h : current.hooks()) {
                cb.call(h.oldestAgeMillis() / 1000.0, h.name());
            }
        }, "hook");
        gauge("vigie_quiet_all", "1 while quietall is in force", cb -> cb.call(current.quietAll() ? 1 : 0));
        gauge("vigie_quiet_channels", "Channels made quiet one by one", cb -> cb.call(current.quietChannels().size()));
        gauge("vigie_list_entries", "Entries held, by list", cb -> {
            for (Map.Entry<String, Long> e : current.listSizes().entrySet()) {
                cb.call(e.getValue(), e.getKey());
            }
        }, "list");
        gauge("vigie_database_bytes", "Size of the database file (-1: unknown)", cb -> cb.call(current.databaseBytes()));
        gauge("vigie_web_viewers", "Live pages connected", cb -> cb.call(alerts.viewers()));
        counter("vigie_web_refused_total", "Live pages refused because web.clients were connected",
                cb -> cb.call(alerts.refused()));
        counter("vigie_web_dropped_total", "Alerts a live page missed (slow viewer or full buffer)",
                cb -> cb.call(alerts.dropped()));
        this.jvmPending = jvm;
    }

    /**
     * Whether the JVM's own metrics still wait for the first scrape: they are registered then, not at start — their
     * collectors load some 300 classes (Prometheus' JVM instrumentation, JMX, the platform MBeans) and a few MB that a
     * bot nobody scrapes would carry for nothing.
     */
    private boolean jvmPending;

    private void gauge(String name, String help, java.util.function.Consumer<GaugeWithCallback.Callback> cb,
                       String... labels) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels).callback(cb).register(registry);
    }

    private void counter(String name, String help, java.util.function.Consumer<CounterWithCallback.Callback> cb,
                         String... labels) {
        CounterWithCallback.builder().name(name).help(help).labelNames(labels).callback(cb).register(registry);
    }

    /** A scrape in the format the scraper asks for (the Prometheus text format by default). */
    synchronized Scrape scrape(String accept) throws IOException {
        if (jvmPending) {
            jvmPending = false;
            JvmMetrics.builder().register(registry);
        }
        current = source.status();
        try {
            ExpositionFormatWriter w = formats.findWriter(accept);
            ByteArrayOutputStream out = new ByteArrayOutputStream(32_768);
            w.write(out, registry.scrape());
            return new Scrape(w.getContentType(), out.toByteArray());
        } finally {
            current = null;
        }
    }

    record Scrape(String contentType, byte[] body) {
    }
}
