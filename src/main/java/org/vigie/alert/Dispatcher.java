package org.vigie.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.patrol.Verdict;

/**
 * The destination table and the quiet switches: decides which channels get an alert for a verdict.
 *
 * <p>The patrol thread calls {@link #route} for every verdict; commands change the table from another thread. The
 * table is an immutable snapshot replaced as a whole (copy-on-write): the hot path reads one volatile field and never
 * locks. Writers are serialised by the object's monitor.
 *
 * <p>The default destination (from bot.properties: a channel with {@link #DEFAULT_SPEC}) fills the table when it
 * is empty: at start before anything is stored, and when {@link #load} finds no stored destination. Once operators
 * have stored any destination, the stored table is the whole truth.
 *
 * <p>Persistence is the caller's: after a change, store {@link #specs()} (channel → spec); at start, {@link #load}.
 */
public final class Dispatcher {

    /**
     * What the default channel takes: every event, changes scoring at least the threshold {@code quality} chose
     * ({@code threshold.default} in the jar's {@code score.properties}).
     */
    public static final String DEFAULT_SPEC = "all,-admin,-white,-bot,score="
            + org.vigie.score.ScoreWeights.defaults().defaultThreshold();

    private record Table(Map<String, Destination> byKey, Destination[] all) {
        static Table of(Map<String, Destination> byKey) {
            Destination[] all = byKey.values().toArray(new Destination[0]);
            java.util.Arrays.sort(all, Comparator.comparing(d -> Destination.key(d.channel())));
            return new Table(Map.copyOf(byKey), all);
        }
    }

    private final Destination defaultDestination;
    private final Repeats repeats = new Repeats();
    /** The repeat window of destinations without {@code repeat=N}, in milliseconds (config item repeatminutes). */
    private volatile java.util.function.LongSupplier repeatWindow = () -> org.vigie.config.ConfigItem.REPEATMINUTES
            .number(org.vigie.config.ConfigItem.REPEATMINUTES.defaultValue()) * 60_000L;
    private volatile Table table;
    private volatile Set<String> quiet = Set.of();
    private volatile boolean quietAll;

    /** @param defaultChannel the configured default channel, or {@code null}/blank for none */
    public Dispatcher(String defaultChannel) {
        this.defaultDestination = defaultChannel == null || defaultChannel.isBlank() ? null
                : Destination.parse(defaultChannel.strip(), DEFAULT_SPEC);
        this.table = defaultTable();
    }

    private Table defaultTable() {
        Map<String, Destination> m = new LinkedHashMap<>();
        if (defaultDestination != null) {
            m.put(Destination.key(defaultDestination.channel()), defaultDestination);
        }
        return Table.of(m);
    }

    /** The configured default destination, or {@code null}. */
    public Destination defaultDestination() {
        return defaultDestination;
    }

