package org.vigie.service;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.alert.Destination;
import org.vigie.alert.Dispatcher;
import org.vigie.alert.Priority;
import org.vigie.command.BotPort.CommandMode;
import org.vigie.command.BotPort.DestFlag;
import org.vigie.command.BotPort.Subscription;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.irc.IrcConnection;
import org.vigie.patrol.Event;
import org.vigie.store.ConfigStore;
import org.vigie.store.StoreException;

/**
 * The destination table: its changes (stored, then followed by JOIN and PART on the network), quiet and speak, and
 * which channels hear commands. The dispatcher's monitor is held between a change and its commit, as the audit
 * follower holds it when it reloads the table.
 */
public final class DestinationService {

    private final Dispatcher dispatcher;
    private final ConfigStore configStore;
    private final Hooks hooks;
    private final Templates templates;
    private final Live live;
    private final String control;

    public DestinationService(Dispatcher dispatcher, ConfigStore configStore, Hooks hooks, Templates templates,
                              Live live, String control) {
        this.dispatcher = dispatcher;
        this.configStore = configStore;
        this.hooks = hooks;
        this.templates = templates;
        this.live = live;
        this.control = control;
    }

    public CommandMode commandMode(String channel) {
        if (channel == null) {
            return CommandMode.LOUD;
        }
        if (Destination.key(channel).equals(Destination.key(control))) {
            return CommandMode.LOUD;
        }
        if (dispatcher.hearsCommands(channel)) {
            return dispatcher.commandsSilent(channel) ? CommandMode.SILENT : CommandMode.LOUD;
        }
        return CommandMode.NONE;
    }

    /** The channels to join at connection: the control channel, then every destination that is a channel. */
    public List<String> channelsToJoin() {
        Set<String> channels = new java.util.LinkedHashSet<>();
        channels.add(control);
        for (Destination d : dispatcher.list()) {
            if (d.isJoined()) {
                channels.add(d.channel());
            }
        }
        return new ArrayList<>(channels);
    }

    public List<Subscription> destList() {
        List<Subscription> out = new ArrayList<>();
        for (Destination d : dispatcher.list()) {
            out.add(subscription(d));
        }
        return out;
    }

    static Subscription subscription(Destination d) {
        Set<Event> events = EnumSet.noneOf(Event.class);
        for (Event e : Event.values()) {
            if ((d.events() & e.bit()) != 0) {
                events.add(e);
            }
        }
        Set<DestFlag> flags = EnumSet.noneOf(DestFlag.class);
        for (DestFlag f : DestFlag.values()) {
            if (d.flags().contains(f.flag())) {
                flags.add(f);
            }
        }
        List<String> values = new ArrayList<>(2);
        if (d.minScore() > 0) {
            values.add(Destination.SCORE_WORD + d.minScore());
        }
        if (d.repeatMinutes() >= 0) {
            values.add(Destination.REPEAT_WORD + d.repeatMinutes());
        }
        return new Subscription(d.channel(), events, flags, values);
    }

    static String spec(Set<Event> events, Set<DestFlag> flags) {
        List<String> words = new ArrayList<>();
        events.forEach(e -> words.add(e.key()));
        flags.forEach(f -> words.add(f.key()));
        return String.join(",", words);
    }

    static String spec(Set<Event> events, Set<DestFlag> flags, List<String> values) {
        String s = spec(events, flags);
        return values.isEmpty() ? s : s.isEmpty() ? String.join(",", values) : s + "," + String.join(",", values);
    }

    /**
     * Applies a change to the table, stores what now differs from the stored table, and rolls memory back if storing
     * fails. Compared with the stored table rather than with memory: while nothing is stored, the default channel
     * (irc.alerts) lives in memory only, and once any destination is stored the stored table is the whole truth, so the
     * first change must store the default channel too, or the next reload (the audit follower, a restart) drops it.
     * Holds the dispatcher's monitor, as the audit follower does when it reloads the table.
     */
    void persist(Caller by, Runnable change) throws PortException {
        synchronized (dispatcher) {
            Map<String, String> before = dispatcher.specs();
            try {
                change.run();
            } catch (IllegalArgumentException e) {
                throw new PortException(e.getMessage(), e);
            }
            Map<String, String> after = dispatcher.specs();
            try {
                Map<String, String> stored = new HashMap<>();     // key -> spec
                Map<String, String> storedNames = new HashMap<>(); // key -> channel as stored
                configStore.loadDestinations().forEach((ch, spec) -> {
                    stored.put(Destination.key(ch), spec);
                    storedNames.put(Destination.key(ch), ch);
                });
                Set<String> kept = new HashSet<>();
                for (Map.Entry<String, String> e : after.entrySet()) {
                    String key = Destination.key(e.getKey());
                    kept.add(key);
                    if (!e.getValue().equals(stored.get(key))) {
                        configStore.saveDestination(e.getKey(), e.getValue(), ListService.actor(by));
                    }
                }
                for (Map.Entry<String, String> e : storedNames.entrySet()) {
                    if (!kept.contains(e.getKey())) {
                        configStore.deleteDestination(e.getValue(), ListService.actor(by));
                    }
                }
            } catch (StoreException e) {
                dispatcher.load(before);
                throw Failures.notStored(templates, e);
            } catch (IllegalArgumentException e) {
                dispatcher.load(before);
                throw new PortException(e.getMessage(), e);
            }
            followTable(before, after);
        }
    }

