package org.vigie.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigie.alert.Destination;
import org.vigie.patrol.Event;

/**
 * The destination table: which channel, or which webhook ({@code hook:NAME}, see {@link HookCommands}), receives which
 * events. A channel written with a leading {@code !}
 * ({@code dest add !#chan black}) is a preset: nothing is announced in that channel. Events may be separated by
 * commas or spaces, and mixed with the flags {@code cmds}, {@code cmdsq}, {@code -admin}, {@code -white}, {@code -bot}
 * and the value words {@code score=N} (threshold) and {@code repeat=N} (one alert per editor per N minutes).
 */
public final class DestCommands {

    private static final Pattern CHANNEL = Pattern.compile("[#&][^\\s,\\x07\\x00-\\x1f]{1,49}");

    private DestCommands() {
    }

    private static final Pattern HOOK = Pattern.compile("(?i)hook:[a-z0-9][a-z0-9_-]{0,31}");

    /** A channel name as typed, checked; {@code null} when it is not one. */
    static String channel(String raw) {
        String c = raw.startsWith("!") ? raw.substring(1) : raw;
        return CHANNEL.matcher(c).matches() ? c : null;
    }

    /**
     * A destination's target as typed: a channel (see {@link #channel}) or a webhook, {@code hook:NAME} (written in
     * lower case); {@code null} when it is neither.
     */
    static String target(String raw) {
        if (HOOK.matcher(raw).matches()) {
            return raw.toLowerCase(java.util.Locale.ROOT);
        }
        return channel(raw);
    }

    private static String channelArg(Invocation inv, int i) throws UsageException {
        String c = target(inv.args().word(i));
        if (c == null) {
            throw new UsageException("cmd.why.channel", "value", inv.args().word(i));
        }
        return c;
    }

    private record Words(Set<Event> events, Set<BotPort.DestFlag> flags, List<String> values) {
    }

    private static Words words(String text) throws UsageException {
        Set<Event> events = EnumSet.noneOf(Event.class);
        Set<BotPort.DestFlag> flags = EnumSet.noneOf(BotPort.DestFlag.class);
        List<String> values = new ArrayList<>(2);
        for (String w : text.split("[,\\s]+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (w.equalsIgnoreCase("all")) {
                events.addAll(EnumSet.allOf(Event.class));
                continue;
            }
            if (w.indexOf('=') > 0) {
                // score=N, repeat=N: checked by the destination table's own parser
                try {
                    Destination.parse("#x", w);
                    values.add(w.toLowerCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException bad) {
                    throw new UsageException("cmd.why.event", "value", w);
                }
                continue;
            }
            Event e = Event.fromKey(w);
            BotPort.DestFlag f = e == null ? BotPort.DestFlag.fromKey(w) : null;
            if (e != null) {
                events.add(e);
            } else if (f != null) {
                flags.add(f);
            } else {
                throw new UsageException("cmd.why.event", "value", w);
            }
        }
        if (events.isEmpty() && flags.isEmpty() && values.isEmpty()) {
            throw new UsageException(null);
        }
        return new Words(events, flags, values);
    }

    static String describe(BotPort.Subscription s) {
        List<String> w = new ArrayList<>();
        for (Event e : Event.values()) {
            if (s.events().contains(e)) {
                w.add(e.key());
            }
        }
        for (BotPort.DestFlag f : BotPort.DestFlag.values()) {
            if (s.flags().contains(f)) {
                w.add(f.key());
            }
        }
        w.addAll(s.values());
        return String.join(",", w);
    }

    private static Optional<BotPort.Subscription> current(Invocation inv, String channel) {
        return inv.port().destList().stream().filter(s -> s.channel().equalsIgnoreCase(channel)).findFirst();
    }

    public static void add(Invocation inv) throws PortException, UsageException {
        String raw = inv.args().word(0);
        String chan = channelArg(inv, 0);
        Words w = words(inv.args().word(1));
        BotPort.Subscription s = inv.port().destAdd(chan, w.events(), w.flags(), w.values(), !raw.startsWith("!"),
                inv.caller());
        inv.out().ack("cmd.dest.now", "chan", chan, "events", describe(s));
    }

    public static void del(Invocation inv) throws PortException, UsageException {
        String chan = channelArg(inv, 0);
        Words w = words(inv.args().word(1));
        if (current(inv, chan).isEmpty()) {
            inv.out().error("cmd.dest.unknown", "chan", chan);
            return;
        }
        BotPort.Subscription s = inv.port().destDel(chan, w.events(), w.flags(), w.values(), inv.caller());
        if (s.isEmpty()) {
            inv.out().ack("cmd.dest.removed", "chan", chan);
        } else {
            inv.out().ack("cmd.dest.now", "chan", chan, "events", describe(s));
        }
    }

    public static void swap(Invocation inv) throws PortException, UsageException {
        String a = channelArg(inv, 0);
        String b = channelArg(inv, 1);
        if (a.equalsIgnoreCase(b)) {
            throw new UsageException("cmd.why.same");
        }
        if (current(inv, a).isEmpty() && current(inv, b).isEmpty()) {
            inv.out().error("cmd.dest.unknown", "chan", a + ", " + b);
            return;
        }
        inv.port().destSwap(a, b, inv.caller());
        inv.out().ack("cmd.dest.swapped", "a", a, "b", b);
    }

    public static void set(Invocation inv) throws PortException, UsageException {
        String dest = channelArg(inv, 0);
        String source = channelArg(inv, 1);
        if (dest.equalsIgnoreCase(source)) {
            throw new UsageException("cmd.why.same");
        }
        if (current(inv, source).isEmpty()) {
            inv.out().error("cmd.dest.unknown", "chan", source);
            return;
        }
        BotPort.Subscription s = inv.port().destSet(dest, source, inv.caller());
        inv.out().ack("cmd.dest.copied", "chan", dest, "source", source, "events", describe(s));
    }

    public static void list(Invocation inv) {
        List<String> items = new ArrayList<>();
        for (BotPort.Subscription s : inv.port().destList()) {
            items.add(inv.t().render("cmd.dest.item", "chan", s.channel(), "events", describe(s)));
        }
        if (items.isEmpty()) {
            inv.out().answer("cmd.dest.none");
        } else {
            inv.out().answerLines(Text.pack(inv.t().render("cmd.dest.list"), items, inv.t().render("cmd.separator")));
        }
    }
}