    /**
     * The destinations that take this verdict: each at most once, whatever the number of events the change raised;
     * none while {@code quietall} is on; quiet channels left out.
     */
    public List<Destination> route(Verdict v) {
        if (quietAll || v == null || !v.raisedAny()) {
            return List.of();
        }
        Set<String> q = quiet;
        List<Destination> out = null;
        for (Destination d : table.all) {
            if (d.takes(v) && (q.isEmpty() || !q.contains(Destination.key(d.channel())))) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(d);
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * The repeat window of destinations that set none ({@code repeat=N}), read at each delivery: the config item
     * {@code repeatminutes} as milliseconds; 0: every alert goes out.
     */
    public Dispatcher repeatWindow(java.util.function.LongSupplier millis) {
        this.repeatWindow = millis;
        return this;
    }

    /**
     * What is sent for this verdict now: the destinations that take it ({@link #route}) less those where the editor
     * was alerted within the channel's repeat window (counted there, see {@link Repeats}). Takes the mark: call it once
     * per delivery, when the alert goes out.
     */
    public List<Destination> deliver(Verdict v, long now) {
        return unrepeated(v, route(v), now);
    }

    /** {@link #deliver} for destinations already routed. */
    public List<Destination> unrepeated(Verdict v, List<Destination> routed, long now) {
        if (routed.isEmpty()) {
            return routed;
        }
        List<Destination> out = null;
        for (int i = 0, n = routed.size(); i < n; i++) {
            Destination d = routed.get(i);
            long window = d.repeatMinutes() >= 0 ? d.repeatMinutes() * 60_000L : repeatWindow.getAsLong();
            boolean pass = repeats.pass(d.channel(), v.change().wiki(), v.change().user(), d.events() & v.events(),
                    v.change().isLog(), now, window);
            if (!pass && out == null) {
                out = new ArrayList<>(routed.subList(0, i));
            } else if (pass && out != null) {
                out.add(d);
            }
        }
        return out == null ? routed : out;
    }

    /** Alerts held back as repeats since start, per channel ({@code status}). */
    public Map<String, Long> repeatsHeld() {
        return repeats.held();
    }

    // ------------------------------------------------------------------ commands on the table

    /** The destination of a channel, or {@code null}. */
    public Destination get(String channel) {
        return table.byKey.get(Destination.key(channel));
    }

    /** Every destination, sorted by channel. */
    public List<Destination> list() {
        return List.of(table.all);
    }

    /**
     * {@code dest add <chan> <spec>}: adds the spec's events, filters and flags to the channel's destination,
     * creating it if needed.
     *
     * @return the destination as it now is
     * @throws IllegalArgumentException (see {@link Destination#parse}) when the spec is wrong; nothing changes then
     */
    public synchronized Destination add(String channel, String spec) {
        Destination parsed = Destination.parse(channel, spec);
        Destination old = get(channel);
        Destination now = old == null ? parsed : old.merge(parsed);
        put(now);
        return now;
    }

    /**
     * {@code dest del <chan> <spec>}: removes the spec's events, filters and flags; {@code all} (or nothing left)
     * removes the whole destination.
     *
     * @return what remains, or {@code null} when the destination is gone (or never existed: see {@link #get})
     * @throws IllegalArgumentException when the spec is wrong; nothing changes then
     */
    public synchronized Destination remove(String channel, String spec) {
        Destination parsed = Destination.parse(channel, spec);
        Destination old = get(channel);
        if (old == null) {
            return null;
        }
        Destination now = parsed.events() == Destination.ALL ? null : old.minus(parsed);
        if (now == null || now.isEmpty()) {
            Map<String, Destination> m = new LinkedHashMap<>(table.byKey);
            m.remove(Destination.key(channel));
            table = Table.of(m);
            return null;
        }
        put(now);
        return now;
    }

    /**
     * {@code dest swap <a> <b>}: the two channels exchange their specs; if only one has a destination, it moves.
     *
     * @return false when neither channel has a destination (nothing changes)
     */
    public synchronized boolean swap(String a, String b) {
        Destination da = get(a);
        Destination db = get(b);
        if (da == null && db == null) {
            return false;
        }
        Map<String, Destination> m = new LinkedHashMap<>(table.byKey);
        m.remove(Destination.key(a));
        m.remove(Destination.key(b));
        if (db != null) {
            m.put(Destination.key(a), db.on(channelOf(a, da)));
        }
        if (da != null) {
            m.put(Destination.key(b), da.on(channelOf(b, db)));
        }
        table = Table.of(m);
        return true;
    }

    // keep the spelling an operator first gave a channel
    private static String channelOf(String typed, Destination existing) {
        return existing == null ? typed : existing.channel();
    }

    /**
     * {@code dest set <target> <source>}: the target gets a copy of the source's spec (replacing its own).
     *
     * @return the target's new destination, or {@code null} when the source has none (nothing changes)
     */
    public synchronized Destination set(String target, String source) {
        Destination src = get(source);
        if (src == null) {
            return null;
        }
        Destination old = get(target);
        Destination now = src.on(channelOf(target, old));
        put(now);
        return now;
    }

    private void put(Destination d) {
        Map<String, Destination> m = new LinkedHashMap<>(table.byKey);
        m.put(Destination.key(d.channel()), d);
        table = Table.of(m);
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Replaces the table by stored specs (channel → spec). A spec that no longer parses is skipped and reported, so
     * that one bad row never costs the others; an empty map brings back the default destination.
     *
     * @return one line per skipped row ({@code #chan: reason}), empty when all loaded
     */
    public synchronized List<String> load(Map<String, String> specs) {
        List<String> problems = new ArrayList<>();
        Map<String, Destination> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : specs.entrySet()) {
            try {
                Destination d = Destination.parse(e.getKey(), e.getValue());
                if (!d.isEmpty()) {
                    m.put(Destination.key(d.channel()), d);
                }
            } catch (IllegalArgumentException ex) {
                problems.add(e.getKey() + ": " + ex.getMessage());
            }
        }
        table = m.isEmpty() ? defaultTable() : Table.of(m);
        return problems;
    }

    /** The table as channel → canonical spec, sorted by channel, for the store. */
    public Map<String, String> specs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Destination d : table.all) {
            m.put(d.channel(), d.spec());
        }
        return m;
    }

    // ------------------------------------------------------------------ quiet and speak

    /** {@code quiet} in a channel: no more alerts there until {@link #speak}. */
    public synchronized void quiet(String channel) {
        Set<String> q = new HashSet<>(quiet);
        q.add(Destination.key(channel));
        quiet = Set.copyOf(q);
    }

    /** {@code speak} in a channel: alerts resume there; {@code quietall} is lifted too, since the bot speaks again. */
    public synchronized void speak(String channel) {
        Set<String> q = new HashSet<>(quiet);
        q.remove(Destination.key(channel));
        quiet = Set.copyOf(q);
        quietAll = false;
    }

    /** {@code quietall} (and {@code startupquiet}): no alerts anywhere. */
    public void quietAll() {
        quietAll = true;
    }

    /** Lifts {@code quietall} and every channel's quiet. */
    public synchronized void speakAll() {
        quiet = Set.of();
        quietAll = false;
    }

    /** Whether no alert goes to this channel now (its own quiet or {@code quietall}). */
    public boolean isQuiet(String channel) {
        return quietAll || quiet.contains(Destination.key(channel));
    }

    public boolean isQuietAll() {
        return quietAll;
    }

    // ------------------------------------------------------------------ commands heard

    /** Whether commands are heard in this channel ({@code cmds} or {@code cmdsq}). */
    public boolean hearsCommands(String channel) {
        Destination d = get(channel);
        return d != null && (d.cmds() || d.cmdsq());
    }

    /** Whether commands heard in this channel get no confirmation there ({@code cmdsq} without {@code cmds}). */
    public boolean commandsSilent(String channel) {
        Destination d = get(channel);
        return d != null && d.cmdsq() && !d.cmds();
    }
}
