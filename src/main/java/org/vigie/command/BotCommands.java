package org.vigie.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.vigie.feed.FeedStats;

/** The bot itself: {@code status}, {@code info}, {@code reader}, quiet and speak, plugins, {@code bcl}, {@code shutdown}. */
public final class BotCommands {

    private static final Pattern PLUGIN = Pattern.compile("[A-Za-z0-9_.$-]{1,100}");

    private BotCommands() {
    }

    public static void status(Invocation inv) {
        BotPort.Status s = inv.port().status();
        long now = inv.now();
        List<String> feeds = new ArrayList<>();
        for (FeedStats f : s.feeds()) {
            feeds.add(inv.t().render("cmd.status.feed", "name", f.name(), "state", feedState(inv, f),
                    "age", age(inv, f, now)));
        }
        List<String> alertChannels = alertChannels(inv);
        String quiet = s.quietAll() ? inv.t().render(alertChannels.isEmpty() ? "cmd.status.quietall"
                        : "cmd.status.quietall.named", "channels", String.join(", ", alertChannels))
                : s.quietChannels().isEmpty() ? inv.t().render("cmd.status.noquiet")
                : String.join(", ", s.quietChannels());
        inv.out().answer("cmd.status", "feeds", feeds.isEmpty() ? inv.t().render("cmd.status.nofeed")
                        : String.join(", ", feeds),
                "changes", Text.count(inv.t(), "cmd.count.changes", s.changesSeen()),
                "sent", Text.count(inv.t(), "cmd.count.sent", s.alertsSent()),
                "dropped", Text.count(inv.t(), "cmd.count.dropped", s.alertsDropped()),
                "drops", inv.t().render("cmd.status.drops", "stale", s.drops().stale(), "full", s.drops().full(),
                        "coalesced", s.drops().coalesced()),
                "queue", Text.count(inv.t(), "cmd.count.waiting", s.queueDepth()), "quiet", quiet,
                "uptime", Text.duration(inv.t(), s.uptimeMillis()),
                "api", inv.t().render("cmd.api." + s.wikiApi().name().toLowerCase(Locale.ROOT)));
        List<BotPort.HookInfo> hooks = inv.port().hooks();
        if (!hooks.isEmpty()) {
            List<String> items = new ArrayList<>();
            for (BotPort.HookInfo h : hooks) {
                items.add(HookCommands.item(inv, h, false));
            }
            inv.out().answerLines(Text.pack(inv.t().render("cmd.status.hooks"), items,
                    inv.t().render("cmd.separator")));
        }
        java.util.Map<String, Long> rates = inv.port().alertsLastHour();
        if (!rates.isEmpty()) {
            List<String> each = new ArrayList<>();
            rates.forEach((chan, n) -> each.add(inv.t().render("cmd.status.rate", "chan", chan, "rate", n)));
            inv.out().answer("cmd.status.rates", "rates", String.join(", ", each));
        }
        java.util.Map<String, Long> held = inv.port().repeatsHeld();
        if (!held.isEmpty()) {
            List<String> each = new ArrayList<>();
            held.forEach((chan, n) -> each.add(inv.t().render("cmd.status.rate", "chan", chan, "rate", n)));
            inv.out().answer("cmd.status.repeats", "held", String.join(", ", each));
        }
    }

    private static String feedState(Invocation inv, FeedStats f) {
        return inv.t().render(f.connected() ? "cmd.feed.connected" : "cmd.feed.disconnected");
    }

    private static String age(Invocation inv, FeedStats f, long now) {
        return f.lines() == 0 || f.lastLineMillis() <= 0 ? inv.t().render("cmd.feed.never")
                : inv.t().render("cmd.feed.ago", "age", Text.duration(inv.t(), now - f.lastLineMillis()));
    }

    public static void info(Invocation inv) {
        BotPort.Info i = inv.port().info();
        inv.out().answer("cmd.info", "nick", inv.port().botNick(), "version", i.version(), "owner", i.owner(),
                "source", i.sourceUrl());
    }

    public static void reader(Invocation inv) {
        List<FeedStats> feeds = inv.port().status().feeds();
        if (feeds.isEmpty()) {
            inv.out().answer("cmd.reader.none");
        }
        long now = inv.now();
        for (FeedStats f : feeds) {
            inv.out().answer("cmd.reader.feed", "name", f.name(), "state", feedState(inv, f), "age", age(inv, f, now),
                    "lines", Text.count(inv.t(), "cmd.count.lines", f.lines()),
                    "parsed", Text.count(inv.t(), "cmd.count.changes", f.parsed()),
                    "skipped", Text.count(inv.t(), "cmd.count.unreadable", f.skipped()),
                    "dropped", Text.count(inv.t(), "cmd.count.dropped", f.dropped()),
                    "reconnects", Text.count(inv.t(), "cmd.count.reconnects", f.reconnects()));
        }
    }