    /** The stored table again (another instance changed it): loaded, then followed by JOIN and PART. */
    public void reload() {
        synchronized (dispatcher) {      // as a dest command does, between its change and its commit
            Map<String, String> before = dispatcher.specs();
            dispatcher.load(configStore.loadDestinations());
            followTable(before, dispatcher.specs());
        }
    }

    /** Joins the channels that became destinations and parts those that stopped being one. */
    private void followTable(Map<String, String> before, Map<String, String> after) {
        Set<String> was = new HashSet<>();
        before.keySet().forEach(c -> was.add(Destination.key(c)));
        Set<String> is = new HashSet<>();
        after.keySet().forEach(c -> is.add(Destination.key(c)));
        for (String ch : after.keySet()) {
            if (!was.contains(Destination.key(ch))) {
                join(ch);
            }
        }
        for (String ch : before.keySet()) {
            if (!is.contains(Destination.key(ch))) {
                part(ch);
            }
        }
    }

    /** Joins a channel that became a destination (not a preset, not a webhook). */
    private void join(String channel) {
        IrcConnection network = live.network();
        if (network != null && !channel.startsWith("!") && !Destination.isHook(channel)) {
            network.join(channel);
        }
    }

    /** Parts a channel that stopped being a destination, unless it is the control channel (or a webhook). */
    private void part(String channel) {
        IrcConnection network = live.network();
        if (network != null && !Destination.isHook(channel)
                && !Destination.key(channel).equals(Destination.key(control))) {
            network.part(channel);
        }
    }

    /** With the spec's value words ({@code score=N}, {@code repeat=N}; may be empty). */
    public Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, List<String> values,
                                boolean announce, Caller by) throws PortException {
        if (Destination.isHook(channel) && hooks.get(Destination.hookName(channel)) == null) {
            throw new PortException(templates.render("dest.nohook", "name", Destination.hookName(channel)));
        }
        persist(by, () -> dispatcher.add(channel, spec(events, flags, values)));
        Destination d = dispatcher.get(channel);
        IrcConnection network = live.network();
        if (announce && d != null && d.isJoined() && network != null) {
            network.outbox().send(Priority.REPLY, channel,
                    templates.render("dest.announce", "nick", by.nick(), "spec", d.spec()));
        }
        return d == null ? new Subscription(channel, Set.of(), Set.of()) : subscription(d);
    }

    /** With value words: each lifts the channel's own value ({@code score=N}: no threshold; {@code repeat=N}: the
     * config item's window). */
    public Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, List<String> values, Caller by)
            throws PortException {
        if (dispatcher.get(channel) == null) {
            throw new PortException(templates.render("dest.unknown", "channel", channel));
        }
        String spec = events.size() == Event.values().length && flags.isEmpty() && values.isEmpty() ? "all"
                : spec(events, flags, values);
        persist(by, () -> dispatcher.remove(channel, spec));
        Destination d = dispatcher.get(channel);
        return d == null ? new Subscription(channel, Set.of(), Set.of()) : subscription(d);
    }

    public void destSwap(String a, String b, Caller by) throws PortException {
        persist(by, () -> {
            if (!dispatcher.swap(a, b)) {
                throw new IllegalArgumentException(templates.render("dest.unknown", "channel", a + " / " + b));
            }
        });
    }

    public Subscription destSet(String dest, String source, Caller by) throws PortException {
        persist(by, () -> {
            if (dispatcher.set(dest, source) == null) {
                throw new IllegalArgumentException(templates.render("dest.unknown", "channel", source));
            }
        });
        return subscription(dispatcher.get(dest));
    }

    /** Removes a webhook's destination, if it has one (before the webhook itself is deleted). */
    void removeHook(String target, Caller by) throws PortException {
        if (dispatcher.get(target) != null) {
            persist(by, () -> dispatcher.remove(target, "all"));
        }
    }

    public void quiet(String channel, Caller by) {
        if (channel == null) {
            dispatcher.quietAll();
        } else {
            dispatcher.quiet(channel);
        }
    }

    public void quietAll(String text, Caller by) {
        dispatcher.quietAll();
        IrcConnection network = live.network();
        if (text != null && !text.isBlank() && network != null) {
            for (Destination d : dispatcher.list()) {
                if (d.isJoined()) {
                    network.outbox().send(Priority.REPLY, d.channel(), text);
                }
            }
        }
    }

    public void speak(String channel, Caller by) {
        if (channel == null) {
            dispatcher.speakAll();
        } else {
            dispatcher.speak(channel);
        }
    }

    public boolean isQuiet(String channel) {
        return dispatcher.isQuietAll() || channel != null && dispatcher.isQuiet(channel);
    }

    /** The channels made quiet one by one. */
    public List<String> quietChannels() {
        List<String> quiet = new ArrayList<>();
        for (Destination d : dispatcher.list()) {
            if (dispatcher.isQuiet(d.channel())) {
                quiet.add(d.channel());
            }
        }
        return quiet;
    }

    public boolean isQuietAll() {
        return dispatcher.isQuietAll();
    }
}