    public static void readerReset(Invocation inv) throws PortException {
        inv.port().readerReset(inv.caller());
        inv.out().ack("cmd.reader.reset");
    }

    /**
     * {@code quiet} alone works on the channel it is said in; in a private message it needs a channel. Said alone in a
     * channel that receives no alerts (the control channel, usually), it silences every channel that does, as a
     * patroller used to CVUBot expects when the bot spams.
     */
    public static void quiet(Invocation inv) throws UsageException {
        String chan = channelOrHere(inv);
        if (inv.args().size() == 0) {
            List<String> alertChannels = alertChannels(inv);
            if (!alertChannels.contains(chan) && !alertChannels.isEmpty()) {
                for (String c : alertChannels) {
                    inv.port().quiet(c, inv.caller());
                }
                inv.out().ack("cmd.quiet.alerts", "chan", chan, "channels", String.join(", ", alertChannels));
                return;
            }
        }
        inv.port().quiet(chan, inv.caller());
        inv.out().ack("cmd.quiet", "chan", chan);
    }

    /** The destination channels that receive at least one event. */
    private static List<String> alertChannels(Invocation inv) {
        List<String> out = new ArrayList<>();
        for (BotPort.Subscription s : inv.port().destList()) {
            if (!s.events().isEmpty()) {
                out.add(s.channel());
            }
        }
        return out;
    }

    public static void quietAll(Invocation inv) {
        String text = inv.args().size() > 0 ? inv.args().word(0) : "";
        inv.port().quietAll(text, inv.caller());
        inv.out().ack("cmd.quietall");
    }

    /** {@code speak} alone lifts every quiet (quietall and each channel); {@code speak #chan} one channel. */
    public static void speak(Invocation inv) throws UsageException {
        if (inv.args().size() == 0) {
            inv.port().speak(null, inv.caller());
            inv.out().ack("cmd.speak.all");
            return;
        }
        String chan = DestCommands.target(inv.args().word(0));
        if (chan == null) {
            throw new UsageException("cmd.why.channel", "value", inv.args().word(0));
        }
        inv.port().speak(chan, inv.caller());
        inv.out().ack("cmd.speak", "chan", chan);
    }

    private static String channelOrHere(Invocation inv) throws UsageException {
        if (inv.args().size() > 0) {
            String chan = DestCommands.target(inv.args().word(0));
            if (chan == null) {
                throw new UsageException("cmd.why.channel", "value", inv.args().word(0));
            }
            return chan;
        }
        if (inv.caller().isPrivate()) {
            throw new UsageException("cmd.why.which");
        }
        return inv.caller().channel();
    }

    public static void blockConflicts(Invocation inv) {
        List<BotPort.BlockConflict> list = inv.port().blockConflicts(5);
        if (list.isEmpty()) {
            inv.out().answer("cmd.bcl.none");
        }
        for (BotPort.BlockConflict c : list) {
            inv.out().answer("cmd.bcl.item", "time", Text.time(c.atMillis()), "wiki", c.wiki(), "target", c.target(),
                    "first", c.firstAdmin(), "firstblock", c.firstBlock(), "second", c.secondAdmin(),
                    "secondblock", c.secondBlock());
        }
    }

    public static void pluginList(Invocation inv) {
        List<String> items = new ArrayList<>();
        for (BotPort.Plugin p : inv.port().plugins()) {
            items.add(inv.t().render(p.loaded() ? "cmd.plugin.loaded" : "cmd.plugin.available", "name", p.name()));
        }
        if (items.isEmpty()) {
            inv.out().answer("cmd.plugin.none");
        } else {
            inv.out().answerLines(Text.pack(inv.t().render("cmd.plugin.list"), items, ", "));
        }
    }

    private static String pluginName(Invocation inv) throws UsageException {
        String n = inv.args().word(0);
        if (!PLUGIN.matcher(n).matches()) {
            throw new UsageException("cmd.why.plugin", "value", n);
        }
        return n;
    }

    public static void pluginLoad(Invocation inv) throws PortException, UsageException {
        String n = pluginName(inv);
        inv.port().pluginLoad(n, inv.caller());
        inv.out().ack("cmd.plugin.didload", "name", n);
    }

    public static void pluginReload(Invocation inv) throws PortException, UsageException {
        String n = pluginName(inv);
        inv.port().pluginReload(n, inv.caller());
        inv.out().ack("cmd.plugin.didreload", "name", n);
    }

    public static void pluginUnload(Invocation inv) throws PortException, UsageException {
        String n = pluginName(inv);
        inv.port().pluginUnload(n, inv.caller());
        inv.out().ack("cmd.plugin.didunload", "name", n);
    }

    /** Answers first: once the port has stopped the bot, nothing more can be sent. */
    public static void shutdown(Invocation inv) {
        inv.out().ack("cmd.shutdown", "nick", inv.caller().nick());
        inv.port().shutdown(inv.caller());
    }
}
